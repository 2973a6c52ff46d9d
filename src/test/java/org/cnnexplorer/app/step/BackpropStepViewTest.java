package org.cnnexplorer.app.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.explain.BackpropTrace;
import org.cnnexplorer.train.NetworkSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The step-through in the real window: every stage by key, then Apply changes the model as traced. */
class BackpropStepViewTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        assertNotNull(stage);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.model().data() != null);
        robot.interact(() -> app.window().select(ExplorerApp.BACKPROP_TAB));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.backpropView().traceProperty().get() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void walksEveryStageWithTheKeysAndApplies() throws Exception {
        BackpropStepView view = app.backpropView();
        BackpropTrace trace = view.traceProperty().get();
        assertEquals(app.model().data().train().label(0), trace.label, "training image 0 by default");
        assertEquals(15, view.stageCount());
        Label title = robot.lookup("#backprop-stage-title").queryAs(Label.class);
        Label equation = robot.lookup("#backprop-equation").queryAs(Label.class);

        java.util.Set<String> equations = new java.util.HashSet<>();
        for (int i = 0; i < view.stageCount(); i++) {
            assertEquals(i, view.stageIndexProperty().get());
            assertFalse(title.getText().isBlank());
            equations.add(equation.getText());
            if (i < view.stageCount() - 1) {
                robot.type(i % 2 == 0 ? KeyCode.RIGHT : KeyCode.PAGE_DOWN);
            }
        }
        assertEquals("sgd", view.stageId(view.stageIndexProperty().get()));
        assertEquals(view.stageCount(), equations.size(), "each stage shows its own equation");
        robot.type(KeyCode.RIGHT);
        assertEquals(view.stageCount() - 1, view.stageIndexProperty().get(), "stays on the last stage");
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.PAGE_UP);
        assertEquals(view.stageCount() - 3, view.stageIndexProperty().get());
        robot.type(KeyCode.END);

        NetworkSnapshot before = app.model().snapshot();
        assertEquals(trace.snapshotVersion, before.version);
        robot.clickOn("#backprop-apply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.model().snapshot().version > before.version);
        WaitForAsyncUtils.waitForFxEvents();
        NetworkSnapshot after = app.model().snapshot();
        double[] expected = trace.filtersAfter();
        for (int f = 0; f < after.numFilters; f++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, f * 9, f * 9 + 9), after.filter(f), 0.0);
        }
        // The view moved on to the next step, computed on the updated model.
        BackpropTrace next = view.traceProperty().get();
        assertEquals(after.version, next.snapshotVersion);
        assertArrayEquals(expected, next.filtersBefore(), 0.0);
        assertEquals(trace.probabilitiesAfter()[trace.label], next.probabilities()[trace.label], 1e-12);
        assertTrue(robot.lookup("#backprop-status").queryAs(Label.class).getText().startsWith("Applied"));
    }

    @Test
    void anEvaluationOfTheWeightsBeforeAnAppliedStepSaysItIsStale() throws Exception {
        var training = app.training().controller();
        robot.interact(training::evaluateNow);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> training.lastTestProperty().get() != null);
        robot.interact(() -> app.window().select(org.cnnexplorer.app.page.PageIds.EVALUATION));
        Label stale = robot.lookup("#eval-stale").queryAs(Label.class);
        assertFalse(stale.isVisible(), "fresh");
        assertTrue(WaitForAsyncUtils.asyncFx(app.backpropView()::apply).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stale::isVisible);
        assertTrue(stale.getText().contains("applied by hand"), stale.getText());
        var first = training.lastTestProperty().get();
        robot.interact(training::evaluateNow);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> training.lastTestProperty().get() != first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stale.isVisible());
    }

    @Test
    void applyIsRefusedWhenTheModelChangedMeanwhile() throws Exception {
        BackpropStepView view = app.backpropView();
        BackpropTrace stale = view.traceProperty().get();
        // Another change reaches the live model first (as a training step or a loaded model would).
        app.model().store().submit(net -> {
            net.softmax.biases()[0] += 0.1;
            return null;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(stale, view.traceProperty().get());
        boolean applied = WaitForAsyncUtils.asyncFx(view::apply).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertFalse(applied);
        WaitForAsyncUtils.waitForFxEvents();
        NetworkSnapshot now = app.model().snapshot();
        assertArrayEquals(stale.filtersBefore(), concat(now), 0.0, "the stale step was not written");
        assertTrue(robot.lookup("#backprop-status").queryAs(Label.class).getText().startsWith("Not applied"));
    }

    @Test
    void applyUsesTheRateOnScreenAndNothingWhileItIsNotARate() throws Exception {
        BackpropStepView view = app.backpropView();
        javafx.scene.control.TextField rate = robot.lookup("#backprop-learn-rate").queryAs(javafx.scene.control.TextField.class);
        javafx.scene.control.Button apply = robot.lookup("#backprop-apply").queryAs(javafx.scene.control.Button.class);
        // typed, no Enter, focus still in the field: the step already uses it
        robot.interact(() -> rate.setText("0.25"));
        assertEquals(0.25, view.traceProperty().get().learnRate);
        assertFalse(apply.isDisabled());
        robot.interact(() -> rate.setText("abc"));
        assertTrue(apply.isDisabled(), "no step while the rate on screen is not a rate (0.25 was once applied instead)");
        NetworkSnapshot before = app.model().snapshot();
        assertFalse(WaitForAsyncUtils.asyncFx(view::apply).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        assertEquals(before.version, app.model().snapshot().version, "the model is unchanged");
        robot.interact(() -> rate.setText("0.005"));
        assertFalse(apply.isDisabled());
        assertEquals(0.005, view.traceProperty().get().learnRate);
    }

    private static double[] concat(NetworkSnapshot s) {
        double[] all = new double[s.numFilters * 9];
        for (int f = 0; f < s.numFilters; f++) {
            System.arraycopy(s.filter(f), 0, all, f * 9, 9);
        }
        return all;
    }

    @Test
    void eachStageIsAnnouncedWithItsTitleAndMainNumber() throws Exception {
        BackpropStepView view = app.backpropView();
        BackpropTrace trace = view.traceProperty().get();
        Label position = robot.lookup("#backprop-position").queryAs(Label.class);
        java.util.Set<String> said = new java.util.HashSet<>();
        for (int i = 0; i < view.stageCount(); i++) {
            int at = i;
            String text = WaitForAsyncUtils.asyncFx(() -> (String) position.queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT)).get();
            String title = robot.lookup("#backprop-stage-title").queryAs(Label.class).getText();
            assertTrue(text.startsWith("Stage " + (at + 1) + " of " + view.stageCount() + ": " + title + "."), text);
            assertTrue(text.length() > ("Stage 1 of 15: " + title + ".").length() + 5, "a number follows: " + text);
            said.add(text);
            robot.interact(view::next);
        }
        assertEquals(view.stageCount(), said.size(), "every stage says something of its own");
        robot.interact(() -> view.highlight("stage loss"));
        assertTrue(view.announcement().endsWith("L = " + StageWidgets.num(trace.loss) + "."), view.announcement());
        robot.interact(() -> view.highlight("stage probs"));
        assertTrue(view.announcement().contains("p of digit " + trace.label + " = " + StageWidgets.prob(trace.probabilities()[trace.label])),
                view.announcement());
    }

    /** The text a label or button shows (its skin's text node), which is cut with "…" when it does not fit. */
    private static String shownText(javafx.scene.control.Labeled l) {
        javafx.scene.text.Text t = (javafx.scene.text.Text) l.lookup(".text");
        return t == null ? null : t.getText();
    }

    @Test
    void theStepButtonsKeepTheirWholeLabelsAtDefaultSizeAndZoomed() throws Exception {
        robot.interact(() -> {
            org.cnnexplorer.app.Themes.apply(app.window().root().getScene(), org.cnnexplorer.app.Themes.Theme.LIGHT);
            app.window().root().getScene().getWindow().setWidth(1280);
        });
        // One training step: the model moves on, so the view shows Recompute and a long status line beside the buttons.
        long version = app.model().snapshot().version;
        robot.interact(() -> app.training().controller().step());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.model().snapshot().version != version);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#backprop-recompute").query().isVisible());
        try {
            for (double zoom : new double[] {1, 1.5}) {
                robot.interact(() -> app.settings().zoom().set(zoom));
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> app.window().root().getScene().getRoot().layout());
                for (String id : new String[] {"backprop-back", "backprop-next", "backprop-position", "backprop-recompute", "backprop-apply"}) {
                    javafx.scene.control.Labeled l = robot.lookup("#" + id).queryAs(javafx.scene.control.Labeled.class);
                    String shown = WaitForAsyncUtils.asyncFx(() -> shownText(l)).get();
                    assertEquals(l.getText(), shown, id + " at zoom " + zoom);
                }
            }
        } finally {
            robot.interact(() -> {
                app.training().controller().stop();
                app.settings().zoom().set(1);
                javafx.application.Application.setUserAgentStylesheet(null);
                org.cnnexplorer.app.Themes.currentProperty().set(org.cnnexplorer.app.Themes.Theme.STANDARD);
            });
        }
    }
}
