package org.cnnexplorer.app.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.app.render.HeatmapView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The robot draws on the canvas of the real window (headless): the 28x28 preview and the
 * probabilities follow each stroke, undo and clear work by button and by key, and the drawing can be
 * sent to the feature maps and the step-through.
 */
class DrawViewTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        assertNotNull(stage);
        robot.interact(() -> app.window().select(ExplorerApp.DRAW_TAB));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void drawingUpdatesPreviewAndPrediction() {
        DrawView view = app.drawView();
        assertEquals(PretrainedModel.NAME, app.model().modelNameProperty().get(), "the shipped model loads at start-up");
        assertEquals(-1, view.predictedProperty().get());
        HeatmapView preview = robot.lookup("#draw-input").queryAs(HeatmapView.class);
        assertEquals(0, ink(preview), 1e-12);

        // A 7: first the top bar alone, then the diagonal.
        stroke(60, 60, 215, 60);
        double[] barOnly = probabilities(view);
        assertTrue(ink(preview) > 10, "the 28x28 preview shows the stroke");
        stroke(215, 60, 125, 245);
        assertEquals(7, view.predictedProperty().get(), "a drawn 7 is read as 7");
        double[] seven = probabilities(view);
        assertFalse(java.util.Arrays.equals(barOnly, seven), "the probabilities follow the drawing");

        // Ctrl+Z takes back the diagonal: exactly the earlier picture and prediction.
        robot.push(KeyCode.SHORTCUT, KeyCode.Z);
        assertArrayEquals(barOnly, probabilities(view), 0.0);

        stroke(215, 60, 125, 245);
        assertEquals(7, view.predictedProperty().get());
        robot.type(KeyCode.DELETE);
        assertEquals(-1, view.predictedProperty().get(), "Delete clears");
        assertNull(view.drawnInputProperty().get());
        assertEquals(0, ink(preview), 1e-12);

        robot.clickOn("#draw-undo");
        assertEquals(7, view.predictedProperty().get(), "a clear can be undone");
        robot.clickOn("#draw-clear");
        assertEquals(-1, view.predictedProperty().get());
        robot.type(KeyCode.ESCAPE);
        assertTrue(view.drawing().isEmpty());
    }

    @Test
    void drawnDigitGoesToFeatureMapsAndBackpropStep() {
        stroke(140, 30, 140, 250);
        int predicted = app.drawView().predictedProperty().get();
        assertEquals(1, predicted, "a vertical line is a 1");

        robot.clickOn("#draw-feature-maps");
        assertEquals("tab-feature-maps", app.window().tabs().getSelectionModel().getSelectedItem().getId());
        assertSame(app.window().tabs(), app.window().tabs().getScene().getFocusOwner(), "the tab row has the keyboard");
        assertNotNull(app.training().selection().activations());
        assertEquals(1, app.training().selection().activations().predicted());

        robot.interact(() -> app.window().select(ExplorerApp.DRAW_TAB));
        robot.clickOn("#draw-step-through");
        assertEquals(ExplorerApp.BACKPROP_TAB, app.window().tabs().getSelectionModel().getSelectedItem().getId());
        var trace = app.backpropView().traceProperty().get();
        assertNotNull(trace);
        assertEquals(1, trace.label, "the label defaults to the prediction and can be changed");
        // the keyboard is where that choice is made, not left behind on a control of another tab
        javafx.scene.Node focused = app.window().tabs().getScene().getFocusOwner();
        assertEquals("backprop-label", focused == null ? null : focused.getId());
        assertArrayEquals(app.drawView().drawnInputProperty().get(), trace.input(), 0.0);
    }

    @Test
    void aFastStrokeThatArrivesAsPressAndReleaseIsDrawnWhole() {
        // GTK delivers a quick burst of moves as a press and a release with nothing between.
        javafx.scene.canvas.Canvas canvas = (javafx.scene.canvas.Canvas) robot.lookup("#draw-canvas").queryAs(javafx.scene.layout.Region.class)
                .getChildrenUnmodifiable().get(0);
        robot.interact(() -> {
            fire(canvas, javafx.scene.input.MouseEvent.MOUSE_PRESSED, 25, 140, true);
            fire(canvas, javafx.scene.input.MouseEvent.MOUSE_RELEASED, 255, 140, false);
        });
        var ink = app.drawView().drawing().raster();
        assertEquals(1.0, ink.at(140, 140), 0.0, "the middle of the line is inked");
        assertEquals(1.0, ink.at(250, 140), 0.0, "so is its end");
        int crop = org.cnnexplorer.data.DigitPreprocessor.prepare(ink.ink(), DrawView.PAPER, DrawView.PAPER).crop().width();
        assertTrue(crop > 200, "the network's input is the whole line, not a dot: crop " + crop);
        assertTrue(app.drawView().predictedProperty().get() >= 0);
    }

    @Test
    void aHiddenDrawTabDoesNotFollowTrainingAndCatchesUpWhenShown() throws Exception {
        DrawView view = app.drawView();
        stroke(215, 60, 125, 245);
        double[] before = probabilities(view);
        robot.interact(() -> app.window().select("tab-training"));
        long renders = view.renders();
        // New weights arrive (as from training) while the tab is hidden.
        var fresh = org.cnnexplorer.train.Trainer.newNetwork(org.cnnexplorer.train.TrainConfig.article(), 28, 28);
        app.model().store().replace(fresh).get(10, java.util.concurrent.TimeUnit.SECONDS);
        robot.interact(() -> app.model().refreshSnapshot());
        assertArrayEquals(before, probabilities(view), 0.0, "hidden: no recomputing");
        assertEquals(renders, view.renders(), "hidden: not one render for the new frames");
        robot.interact(() -> app.window().select(org.cnnexplorer.app.ExplorerApp.DRAW_TAB));
        assertFalse(java.util.Arrays.equals(before, probabilities(view)), "shown again: it reads with the new weights");
    }

    @Test
    void clearEmptiesTheSaliencyScale() {
        org.cnnexplorer.app.render.ColorLegend legend = robot.from(app.drawView()).lookup(".color-legend")
                .queryAs(org.cnnexplorer.app.render.ColorLegend.class);
        assertTrue(legend.ticks().isBlank(), "nothing drawn, no scale: " + legend.ticks());
        stroke(140, 30, 140, 250);
        assertFalse(legend.ticks().isBlank(), "a scale once there is a saliency map: " + legend.ticks());
        robot.clickOn("#draw-clear");
        assertTrue(legend.ticks().isBlank(), "no map, no scale: " + legend.ticks());
    }

    private static void fire(javafx.scene.canvas.Canvas c, javafx.event.EventType<javafx.scene.input.MouseEvent> type, double x, double y, boolean primaryDown) {
        // The event carries scene coordinates; dispatch turns them into the canvas's own.
        Point2D scene = c.localToScene(x, y);
        Point2D s = c.localToScreen(x, y);
        javafx.event.Event.fireEvent(c, new javafx.scene.input.MouseEvent(type, scene.getX(), scene.getY(), s.getX(), s.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, primaryDown, false, false, true, false, false, null));
    }

    /** Drags the pen across the canvas, in canvas coordinates, in small steps. */
    private void stroke(double x0, double y0, double x1, double y1) {
        Node pad = robot.lookup("#draw-canvas").query();
        Bounds b = pad.localToScreen(pad.getBoundsInLocal());
        robot.moveTo(new Point2D(b.getMinX() + x0, b.getMinY() + y0));
        robot.press(MouseButton.PRIMARY);
        int n = 20;
        for (int i = 1; i <= n; i++) {
            robot.moveTo(new Point2D(b.getMinX() + x0 + (x1 - x0) * i / n, b.getMinY() + y0 + (y1 - y0) * i / n));
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static double[] probabilities(DrawView view) {
        return view.lastProbabilities();
    }

    private static double ink(HeatmapView v) {
        double s = 0;
        for (int r = 0; r < v.rows(); r++) {
            for (int c = 0; c < v.cols(); c++) {
                s += v.value(r, c);
            }
        }
        return s;
    }
}
