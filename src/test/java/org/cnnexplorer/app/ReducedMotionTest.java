package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** View > Reduce motion: the animations that are only for show do not start while it is on. */
class ReducedMotionTest {
    private final FxRobot robot = new FxRobot();
    private Scene scene;
    private TitledPane pane;
    private ProgressBar busy;

    @BeforeEach
    void scene() throws Exception {
        FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            pane = new TitledPane("Options", new Label("x"));
            busy = new ProgressBar();
            Motion.busy(busy);
            scene = new Scene(new VBox(pane, busy), 300, 200);
            scene.getStylesheets().add(ExplorerApp.class.getResource("app.css").toExternalForm());
            Motion.follow(scene);
            scene.getRoot().applyCss();
        });
    }

    @AfterEach
    void off() {
        robot.interact(() -> Motion.reducedProperty().set(false));
    }

    @Test
    void panesStopSlidingAndTheBusyBarStandsStill() {
        assertTrue(pane.isAnimated(), "by default a pane slides open");
        assertTrue(busy.isIndeterminate(), "and the busy bar sweeps");
        robot.interact(() -> {
            Motion.reducedProperty().set(true);
            scene.getRoot().applyCss();
        });
        assertTrue(scene.getRoot().getStyleClass().contains(Motion.STYLE));
        assertFalse(pane.isAnimated());
        assertFalse(busy.isIndeterminate(), "an indeterminate bar would start its sweep animation");
        assertEquals(0.5, busy.getProgress());
        robot.interact(() -> {
            Motion.reducedProperty().set(false);
            scene.getRoot().applyCss();
        });
        assertTrue(pane.isAnimated());
        assertTrue(busy.isIndeterminate());
    }
}
