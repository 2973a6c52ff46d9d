package org.cnnexplorer.app.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunReplay;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.TrainingSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the timeline in the real window headless: record, scrub, keys, replay, resume, compare, save and open. */
class TimelineWindowTest {
    private static final long WAIT = 90;

    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            app.training().controller().stop();
            return null;
        });
        for (Window w : fx(() -> Window.getWindows().stream().filter(w -> w != app.window().root().getScene().getWindow()).toList())) {
            fx(() -> {
                if (w instanceof Stage s) {
                    s.close();
                }
                return null;
            });
        }
        FxToolkit.cleanupApplication(app);
    }

    /** The weights the views show now, as one array. */
    private double[] shownWeights() throws Exception {
        return fx(() -> RunHistory.paramsOf(app.model().snapshot().toNetwork()));
    }

    private double[] replayed(SessionRun r, long step) throws Exception {
        Dataset train = fx(() -> app.model().data().train());
        return RunHistory.paramsOf(new RunReplay(r.history(), train).seek(step));
    }

    /** Waits until the views show step {@code n} of the timeline's run. */
    private void waitForStep(long n) throws Exception {
        waitFor(() -> {
            TrainingSnapshot s = app.training().controller().snapshotProperty().get();
            return app.model().isPinned() && s != null && s.globalStep() == n;
        });
    }

    @Test
    void recordScrubReplayResumeCompareSaveAndOpen() throws Exception {
        TimelineFeature tl = app.timeline();
        TimelineBar bar = tl.bar();
        TrainingController c = app.training().controller();
        TrainConfig small = TrainConfig.article().withSizes(200, 100).withEpochs(2);
        // Before any run the window has no timeline row, and the row's Evaluate has no step to
        // test ("step 0" once tested the bundled model).
        assertTrue(fx(() -> robot.lookup("#timeline").tryQuery().isEmpty()), "no timeline before a run");
        assertTrue(fx(() -> bar.lookup("#timeline-evaluate").isDisabled()));
        fx(() -> {
            c.configProperty().set(small);
            c.paceProperty().set(Double.POSITIVE_INFINITY);
            c.start();
            return null;
        });
        waitFor(() -> tl.runs().runs().size() == 1 && c.state() == TrainingController.RunState.IDLE
                && tl.runs().runs().get(0).history().status() == RunHistory.Status.FINISHED);
        SessionRun run1 = fx(() -> tl.runs().runs().get(0));
        assertEquals(400, run1.history().endStep());
        assertEquals("Run 1", run1.name());
        assertTrue(fx(bar::isFollowing), "the timeline followed the live run");
        assertFalse(fx(() -> app.model().isPinned()), "following: the views show the live weights");
        assertEquals(2, run1.history().tests().size(), "a test after each epoch is recorded");
        assertSame(bar, fx(() -> robot.lookup("#timeline").query()), "the first run brings the timeline row");

        // Keys on the slider: one step back, then 100 back; every view gets that step's weights.
        robot.clickOn("#timeline-slider");
        fx(() -> {
            bar.userMoved(400);
            bar.slider().requestFocus();
            return null;
        });
        robot.type(KeyCode.LEFT);
        waitForStep(399);
        assertArrayEquals(replayed(run1, 399), shownWeights());
        robot.type(KeyCode.PAGE_DOWN);
        waitForStep(299);
        assertArrayEquals(replayed(run1, 299), shownWeights());
        robot.type(KeyCode.RIGHT);
        waitForStep(300);

        // Any step, mid-epoch: weights, the filter gradient of that step and its image.
        fx(() -> {
            bar.userMoved(137);
            return null;
        });
        waitForStep(137);
        Dataset train = fx(() -> app.model().data().train());
        RunReplay check = new RunReplay(run1.history(), train);
        Network at137 = check.seek(137);
        NetworkSnapshot shown = fx(() -> app.model().snapshot());
        assertArrayEquals(RunHistory.paramsOf(at137), RunHistory.paramsOf(shown.toNetwork()));
        for (int f = 0; f < 8; f++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(at137.conv.dLdFilters(), f * 9, f * 9 + 9), shown.filterGradient(f));
        }
        TrainingSnapshot ts = fx(() -> c.snapshotProperty().get());
        assertEquals(check.trainer().lastImage(), ts.imageIndex());
        assertEquals(1, ts.epoch());
        assertNotNull(ts.current());
        assertTrue(fx(() -> bar.slider().getValue()) == 137.0);

        // Play, then pause: the replay moves forward on its own.
        // Slowly (10 steps a second), so that the replay cannot reach the run's end before Pause.
        fx(() -> {
            bar.speedBox().setValue(10);
            return null;
        });
        robot.clickOn("#timeline-play");
        waitFor(() -> fx(bar::step) > 139);
        robot.clickOn("#timeline-play");
        assertFalse(fx(bar::isPlaying));
        long paused = fx(bar::step);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        assertEquals(paused, (long) fx(bar::step), "paused stays put");

        // Evaluation at this step, with progress; the Evaluation view gets the result.
        waitForStep(paused);
        fx(() -> {
            tl.evaluateHere();
            return null;
        });
        waitFor(() -> c.lastTestProperty().get() != null && c.lastTestProperty().get().imagesSeen() == paused);
        assertEquals(100, fx(() -> c.lastTestProperty().get().result().count()));

        // Resume from step 150 with another learning rate: a second run continues the schedule.
        fx(() -> {
            tl.resume(run1, 150, small.withLearnRate(0.02));
            return null;
        });
        waitFor(() -> tl.runs().runs().size() == 2
                && tl.runs().runs().get(1).history().status() == RunHistory.Status.FINISHED);
        SessionRun run2 = fx(() -> tl.runs().runs().get(1));
        assertEquals(150, run2.history().startStep());
        assertEquals(400, run2.history().endStep());
        assertEquals(new RunHistory.Origin("Run 1", 150), run2.history().origin());
        assertEquals(0.02, run2.history().config().learnRate());
        assertArrayEquals(replayed(run1, 150), replayed(run2, 150), "run 2 starts from run 1's weights at step 150");
        assertEquals(400, run1.history().endStep(), "the old run stays");
        assertTrue(fx(() -> run2.settings().contains("resumed from Run 1 at step 150")));

        // The Training tab's curves are run 2's now: run 1's moments get no cursor there, run 2's do.
        org.cnnexplorer.app.view.TrainingCharts charts = app.training().trainingView().charts();
        fx(() -> {
            app.window().select(org.cnnexplorer.app.page.PageIds.TRAINING);
            bar.runBox().setValue(run2);
            bar.userMoved(270);
            return null;
        });
        waitForStep(270);
        waitFor(() -> charts.lossCursor().isVisible() && charts.accuracyCursor().isVisible());
        fx(() -> {
            bar.runBox().setValue(run1);
            bar.userMoved(260);
            return null;
        });
        waitForStep(260);
        waitFor(() -> !charts.lossCursor().isVisible() && !charts.accuracyCursor().isVisible());

        // Compare: both runs on the Runs tab's charts, a cursor at the timeline's step, filters side by side.
        fx(() -> {
            app.window().select(TimelineFeature.RUNS_TAB);
            bar.runBox().setValue(run1);
            bar.userMoved(250);
            return null;
        });
        waitForStep(250);
        RunsView rv = tl.runsView();
        waitFor(() -> rv.lossChart().getData().size() == 2 && rv.accuracyChart().getData().size() == 2);
        assertEquals("Run 1", fx(() -> rv.lossChart().getData().get(0).getName()));
        assertEquals("Run 2", fx(() -> rv.lossChart().getData().get(1).getName()));
        waitFor(() -> rv.lossCursor().isVisible());
        assertEquals(run1, fx(() -> rv.compareLeft().getValue()));
        assertEquals(run2, fx(() -> rv.compareRight().getValue()));
        fx(() -> {
            run2.overlaidProperty().set(false);
            return null;
        });
        waitFor(() -> rv.lossChart().getData().size() == 1);

        // Save run 2, open it again: a third run with the same history.
        Path file = dir.resolve("run2.cnnrun");
        fx(() -> tl.save(run2, file));
        waitFor(() -> Files.exists(file));
        fx(() -> tl.open(file));
        waitFor(() -> tl.runs().runs().size() == 3);
        SessionRun opened = fx(() -> tl.runs().runs().get(2));
        assertEquals(run2.history().windows(), opened.history().windows());
        waitForStep(400);
        assertArrayEquals(replayed(run2, 400), shownWeights(), "the opened run is shown at its end");

        // A broken run file: one dialog, nothing changes.
        Path bad = dir.resolve("bad.cnnrun");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(file), 1000));
        fx(() -> tl.open(bad));
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        assertEquals(3, fx(() -> tl.runs().runs().size()));

        // Back to live: the views show the live weights again.
        fx(() -> {
            bar.goLive();
            return null;
        });
        assertFalse(fx(() -> app.model().isPinned()));
    }

    /** A short finished run of 400 steps, the timeline following it. */
    private SessionRun trainSmallRun() throws Exception {
        TimelineFeature tl = app.timeline();
        TrainingController c = app.training().controller();
        fx(() -> {
            c.configProperty().set(TrainConfig.article().withSizes(200, 100).withEpochs(2));
            c.paceProperty().set(Double.POSITIVE_INFINITY);
            c.start();
            return null;
        });
        waitFor(() -> tl.runs().runs().size() == 1 && c.state() == TrainingController.RunState.IDLE
                && tl.runs().runs().get(0).history().status() == RunHistory.Status.FINISHED);
        return fx(() -> tl.runs().runs().get(0));
    }

    /** Where a cursor line stands, in its chart's x axis's display coordinates. */
    private static double cursorOnAxis(javafx.scene.shape.Line cursor, javafx.scene.chart.LineChart<Number, Number> chart) {
        return chart.getXAxis().sceneToLocal(cursor.localToScene(cursor.getStartX(), cursor.getStartY())).getX();
    }

    @Test
    void bothTrainingChartsHaveACursorAtTheTimelinesStep() throws Exception {
        trainSmallRun();
        TimelineBar bar = app.timeline().bar();
        org.cnnexplorer.app.view.TrainingCharts charts = app.training().trainingView().charts();
        fx(() -> {
            app.window().select(org.cnnexplorer.app.page.PageIds.TRAINING);
            return null;
        });
        assertFalse(fx(() -> charts.lossCursor().isVisible() || charts.accuracyCursor().isVisible()), "live: no cursor");
        for (long step : new long[] {137, 350}) {
            fx(() -> {
                bar.userMoved(step);
                return null;
            });
            waitForStep(step);
            // the last 100 steps there, not at the run's end
            org.cnnexplorer.train.WindowStats w = fx(() -> app.model().frame().moment().run().history().windows()).stream()
                    .filter(x -> x.globalStep() == step / 100 * 100).findFirst().orElseThrow();
            String windowText = String.format(java.util.Locale.ROOT, "Last 100 steps: loss %.3f, accuracy %.0f%%", w.averageLoss(), 100 * w.accuracy());
            waitFor(() -> fx(() -> windowText.equals(robot.lookup("#last-window").queryLabeled().getText())));
            // Both cursors at the step on their own axis, read in one go on the FX thread (a chart
            // laid out anew, e.g. just built, moves its axis a pulse before its cursor follows).
            String[] off = {""};
            try {
                waitFor(() -> fx(() -> {
                    off[0] = "";
                    for (var pair : java.util.List.of(java.util.Map.entry(charts.lossCursor(), charts.lossChart()),
                            java.util.Map.entry(charts.accuracyCursor(), charts.accuracyChart()))) {
                        double at = cursorOnAxis(pair.getKey(), pair.getValue());
                        double want = pair.getValue().getXAxis().getDisplayPosition(step);
                        if (!pair.getKey().isVisible() || Math.abs(at - want) >= 0.5) {
                            off[0] += pair.getValue().getId() + " cursor at " + at + " px, step " + step + " at " + want + " px; ";
                        }
                    }
                    return off[0].isEmpty();
                }));
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the cursor does not stand at the timeline's step: " + off[0]);
            }
        }
        // One channel: a moment arrives as one frame (weights, training step, moment together),
        // and a view that reads both the weights and the training step is told once, not twice.
        int[] told = {0};
        fx(() -> {
            app.training().selection().addListener(() -> told[0]++);
            bar.userMoved(222);
            return null;
        });
        waitForStep(222);
        org.cnnexplorer.app.page.Frame f = fx(() -> app.model().frame());
        assertEquals(222, f.moment().step());
        assertEquals(222, f.training().globalStep());
        assertTrue(f.weights() == f.training().network(), "the frame's weights are its step's");
        assertEquals(1, (int) fx(() -> told[0]), "one frame, one notice");
        fx(() -> {
            bar.goLive();
            return null;
        });
        waitFor(() -> !charts.lossCursor().isVisible() && !charts.accuracyCursor().isVisible());
        assertTrue(fx(() -> app.model().frame().live()));
    }

    @Test
    void evaluationTestsTheShownMomentsWeightsAndIsMarkedStaleWhenItMoves() throws Exception {
        SessionRun run = trainSmallRun();
        TimelineBar bar = app.timeline().bar();
        TrainingController c = app.training().controller();
        org.cnnexplorer.app.view.EvaluationView ev = app.training().evaluationView();
        Dataset test = fx(() -> app.model().data().test().head(100));
        fx(() -> {
            app.window().select(org.cnnexplorer.app.page.PageIds.EVALUATION);
            bar.userMoved(137);
            return null;
        });
        waitForStep(137);
        // Evaluate now: progress shows at once, and the status says which weights it tests.
        String[] status = new String[1];
        assertTrue(fx(() -> {
            robot.lookup("#evaluate-button").queryButton().fire();
            status[0] = app.model().statusProperty().get();  // before 100 images can be done
            return robot.lookup("#eval-progress").query().isVisible();
        }), "progress shows while it runs");
        assertTrue(status[0].contains("step 137 of Run 1"), status[0]);
        waitFor(() -> c.lastTestProperty().get() != null && c.lastTestProperty().get().imagesSeen() == 137
                && !robot.lookup("#eval-progress").query().isVisible());
        org.cnnexplorer.train.EvalResult shown = fx(() -> c.lastTestProperty().get().result());
        org.cnnexplorer.train.EvalResult atStep = org.cnnexplorer.train.Evaluator.evaluate(
                new RunReplay(run.history(), fx(() -> app.model().data().train())).seek(137), test);
        org.cnnexplorer.train.EvalResult live = org.cnnexplorer.train.Evaluator.evaluate(
                fx(() -> app.model().store().latest().toNetwork()), test);
        assertEquals(atStep.loss(), shown.loss(), "the step's weights were tested");
        assertTrue(live.loss() != shown.loss(), "not the live weights");
        assertArrayEquals(atStep.predicted(), shown.predicted());
        waitFor(() -> robot.lookup("#eval-summary").queryLabeled().getText().contains("weights at step 137 of Run 1"));
        assertFalse(fx(() -> robot.lookup("#eval-stale").query().isVisible()));

        // The timeline moves: the result stays, marked stale, until Evaluate runs at the new step.
        fx(() -> {
            bar.userMoved(300);
            return null;
        });
        waitForStep(300);
        waitFor(() -> robot.lookup("#eval-stale").query().isVisible());
        String note = fx(() -> robot.lookup("#eval-stale").queryLabeled().getText());
        assertTrue(note.contains("step 137 of Run 1") && note.contains("step 300 of Run 1"), note);
        fx(() -> {
            app.training().controller().evaluateNow();
            return null;
        });
        waitFor(() -> c.lastTestProperty().get().imagesSeen() == 300 && !robot.lookup("#eval-stale").query().isVisible());
        fx(() -> {
            bar.goLive();
            return null;
        });
        waitFor(() -> robot.lookup("#eval-stale").query().isVisible());
    }

    @Test
    void theTimelineRowFitsTheSmallestWindow() throws Exception {
        TimelineFeature tl = app.timeline();
        TimelineBar bar = tl.bar();
        trainSmallRun();
        Stage stage = fx(() -> (Stage) bar.getScene().getWindow());
        fx(() -> {
            stage.setWidth(800);
            stage.setHeight(560);
            return null;
        });
        // Once laid out at 800 px: the row was ~1,300 px wide and cut off Live, Resume, Evaluate and the status bar's end.
        waitFor(() -> fx(() -> bar.getScene().getWidth() <= 800));
        fx(() -> {
            bar.getScene().getRoot().layout();
            return null;
        });
        double scene = fx(() -> bar.getScene().getWidth());
        assertTrue(fx(() -> bar.minWidth(-1)) <= scene, "the row can shrink to the window: " + fx(() -> bar.minWidth(-1)));
        assertTrue(fx(bar::getWidth) <= scene, "the row fits: " + fx(bar::getWidth) + " in " + scene);
        for (javafx.scene.Node n : fx(() -> bar.lookupAll(".button"))) {
            javafx.scene.control.Button b = (javafx.scene.control.Button) n;
            if (fx(b::isVisible)) {
                assertTrue(fx(() -> b.getWidth() >= b.prefWidth(-1) - 0.5), b.getText() + " keeps its text: " + fx(b::getWidth)
                        + " < " + fx(() -> b.prefWidth(-1)));
                javafx.geometry.Bounds inScene = fx(() -> b.localToScene(b.getBoundsInLocal()));
                assertTrue(inScene.getMaxX() <= scene + 0.5, b.getText() + " is inside the window: " + inScene);
            }
        }
        // The default window keeps a single row (slider, then the buttons).
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(860);
            return null;
        });
        waitFor(() -> fx(() -> bar.getChildren().size() == 2));
    }

    @Test
    void theResumeDialogChecksWhatIsTypedAndUsesWhatItShows() throws Exception {
        TimelineFeature tl = app.timeline();
        trainSmallRun();
        java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = fx(() -> {
            Thread.UncaughtExceptionHandler h = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            return h;
        });
        try {
            fx(() -> {
                tl.bar().userMoved(300);
                return null;
            });
            robot.clickOn("#timeline-resume");
            waitFor(() -> robot.lookup("#resume-dialog").tryQuery().isPresent());
            javafx.scene.Node ok = fx(() -> ((javafx.scene.control.DialogPane) robot.lookup("#resume-dialog").query())
                    .lookupButton(javafx.scene.control.ButtonType.OK));
            // Step 300 of 200-step epochs: at least 2 epochs leave a step to train.
            for (String typed : new String[] {"abc", "0", "99999999999"}) {
                robot.clickOn("#resume-epochs").push(KeyCode.CONTROL, KeyCode.A).eraseText(1).write(typed).type(KeyCode.TAB);
                WaitForAsyncUtils.waitForFxEvents();
                assertTrue(uncaught.isEmpty(), typed + ": no exception: " + uncaught);
                assertEquals("Epochs in all: a whole number from 2 to 100,000, not \"" + typed + "\"",
                        fx(() -> robot.lookup("#resume-epochs-error").queryLabeled().getText()), typed);
                assertTrue(fx(ok::isDisabled), typed + ": OK waits for a usable number");
                assertEquals(typed, fx(() -> robot.lookup("#resume-epochs").queryAs(javafx.scene.control.TextField.class).getText()),
                        "not clamped");
            }
            robot.clickOn("#resume-epochs").push(KeyCode.CONTROL, KeyCode.A).eraseText(1).write("4").type(KeyCode.TAB);
            waitFor(() -> !fx(ok::isDisabled));
            assertFalse(fx(() -> robot.lookup("#resume-epochs-error").query().isVisible()));
            robot.clickOn(ok);
            waitFor(() -> tl.runs().runs().size() == 2);
            assertEquals(4, fx(() -> tl.runs().runs().get(1).history().config().epochs()), "the number shown is the one used");
            assertTrue(uncaught.isEmpty(), "no exception: " + uncaught);
        } finally {
            fx(() -> {
                Thread.currentThread().setUncaughtExceptionHandler(before);
                return null;
            });
        }
    }

    static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(WAIT, TimeUnit.SECONDS);
    }

    static void waitFor(Callable<Boolean> cond) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, cond);
    }
}
