package org.cnnexplorer.train;

import java.util.function.BooleanSupplier;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;

/**
 * One training run on the engine thread, as the window drives it: the {@link Trainer}'s steps,
 * paced and paused through a {@link RunControl}, a test evaluation at the end of every epoch, and
 * {@link TrainingSnapshot}s into a {@link TrainingFeed} at most ~30 times a second.
 *
 * <p>Snapshots copy arrays only when they are published, never per step, so at full speed the
 * run costs the engine little more than its steps: one clock read and the window statistics.
 */
public final class TrainingRun {
    /** Minimum time between two published snapshots (~30 per second). */
    public static final long PUBLISH_NANOS = 33_000_000L;
    /** How far a paced run may fall behind before it stops trying to catch up. */
    private static final long MAX_LAG_NANOS = 50_000_000L;
    /** A step slower than this is running before the JIT compiled it (warm, a step takes tens of µs). */
    static final long COLD_STEP_NANOS = 1_000_000L;
    private static final long RATE_WINDOW_NANOS = 500_000_000L;

    private final ModelStore store;
    private final Dataset train;
    private final Dataset test;
    private final TrainConfig config;
    private long imagesBefore;
    private final RunControl control;
    private final TrainingFeed feed;
    private final RunClock clock;

    private Trainer trainer;
    private org.cnnexplorer.data.Augmentation augmentation;
    private Network scratch;
    private double rate;
    private long rateMarkTime;
    private long rateMarkSteps;
    private long steps;
    private long publishedStep = -1;
    private Recording recording;
    private RunHistory history;
    private boolean yieldWhileCold;
    /** The run has taken a compiled step: no more rests. */
    private boolean warm;

    /** How a run records itself for the timeline (see {@link RunRecorder}). */
    public interface Recording {
        /**
         * Called on the engine thread before the first step. May position the trainer (a run
         * resumed from another run's step); must make the trainer pass its events on to {@code next}
         * (RunRecorder.record does); returns the history it records into.
         */
        RunHistory begin(Trainer trainer, Trainer.Listener next);
    }

    /** Records the run into a history (null: not recorded). */
    public void setRecording(Recording r) {
        this.recording = r;
    }

    /**
     * @param train        the whole training set (the config's size takes its head)
     * @param test         the whole test set (likewise)
     * @param feed         receives the run's snapshots and curves; its image count goes on from earlier runs
     */
    public TrainingRun(ModelStore store, Dataset train, Dataset test, TrainConfig config,
                       RunControl control, TrainingFeed feed) {
        this(store, train, test, config, control, feed, RunClock.SYSTEM);
    }

    /** With a given clock for pacing (tests pass their own). */
    public TrainingRun(ModelStore store, Dataset train, Dataset test, TrainConfig config,
                       RunControl control, TrainingFeed feed, RunClock clock) {
        this.clock = clock;
        this.store = store;
        this.train = train;
        this.test = config.testSize() == TrainConfig.ALL ? test : test.head(config.testSize());
        this.config = config;
        this.control = control;
        this.feed = feed;
    }

    /**
     * Trains until the run is over or {@code cancelled} says so; call on the engine thread.
     * Returns the number of steps made.
     *
     * @throws DivergedException when the loss stops being a number (the step is not applied)
     * @throws InterruptedException when the engine is shut down while waiting
     */
    public long run(BooleanSupplier cancelled) throws InterruptedException {
        Network net = store.network();
        imagesBefore = feed.imagesSeen();
        trainer = new Trainer(net, train, config);
        trainer.setAugmentation(augmentation);
        scratch = net.copy();
        Trainer.Listener windows = new Trainer.Listener() {
            @Override
            public void onWindow(WindowStats w) {
                feed.window(imagesBefore + w.globalStep(), w);
            }
        };
        history = recording == null || !RunRecorder.canRecord(trainer) ? null : recording.begin(trainer, windows);
        if (history == null) {
            trainer.setListener(windows);
        }
        feed.setRunStart(imagesBefore + trainer.globalStep());
        boolean diverged = false;
        long lastPublish = clock.nanoTime();
        long nextDue = lastPublish;
        long seen = control.version();
        rateMarkTime = lastPublish;
        try {
            publish();
            while (trainer.hasNext() && !cancelled.getAsBoolean()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                long v = control.version();
                if (v != seen) {
                    // pace or pause changed: start timing afresh
                    seen = v;
                    nextDue = clock.nanoTime();
                    markRate(nextDue);
                }
                boolean single = false;
                if (control.isPaused()) {
                    if (!control.takeStepRequest()) {
                        if (publishedStep != trainer.globalStep()) {
                            publish();  // show exactly where the run paused
                        }
                        clock.await(control, seen, Long.MAX_VALUE);
                        continue;
                    }
                    single = true;
                } else if (Double.isFinite(control.pace())) {
                    long now = clock.nanoTime();
                    if (now < nextDue) {
                        clock.await(control, seen, nextDue);
                        continue;
                    }
                    nextDue += (long) (1e9 / control.pace());
                    if (nextDue < now - MAX_LAG_NANOS) {
                        nextDue = now;
                    }
                }
                boolean timeStep = yieldWhileCold && !warm;
                long before = timeStep ? clock.nanoTime() : 0;
                trainer.step();
                steps++;
                long now = clock.nanoTime();
                if (timeStep) {
                    if (now - before < COLD_STEP_NANOS / 4) {
                        warm = true;  // compiled: from now on a slow step is the OS or the GC, not the JIT
                    } else if (now - before > COLD_STEP_NANOS && !Double.isFinite(control.pace())) {
                        // A step this slow is still interpreted: rest as long as it took, which
                        // leaves the JIT and the window a core between them.
                        clock.await(control, seen, now + (now - before));
                        now = clock.nanoTime();
                    }
                }
                if (now - rateMarkTime >= RATE_WINDOW_NANOS) {
                    rate = (steps - rateMarkSteps) * 1e9 / (now - rateMarkTime);
                    markRate(now);
                }
                boolean epochEnd = trainer.stepInEpoch() == trainer.stepsPerEpoch();
                if (single || epochEnd || now - lastPublish >= PUBLISH_NANOS) {
                    publish();
                    lastPublish = now;
                }
                if (epochEnd && !cancelled.getAsBoolean()) {
                    evaluate(cancelled);
                    // evaluation time is not training time: restart the speed measurement
                    markRate(clock.nanoTime());
                    nextDue = clock.nanoTime();
                }
            }
        } catch (DivergedException e) {
            diverged = true;
            throw e;
        } finally {
            if (history != null) {
                history.finish(diverged ? RunHistory.Status.DIVERGED
                        : trainer.hasNext() ? RunHistory.Status.STOPPED : RunHistory.Status.FINISHED);
            }
            publish();
        }
        return steps;
    }

    /**
     * At full speed, rests after each step that ran cold, as long as it took, until the first
     * step that ran compiled (the window turns this on: the compiler threads and the trainer
     * otherwise took the CPU it draws with). Set before {@link #run}.
     */
    public void setYieldWhileCold(boolean on) {
        this.yieldWhileCold = on;
    }

    /** Trains on randomly changed copies of the images (null, the default: as they are). Set before {@link #run}. */
    public void setAugmentation(org.cnnexplorer.data.Augmentation a) {
        this.augmentation = a;
    }

    /** Steps made so far (engine thread). */
    public long steps() {
        return steps;
    }

    private void markRate(long now) {
        rateMarkTime = now;
        rateMarkSteps = steps;
    }

    private void evaluate(BooleanSupplier cancelled) {
        // All cores but one: the window draws with that one meanwhile (with every core, its frames
        // waited for the test at the end of each epoch).
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        EvalResult r = Evaluator.evaluate(trainer.network(), test, cancelled, null, threads);
        if (r.count() == test.count()) {
            if (history != null) {
                history.addTest(new RunHistory.TestPoint(trainer.globalStep(), trainer.epoch(), r.count(), r.loss(), r.accuracy()));
            }
            feed.test(new TrainingFeed.TestPoint(imagesBefore + trainer.globalStep(), trainer.epoch(), r, test));
        }
    }

    /** Copies the weights and the last image's activations into a new snapshot. */
    private void publish() {
        Network net = trainer.network();
        NetworkSnapshot weights = store.publish();
        int img = trainer.lastImage();
        ImageActivations act = null;
        if (img >= 0) {
            scratch.copyWeightsFrom(net);
            scratch.pool.setFirstMaxOnly(net.pool.firstMaxOnly());
            Dataset set = trainer.trainingSet();
            act = ImageActivations.of(scratch, set.pixels(), set.offset(img), set.label(img));
        }
        publishedStep = trainer.globalStep();
        feed.setImagesSeen(imagesBefore + trainer.globalStep());
        feed.publish(new TrainingSnapshot(weights, trainer.epoch(), config.epochs(), trainer.stepInEpoch(),
                trainer.stepsPerEpoch(), trainer.globalStep(), trainer.totalSteps(), imagesBefore + trainer.globalStep(),
                trainer.lastLoss(), rate, img, act));
    }
}
