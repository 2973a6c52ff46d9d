package org.cnnexplorer.app.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.explain.GradientChecker;
import org.cnnexplorer.explain.WeightRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The gradient check tab in the real window: all pass once noise breaks the ties; ties are marked, not failed. */
class GradientCheckViewTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        assertNotNull(stage);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.model().data() != null);
        robot.interact(() -> app.window().select(ExplorerApp.GRADCHECK_TAB));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void everyPickedWeightPassesOnATieFreeImage() {
        GradientCheckView view = app.gradientCheckView();
        assertEquals(20, view.picked().size(), "20 random weights are picked to start with");
        robot.clickOn("Add all filter weights");
        robot.clickOn("#gradcheck-run");
        List<GradientChecker.Result> r = view.resultsProperty().get();
        assertEquals(view.picked().size(), r.size());
        assertTrue(r.size() >= 72);
        for (GradientChecker.Result x : r) {
            assertEquals(GradientChecker.Status.PASS, x.status(), x.toString());
        }
        String summary = robot.lookup("#gradcheck-summary").queryAs(Label.class).getText();
        assertTrue(summary.contains(r.size() + " pass"), summary);
    }

    @Test
    void aFilterNumberOutOfRangeIsRefusedNotSwappedForAnother() {
        GradientCheckView view = app.gradientCheckView();
        int before = view.picked().size();
        robot.doubleClickOn("#gradcheck-f").push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write("99");
        robot.clickOn("#gradcheck-add");
        assertEquals(before, view.picked().size(), "nothing added (filter 1 once was, in place of 99)");
        javafx.scene.control.Spinner<?> f = robot.lookup("#gradcheck-f").queryAs(javafx.scene.control.Spinner.class);
        assertEquals("99", f.getEditor().getText(), "what was typed stays, marked");
        assertTrue(f.getEditor().getStyleClass().contains("invalid"));
        String summary = robot.lookup("#gradcheck-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("f must be a whole number from 1 to 8, not \"99\""), summary);
    }

    @Test
    void withoutNoiseTheTiesAreMarkedNotFailed() {
        GradientCheckView view = app.gradientCheckView();
        robot.clickOn("Add all filter weights");
        robot.clickOn("#gradcheck-noise");
        robot.clickOn("#gradcheck-run");
        List<GradientChecker.Result> r = view.resultsProperty().get();
        long ties = r.stream().filter(x -> x.status() == GradientChecker.Status.TIE).count();
        assertTrue(ties > 0, "MNIST's flat background ties under the article's pooling rule");
        for (GradientChecker.Result x : r) {
            assertTrue(x.status() != GradientChecker.Status.FAIL, x.toString());
            if (x.weight().kind() != WeightRef.Kind.CONV_FILTER) {
                assertEquals(GradientChecker.Status.PASS, x.status(), "softmax weights do not pass through pooling");
            }
        }
    }

    @Test
    void theTableSaysWhenTheModelHasMovedOn() throws Exception {
        GradientCheckView view = app.gradientCheckView();
        robot.clickOn("#gradcheck-run");
        assertTrue(!view.isStale());
        String fresh = robot.lookup("#gradcheck-summary").queryAs(Label.class).getText();
        assertTrue(!fresh.contains("has changed"), fresh);
        // one training step changes the weights under the table
        robot.interact(() -> app.training().controller().step());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#gradcheck-summary").queryAs(Label.class).getText()
                .startsWith("The model has changed since this check"));
        assertTrue(view.isStale());
        robot.interact(() -> app.training().controller().stop());
        robot.clickOn("#gradcheck-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.isStale());
        assertTrue(!robot.lookup("#gradcheck-summary").queryAs(Label.class).getText().contains("has changed"));
    }
}
