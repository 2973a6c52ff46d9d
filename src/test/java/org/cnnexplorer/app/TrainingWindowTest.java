package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.app.TrainingController.RunState;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.TrainingSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless: train, watch, pause, step, resume, stop, inspect, load a bad folder. */
class TrainingWindowTest {
    private static final long WAIT = 60;

    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

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
        for (Window w : fx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != app.window().root().getScene().getWindow()).toList())) {
            fx(() -> {
                if (w instanceof Stage s) {
                    s.close();
                }
                return null;
            });
        }
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void learningCurvesAreBuiltWhenARunStarts() throws Exception {
        // Before a run the Training tab says where the curves will be; the charts (a fifth of the
        // first frame) are not built. Start builds them in that place.
        assertTrue(fx(() -> robot.lookup("#charts-empty").query().isVisible()));
        assertTrue(fx(() -> robot.lookup("#loss-chart").tryQuery().isEmpty() && robot.lookup("#accuracy-chart").tryQuery().isEmpty()));
        TrainingController c = app.training().controller();
        fx(() -> {
            c.paceProperty().set(200);
            return null;
        });
        robot.clickOn("#start-button");
        waitFor(() -> fx(() -> robot.lookup("#loss-chart").tryQuery().isPresent() && robot.lookup("#accuracy-chart").tryQuery().isPresent()));
        assertTrue(fx(() -> robot.lookup("#charts-empty").tryQuery().isEmpty()), "the charts take the message's place");
        waitFor(() -> fx(() -> app.training().trainingView().charts().trainPoints()) >= 1);
    }

    @Test
    void trainWatchPauseStepResumeStopAndInspect() throws Exception {
        TrainingFeature t = app.training();
        TrainingController c = t.controller();
        fx(() -> {
            c.paceProperty().set(1500);
            return null;
        });
        long filterVersion = fx(() -> {
            app.window().select("tab-filters");
            return t.filtersView().weightMap(0).version();
        });
        long frames = fx(() -> t.frameRate().frames());

        fx(() -> {
            app.window().select("tab-training");
            return null;
        });
        robot.clickOn("#start-button");
        waitFor(() -> c.state() == RunState.RUNNING);
        waitFor(() -> t.trainingView().charts().trainPoints() >= 3);
        fx(() -> {
            app.window().select("tab-filters");
            return null;
        });
        waitFor(() -> t.filtersView().weightMap(0).version() > filterVersion + 2);
        long framesNow = fx(() -> t.frameRate().frames());
        assertTrue(framesNow > frames + 20, "frames keep coming while training: " + (framesNow - frames));
        waitFor(() -> t.frameRate().fpsProperty().get() > 0);

        fx(() -> {
            app.window().select("tab-training");
            return null;
        });
        robot.clickOn("#pause-button");
        waitFor(() -> c.state() == RunState.PAUSED);
        // the run publishes where it paused; give the window a few frames to take it up
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long paused = stepsNow(c);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(paused, stepsNow(c), "a paused run stays put");

        robot.clickOn("#step-button");
        waitFor(() -> stepsNow(c) == paused + 1);
        robot.clickOn("#step-button");
        waitFor(() -> stepsNow(c) == paused + 2);

        robot.clickOn("#pause-button");   // now "Resume"
        waitFor(() -> c.state() == RunState.RUNNING);
        waitFor(() -> stepsNow(c) > paused + 50);

        robot.clickOn("#stop-button");
        waitFor(() -> c.state() == RunState.IDLE);

        // the routing view shows the last training image: 26x26 maps with routed gradient
        fx(() -> {
            app.window().select("tab-pooling");
            return null;
        });
        waitFor(() -> t.poolingView().routedMap().cols() == 26);
        assertEquals(26, fx(() -> t.poolingView().convMap().rows()));
        robot.clickOn("#routing-source").clickOn("Test set");
        waitFor(() -> t.selection().sourceProperty().get() == org.cnnexplorer.app.view.ImageSelection.Source.TEST_SET);
        long v = fx(() -> t.poolingView().routedMap().version());
        robot.clickOn("#routing-next");
        waitFor(() -> t.selection().indexProperty().get() == 1);
        waitFor(() -> t.poolingView().routedMap().version() > v);

        // evaluation on demand, then a confusion-matrix cell opens its images
        fx(() -> {
            app.window().select("tab-evaluation");
            return null;
        });
        robot.clickOn("#evaluate-button");
        waitFor(() -> c.lastTestProperty().get() != null);
        waitFor(() -> !t.evaluationView().matrix().cellText(1, 1).isEmpty());
        // misclassified images are shown (read on the FX thread: the gallery fills after the matrix)
        waitFor(() -> fx(() -> t.evaluationView().galleryCount()) > 0);
        var matrix = t.evaluationView().matrix();
        robot.clickOn(fx(() -> matrix.localToScreen(matrix.cellCenter(1, 1))));
        waitFor(() -> fx(() -> t.evaluationView().galleryCount()) == Math.min(120, Integer.parseInt(t.evaluationView().matrix().cellText(1, 1))));
    }

    @Test
    void anotherEvaluationWithAsManyMistakesKeepsTheGalleryTilesInPlace() throws Exception {
        // Putting all 120 tiles back into the gallery after every evaluation restyled and laid them
        // out anew: 0.15 s of the window thread after every epoch while the tab was open.
        TrainingController c = app.training().controller();
        var view = app.training().evaluationView();
        fx(() -> {
            app.window().select("tab-evaluation");
            c.evaluateNow();
            return null;
        });
        waitFor(() -> c.lastTestProperty().get() != null);
        waitFor(() -> fx(() -> view.galleryCount()) > 0);
        var first = c.lastTestProperty().get();
        long renders = fx(() -> view.renders());
        int[] changes = {0};
        fx(() -> {
            ((javafx.scene.layout.Pane) view.lookup("#gallery")).getChildren()
                    .addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) ch -> changes[0]++);
            c.evaluateNow();
            return null;
        });
        waitFor(() -> c.lastTestProperty().get() != first && fx(() -> view.renders()) > renders);
        assertEquals(first.result().correct(), c.lastTestProperty().get().result().correct(), "the same weights, the same mistakes");
        assertEquals(0, (int) fx(() -> changes[0]), "the gallery's tiles stayed where they were");
    }

    @Test
    void anEvaluationViewBuiltAfterAnEvaluationShowsIt() throws Exception {
        // The Evaluation tab is built on its first visit, which may come after an evaluation:
        // it showed "No evaluation yet" beside the status bar's accuracy until the next one.
        TrainingController c = app.training().controller();
        fx(() -> {
            c.evaluateNow();
            return null;
        });
        waitFor(() -> c.lastTestProperty().get() != null);
        String summary = fx(() -> new org.cnnexplorer.app.view.EvaluationView(app.model(), c, i -> { }).summaryText());
        double accuracy = c.lastTestProperty().get().result().accuracy();
        assertTrue(summary.startsWith(String.format(java.util.Locale.ROOT, "Test accuracy %.1f%%", 100 * accuracy)), summary);
    }

    @Test
    void stepFromIdleTrainsOneImageAndShowsItsFeatureMaps() throws Exception {
        TrainingFeature t = app.training();
        robot.clickOn("#step-button");
        waitFor(() -> stepsNow(t.controller()) == 1);
        assertEquals(RunState.PAUSED, t.controller().state());
        assertEquals("new model (seed 1)", app.model().modelNameProperty().get(),
                "training starts from the article's initial weights, not the shipped pre-trained model");
        fx(() -> {
            app.window().select("tab-feature-maps");
            return null;
        });
        waitFor(() -> t.featureMapsView().inputMap().cols() == 28);
        assertEquals(26, fx(() -> t.featureMapsView().convMap(7).cols()));
        TrainingSnapshot s = t.controller().snapshotProperty().get();
        assertNotNull(s.current());
        assertTrue(fx(() -> t.filtersView().filterCount()) == 8);
    }

    @Test
    void aFolderThatIsNotIdxDataShowsADialogAndChangesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not MNIST");
        MnistFiles.Split before = app.model().data();
        NetworkSnapshot weights = app.model().store().latest();
        fx(() -> {
            app.model().setChoosers(new StubChoosers(dir));
            return null;
        });
        robot.clickOn("File").clickOn("#open-dataset");
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(pane.getHeaderText().contains("not MNIST-style IDX data"), pane.getHeaderText());
        assertTrue(pane.getContentText().contains("unchanged"), pane.getContentText());
        assertSame(before, app.model().data(), "the data stays");
        assertSame(weights, app.model().store().latest(), "the model stays");
        Node ok = robot.lookup(".button").match(n -> n.getScene() == pane.getScene()).query();
        robot.clickOn(ok);
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isEmpty());
        // the window still works
        robot.clickOn("#step-button");
        waitFor(() -> stepsNow(app.training().controller()) == 1);
    }

    @Test
    void chartsExportAsCsvAndPng(@TempDir Path dir) throws Exception {
        TrainingFeature t = app.training();
        TrainingController c = t.controller();
        fx(() -> {
            c.paceProperty().set(3000);
            app.model().setChoosers(new StubChoosers(dir));
            return null;
        });
        // nothing to export before a run has a point
        assertTrue(robot.lookup("#export-csv").query().isDisabled());
        assertTrue(robot.lookup("#export-png").query().isDisabled());
        robot.clickOn("#start-button");
        waitFor(() -> t.trainingView().charts().trainPoints() >= 2);
        robot.clickOn("#stop-button");
        waitFor(() -> c.state() == RunState.IDLE);
        robot.clickOn("#export-csv");
        waitFor(() -> Files.exists(dir.resolve("training.csv")));
        java.util.List<String> lines = Files.readAllLines(dir.resolve("training.csv"));
        assertEquals("kind,images_seen,epoch,loss,accuracy,windows_averaged", lines.get(0));
        assertTrue(lines.get(1).startsWith("train,100,1,"), lines.get(1));
        robot.clickOn("#export-png");
        waitFor(() -> Files.exists(dir.resolve("training.png")));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("training.png").toFile());
        assertTrue(png.getWidth() > 300 && png.getHeight() > 300, png.getWidth() + "x" + png.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
        // weights from elsewhere (File > Open model) start new curves
        fx(() -> {
            app.model().modelNameProperty().set("other.npz");
            return null;
        });
        waitFor(() -> t.trainingView().charts().trainPoints() == 0);
        assertTrue(c.history().isEmpty());
        waitFor(() -> robot.lookup("#export-csv").query().isDisabled() && robot.lookup("#export-png").query().isDisabled());
    }

    @Test
    void divergenceShowsADialogAndTheWindowGoesOn() throws Exception {
        TrainingController c = app.training().controller();
        javafx.scene.control.Spinner<?> lr = robot.lookup("#learn-rate").queryAs(javafx.scene.control.Spinner.class);
        robot.doubleClickOn(lr.getEditor()).eraseText(12).write("1").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> c.configProperty().get().learnRate() == 1.0);
        robot.clickOn("#start-button");
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("diverged"), pane.getContentText());
        assertEquals(RunState.IDLE, c.state());
        Node ok = robot.lookup(".button").match(n -> n.getScene() == pane.getScene()).query();
        robot.clickOn(ok);
        robot.doubleClickOn(lr.getEditor()).eraseText(12).write("0.005").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> c.configProperty().get().learnRate() == 0.005);
        robot.clickOn("#reset-button");
        waitFor(() -> stepsNow(c) == 0);
        robot.clickOn("#step-button");
        waitFor(() -> stepsNow(c) == 1);
    }

    @Test
    void closingTheWindowModelStopsTrainingAndTheEngine() throws Exception {
        TrainingController c = app.training().controller();
        robot.clickOn("#start-button");
        waitFor(() -> stepsNow(c) > 10);
        fx(() -> {
            app.model().dispose();
            return null;
        });
        waitFor(() -> fx(() -> !c.isActive()));
        waitFor(() -> app.model().store().executor().isTerminated());
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().equals("engine") || th.getName().equals("evaluate") || th.getName().equals("load-data")) {
                assertTrue(th.isDaemon() || !th.isAlive(), th.getName() + " must not keep the process alive");
            }
        }
        assertFalse(fx(c::isActive));
    }

    private static long stepsNow(TrainingController c) throws Exception {
        return fx(() -> {
            TrainingSnapshot s = c.snapshotProperty().get();
            return s == null ? 0L : s.imagesSeen();
        });
    }

    static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(WAIT, TimeUnit.SECONDS);
    }

    static void waitFor(Callable<Boolean> cond) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, cond);
    }

    /** Answers every chooser with one folder. */
    record StubChoosers(Path dir) implements Choosers {
        @Override
        public Path chooseDirectory(Window owner, String title) {
            return dir;
        }

        @Override
        public Path chooseSaveFile(Window owner, String title, String suggestedName, String description, String extension) {
            return dir.resolve(suggestedName);
        }

        @Override
        public Path chooseOpenFile(Window owner, String title, String description, String... extensions) {
            return null;
        }
    }
}
