package org.cnnexplorer.app;

import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.stage.Window;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;
import org.cnnexplorer.train.TrainingFeed;
import org.cnnexplorer.train.TrainingHistory;
import org.cnnexplorer.train.TrainingRun;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * Runs training for the window: Start, Pause/Resume, Step, Stop, Reset, Evaluate, on a
 * {@link Service} whose tasks run on the model store's engine thread. Everything it exposes is a
 * JavaFX property updated on the FX thread by one frame timer, which takes the newest
 * {@link TrainingSnapshot} at most ~30 times a second and drains the curve queues once a frame.
 */
public final class TrainingController {
    /** Where a run is, as the buttons see it. */
    public enum RunState { IDLE, RUNNING, PAUSED }

    /** The article's 3 epochs of 1,000 images in about half a minute. */
    public static final double DEFAULT_PACE = 100;

    private final AppModel model;
    private final Supplier<Window> owner;
    private final RunControl control = new RunControl();
    private TrainingFeed feed = new TrainingFeed();
    private final TrainingHistory history = new TrainingHistory();
    private final TrainingService service = new TrainingService();
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyObjectWrapper<TrainingSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<TrainingFeed.TestPoint> lastTest = new ReadOnlyObjectWrapper<>(this, "lastTest");
    private String lastTestWeights = "";
    /** Steps the live weights trained in earlier runs whose curves are gone (a second Start goes on from the first). */
    private long stepsBefore;
    private org.cnnexplorer.app.timeline.Moment lastTestMoment = org.cnnexplorer.app.timeline.Moment.LIVE;
    /** {@link AppModel#handStepsProperty()} when the last test was made. */
    private int lastTestHandSteps;
    private final javafx.beans.property.ReadOnlyDoubleWrapper evalProgress =
            new javafx.beans.property.ReadOnlyDoubleWrapper(this, "evalProgress", -1);
    private final ReadOnlyLongWrapper historyVersion = new ReadOnlyLongWrapper(this, "historyVersion");
    private final ObjectProperty<TrainConfig> config = new SimpleObjectProperty<>(this, "config", TrainConfig.article());
    private final DoubleProperty pace = new SimpleDoubleProperty(this, "pace", DEFAULT_PACE);
    private final javafx.beans.property.StringProperty settingsProblem = new javafx.beans.property.SimpleStringProperty(this, "settingsProblem");
    /** The status line's refusal to start with bad settings, and what it said before (FX thread). */
    private String refusal;
    private String beforeRefusal;
    private final javafx.beans.property.BooleanProperty augment = new javafx.beans.property.SimpleBooleanProperty(this, "augment");
    private long imagesSeen;
    private boolean evaluating;
    /** Told when a run or an evaluation ends well: what ended, what it found, how long it took (ns). */
    private Finished onFinished = (what, result, nanos) -> { };
    private long runStarted;
    private boolean renaming;
    private TrainingRun.Recording recording;
    /**
     * The settings' initialisation changed since the weights were drawn: new weights at the next
     * Start. (A change of layers or filters shows as a shape different from the live weights';
     * an opened model's shape becomes the settings' and keeps its weights.)
     */
    private boolean architectureChanged;

    public TrainingController(AppModel model, Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
        service.setExecutor(model.store().executor());
        service.stateProperty().addListener((o, was, now) -> onServiceState(now));
        control.setPace(DEFAULT_PACE);
        pace.addListener((o, was, now) -> control.setPace(now.doubleValue()));
        settingsProblem.addListener((o, was, now) -> forgetRefusal(now));
        // A new initialisation means a new run: new weights at the next Start.
        config.addListener((o, was, now) -> {
            if (was != null && now != null && was.architecture().init() != now.architecture().init()) {
                architectureChanged = true;
            }
        });
        model.dataProperty().addListener((o, was, now) -> {
            if (was != null && now != null && isActive()) {
                stop();
                model.statusProperty().set("Training stopped: a new data set was loaded");
            }
        });
        // Weights loaded from elsewhere (File > Open model) start new curves.
        model.modelNameProperty().addListener((o, was, now) -> {
            if (!renaming) {
                forgetCurves(false);
            }
        });
        // No timer of its own: the window's one frame takes up the curves, then publishes the
        // newest training step with the weights (AppModel.frameProperty()).
        model.setLiveTraining(() -> feed.latest());
        model.beforeEachFrame(this::takeUpFrame);
        model.frameProperty().addListener((o, was, f) -> snapshot.set(f.training()));
        snapshot.set(model.frame().training());
        model.onDispose(this::dispose);
    }

    // ---- actions (FX thread) ----

    /** Starts a run with the current settings on the current weights, or resumes a paused one. */
    public void start() {
        if (state.get() == RunState.PAUSED) {
            resume();
            return;
        }
        if (state.get() == RunState.RUNNING || refuseBadSettings()) {
            return;
        }
        confirmNewWeights(() -> {
            if (launch(false)) {
                model.statusProperty().set("Training…");
            }
        });
    }

    /** True (and says so in the status line) while a settings field holds something a run cannot use. */
    private boolean refuseBadSettings() {
        String p = settingsProblem.get();
        if (p != null) {
            if (refusal == null || !refusal.equals(model.statusProperty().get())) {
                beforeRefusal = model.statusProperty().get();
            }
            refusal = "Fix the settings first: " + p;
            model.statusProperty().set(refusal);
            return true;
        }
        return false;
    }

    /** Once the settings are fixed, the refusal is no longer true: the status line goes back to what it said. */
    private void forgetRefusal(String problem) {
        if (problem == null && refusal != null && refusal.equals(model.statusProperty().get())) {
            model.statusProperty().set(beforeRefusal == null ? "" : beforeRefusal);
        }
        if (problem == null) {
            refusal = null;
        }
    }

    /**
     * Runs {@code go} at once if Start keeps the live weights; if the settings ask for another
     * number of filters, asks first, since Start would then replace weights that came from a file
     * or from training (the bundled model excepted: Start always begins the article's run).
     */
    private void confirmNewWeights(Runnable go) {
        NetworkSnapshot current = model.store().latest();
        int wanted = config.get().numFilters();
        String name = model.modelNameProperty().get();
        if (current.numFilters == wanted || PretrainedModel.NAME.equals(name)) {
            go.run();
            return;
        }
        javafx.scene.control.ButtonType yes = Dialogs.button("Start with new weights", false);
        javafx.scene.control.ButtonType no = Dialogs.button("Cancel", true);
        Dialogs.ask(owner.get(), "confirm-new-weights", "Replace the current weights?",
                String.format(java.util.Locale.ROOT, "The current weights (%s) have %s; the settings ask for %d. "
                        + "Training with %s starts from new weights drawn from seed %d, and the current ones are lost "
                        + "unless saved. To train the current weights, set Filters to %d.",
                        name, Words.filters(current.numFilters), wanted, Words.filters(wanted), config.get().seed(), current.numFilters),
                answer -> {
                    if (answer == yes && state.get() == RunState.IDLE) {
                        go.run();
                    }
                }, yes, no);
    }

    public void pause() {
        if (state.get() == RunState.RUNNING) {
            control.setPaused(true);
            state.set(RunState.PAUSED);
            model.statusProperty().set("Paused: Step trains on one image, Resume goes on");
        }
    }

    public void resume() {
        if (state.get() == RunState.PAUSED) {
            control.clearStepRequests();
            control.setPaused(false);
            state.set(RunState.RUNNING);
            model.statusProperty().set("Training…");
        }
    }

    public void togglePause() {
        if (state.get() == RunState.RUNNING) {
            pause();
        } else {
            resume();
        }
    }

    /** One training step: pauses a running run, steps a paused one, starts a paused run when idle. */
    public void step() {
        switch (state.get()) {
            case RUNNING -> pause();
            case PAUSED -> control.requestStep();
            case IDLE -> {
                if (!refuseBadSettings()) {
                    confirmNewWeights(() -> {
                        if (launch(true)) {
                            model.statusProperty().set("Paused after one step: Step again, or Start to go on");
                        }
                    });
                }
            }
        }
    }

    /** Ends the run; the weights stay as they are. */
    public void stop() {
        if (isActive()) {
            service.cancel();
            control.changed();
        }
    }

    /** Stops any run and starts over from new weights drawn from the settings' seed. */
    public void reset() {
        if (refuseBadSettings()) {
            return;
        }
        stop();
        architectureChanged = false;
        TrainConfig c = config.get();
        MnistFiles.Split data = model.data();
        int h = data == null ? 28 : data.train().rows();
        int w = data == null ? 28 : data.train().cols();
        forgetCurves(false);
        renaming = true;
        model.modelNameProperty().set("new model (seed " + c.seed() + ")");
        renaming = false;
        model.statusProperty().set("New weights from seed " + c.seed() + ", "
                + (c.architecture().isArticleShape() ? Words.filters(c.numFilters()) : c.architecture().describe()));
        // Queued on the engine thread behind the stopping run, ahead of any new one.
        model.store().replace(Trainer.newNetwork(c, h, w)).thenAccept(fresh -> Platform.runLater(() -> {
            model.markClean(fresh);
            model.refreshSnapshot();
        }));
    }

    /**
     * New curves (for new weights, or a new run): a new feed, so whatever a stopping run still
     * publishes goes unseen. {@code sameWeights}: the steps trained so far still count in the
     * weights' name ("… after 6,000 training steps").
     */
    private void forgetCurves(boolean sameWeights) {
        stepsBefore = sameWeights ? stepsOnWeights(imagesSeen) : 0;
        feed = new TrainingFeed();
        history.clear();
        imagesSeen = 0;
        lastTest.set(null);
        model.refreshSnapshot();
        historyVersion.set(historyVersion.get() + 1);
    }

    /**
     * Evaluates the weights the views show on the test set in the background: the live weights,
     * or, while the timeline shows a past moment, that moment's weights (on its run's test size).
     */
    public void evaluateNow() {
        MnistFiles.Split data = model.data();
        org.cnnexplorer.app.timeline.Moment at = model.moment();
        if (data == null || evaluating || (at.live() && refuseBadSettings())) {
            return;
        }
        int n = at.live() ? config.get().testSize() : at.run().history().config().testSize();
        Dataset test = n == TrainConfig.ALL ? data.test() : data.test().head(Math.min(n, data.test().count()));
        NetworkSnapshot weights = at.live() ? model.store().latest() : model.snapshot();
        long seen = at.live() ? imagesSeen : at.step();
        String name = model.modelNameProperty().get();
        evaluating = true;
        long evalStarted = System.nanoTime();
        evalProgress.set(0);
        model.statusProperty().set(String.format(java.util.Locale.ROOT, "Evaluating %s on %,d test images…",
                at.live() ? "the weights" : "the weights at " + at.describe(), test.count()));
        Task<EvalResult> t = new Task<>() {
            @Override
            protected EvalResult call() {
                return Evaluator.evaluate(weights.toNetwork(), test, this::isCancelled, done -> updateProgress(done, test.count()));
            }
        };
        // A task's progress starts at -1 (unknown): the bar shows 0 until the first images are done.
        t.progressProperty().addListener((o, was, now) -> {
            if (evaluating) {
                evalProgress.set(Math.max(0, now.doubleValue()));
            }
        });
        t.setOnSucceeded(e -> {
            endEvaluation();
            EvalResult r = t.getValue();
            TrainingFeed.TestPoint p = new TrainingFeed.TestPoint(seen, 0, r, test);
            if (at.live()) {
                // a past moment's result is not a point of the live run's curves
                history.addTest(seen, 0, r);
                historyVersion.set(historyVersion.get() + 1);
                lastTestWeights = weightsAfter(name, stepsOnWeights(seen));
            } else {
                lastTestWeights = "weights at " + at.describe();
            }
            lastTestMoment = at;
            lastTestHandSteps = model.handStepsProperty().get();
            lastTest.set(p);
            // which weights: during a run, the tab moves on to each epoch's own test
            model.statusProperty().set(String.format(java.util.Locale.ROOT, "%sTest accuracy %.1f%%, loss %.3f on %,d images%s",
                    at.live() ? "" : "Step " + String.format(java.util.Locale.ROOT, "%,d", at.step()) + ": ",
                    100 * r.accuracy(), r.loss(), r.count(), at.live() ? " (" + lastTestWeights + ")" : ""));
            onFinished.done(Finished.What.EVALUATION, model.statusProperty().get(), System.nanoTime() - evalStarted);
        });
        t.setOnFailed(e -> {
            endEvaluation();
            failed("Evaluation failed", t.getException());
        });
        Thread th = new Thread(t, "evaluate");
        th.setDaemon(true);
        th.start();
    }

    /** What hears that a run or an evaluation has ended well (FX thread). */
    public interface Finished {
        enum What { TRAINING, EVALUATION }

        void done(What what, String result, long nanos);
    }

    public void setOnFinished(Finished f) {
        onFinished = f == null ? (what, result, nanos) -> { } : f;
    }

    private void endEvaluation() {
        evaluating = false;
        evalProgress.set(-1);
    }

    /** The running evaluation's progress, 0 to 1 (negative while none runs). */
    public javafx.beans.property.ReadOnlyDoubleProperty evalProgressProperty() {
        return evalProgress.getReadOnlyProperty();
    }

    /** Whether a backprop step was applied by hand to the live weights since the last test. */
    public boolean lastTestBeforeHandStep() {
        return lastTestHandSteps != model.handStepsProperty().get();
    }

    /** The moment the newest test evaluation tested (live for the live run's own tests). */
    public org.cnnexplorer.app.timeline.Moment lastTestMoment() {
        return lastTestMoment;
    }

    // ---- state for the views (FX thread) ----

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    /** The newest training snapshot taken up by the window, or null before the first run (or after a reset). */
    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The newest test evaluation (end of an epoch or on demand), or null. */
    public ReadOnlyObjectProperty<TrainingFeed.TestPoint> lastTestProperty() {
        return lastTest.getReadOnlyProperty();
    }

    /** Which weights the newest test evaluation tested: "bundled pre-trained model", "new model (seed 1) after 2,000 training steps". */
    public String lastTestWeights() {
        return lastTestWeights;
    }

    /** Steps trained on the live weights since they got their name, when the current run stands at {@code imagesSeen}. */
    private long stepsOnWeights(long imagesSeen) {
        return stepsBefore + Math.max(0, imagesSeen - feed.runStart());
    }

    private static String weightsAfter(String name, long steps) {
        return steps == 0 ? name : String.format(java.util.Locale.ROOT, "%s after %,d training step%s", name, steps, steps == 1 ? "" : "s");
    }

    /** Grows whenever {@link #history()} changed. */
    public ReadOnlyLongProperty historyVersionProperty() {
        return historyVersion.getReadOnlyProperty();
    }

    public TrainingHistory history() {
        return history;
    }

    /** The settings the next Start (or Reset) uses. */
    public ObjectProperty<TrainConfig> configProperty() {
        return config;
    }

    /** What is wrong with the settings as typed, or null; while set, Start, Step, Reset and Evaluate refuse. */
    public javafx.beans.property.StringProperty settingsProblemProperty() {
        return settingsProblem;
    }

    /** Whether the next Start trains on augmented images (seeded by the settings' seed). */
    public javafx.beans.property.BooleanProperty augmentProperty() {
        return augment;
    }

    /** Steps per second; {@link RunControl#FULL_SPEED} for no pacing. */
    public DoubleProperty paceProperty() {
        return pace;
    }

    public boolean isActive() {
        return service.isRunning();
    }

    /** Training steps made by the current (or last) run, 0 before any. */
    public long imagesSeen() {
        return imagesSeen;
    }

    public void dispose() {
        service.cancel();
        control.changed();
    }

    // ---- internals ----

    private boolean launch(boolean paused) {
        MnistFiles.Split data = model.data();
        if (data == null) {
            model.statusProperty().set("The data set is still loading; try again in a moment");
            return false;
        }
        TrainConfig c = config.get();
        NetworkSnapshot current = model.store().latest();
        if (architectureChanged || !current.arch.sameLayers(c.architecture())
                || current.height != data.train().rows() || current.width != data.train().cols()) {
            // The network's shape must change: that means new weights.
            reset();
        } else if (PretrainedModel.NAME.equals(model.modelNameProperty().get())) {
            // The app opens with the shipped model so that drawing works at once; training it
            // further shows nothing. Start means the article's run: new weights from the seed.
            reset();
        }
        // A new run starts its own curves, counted from its first step as the command line counts.
        forgetCurves(true);
        control.clearStepRequests();
        control.setPaused(paused);
        if (paused) {
            control.requestStep();
        }
        service.run = new TrainingRun(model.store(), data.train(), data.test(), c, control, feed);
        service.run.setRecording(recording);
        service.run.setAugmentation(augment.get() ? new org.cnnexplorer.data.Augmentation(c.seed()) : null);
        service.run.setYieldWhileCold(true);
        service.restart();
        runStarted = System.nanoTime();
        state.set(paused ? RunState.PAUSED : RunState.RUNNING);
        return true;
    }

    private void onServiceState(Worker.State s) {
        if (s == Worker.State.SUCCEEDED || s == Worker.State.CANCELLED || s == Worker.State.FAILED) {
            // The run has ended, so everything it queued is in the feed: take it all up before
            // reporting, or the status would quote the test before the last (the frame timer
            // may not have drained the final test point yet).
            takeUpFrame();
            model.refreshSnapshot();
        }
        switch (s) {
            case SUCCEEDED -> {
                state.set(RunState.IDLE);
                TrainingFeed.TestPoint t = lastTest.get();
                model.statusProperty().set(t == null ? "Training finished"
                        : String.format("Training finished: test accuracy %.1f%%, loss %.3f", 100 * t.result().accuracy(), t.result().loss()));
                onFinished.done(Finished.What.TRAINING, model.statusProperty().get(), System.nanoTime() - runStarted);
            }
            case CANCELLED -> {
                state.set(RunState.IDLE);
                model.statusProperty().set("Training stopped");
            }
            case FAILED -> {
                state.set(RunState.IDLE);
                failed("Training stopped", service.getException());
            }
            default -> {
            }
        }
    }

    private void failed(String title, Throwable e) {
        String msg = e == null ? "unknown error" : e.getMessage() == null ? e.toString() : e.getMessage();
        model.statusProperty().set(title + ": " + msg);
        Dialogs.error(owner.get(), title, msg);
    }

    private void drainCurves() {
        List<TrainingFeed.WindowPoint> ws = feed.drainWindows();
        List<TrainingFeed.TestPoint> ts = feed.drainTests();
        if (ws.isEmpty() && ts.isEmpty()) {
            return;
        }
        for (TrainingFeed.WindowPoint w : ws) {
            history.addWindow(w.imagesSeen(), w.stats());
        }
        for (TrainingFeed.TestPoint t : ts) {
            history.addTest(t.imagesSeen(), t.epoch(), t.result());
        }
        if (!ts.isEmpty()) {
            TrainingFeed.TestPoint t = ts.get(ts.size() - 1);
            lastTestWeights = weightsAfter(model.modelNameProperty().get(), stepsOnWeights(t.imagesSeen()));
            lastTestMoment = org.cnnexplorer.app.timeline.Moment.LIVE;
            lastTestHandSteps = model.handStepsProperty().get();
            lastTest.set(t);
        }
        historyVersion.set(historyVersion.get() + 1);
    }

    /** Before each frame is published: new curve points, and how far the live run is. */
    private void takeUpFrame() {
        drainCurves();
        TrainingSnapshot s = feed.latest();
        if (s != null) {
            imagesSeen = s.imagesSeen();
        }
    }

    /** Every run from now on records itself this way (the timeline), or not at all (null). */
    public void setRecording(TrainingRun.Recording r) {
        recording = r;
    }

    /** True while the timeline shows a past moment instead of the live run. */
    public boolean isPinned() {
        return model.isPinned();
    }

    /** The training tasks, run on the engine thread. */
    private static final class TrainingService extends Service<Long> {
        private TrainingRun run;

        @Override
        protected Task<Long> createTask() {
            TrainingRun r = run;
            return new Task<>() {
                @Override
                protected Long call() throws Exception {
                    return r.run(this::isCancelled);
                }
            };
        }
    }
}
