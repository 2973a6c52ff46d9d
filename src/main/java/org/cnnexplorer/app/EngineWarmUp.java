package org.cnnexplorer.app;

import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;

/**
 * Trains a throwaway copy of the article's network for a moment on a background thread once the
 * window is idle, and tests it, so that the JIT has compiled the training step and the test's
 * forward pass before the learner presses Start. Cold, a run's first second and a half crawled at
 * about a hundred steps a second (the vector step interpreted) while the compiler threads took the
 * CPU the window needed to draw.
 * The app's own model, data and runs are not touched; a run that starts meanwhile stops it.
 */
final class EngineWarmUp {
    /** Enough steps for the JIT to compile the step and settle (warm, a few tenths of a second). */
    static final int STEPS = 30_000;
    /** The most it may take (a slow machine stops here, warm or not). */
    static final long LIMIT_NANOS = 6_000_000_000L;
    /** Tests of 1,000 images after the steps (the first one of a run came cold after its first epoch). */
    static final int EVALUATIONS = 20;

    private volatile boolean stopped;
    private volatile long steps;
    private volatile int evaluations;
    private Thread thread;

    /**
     * Starts warming up on the first images of {@code train} unless switched off with
     * {@code -Dcnnexplorer.warmup=off} (the window tests, which start the app many times).
     */
    static EngineWarmUp startIfWanted(Dataset train, Dataset test) {
        EngineWarmUp w = new EngineWarmUp();
        if (!"off".equals(System.getProperty("cnnexplorer.warmup"))) {
            w.start(train, test);
        }
        return w;
    }

    /** Trains on the first images of {@code train}, then tests on the first of {@code test} (the end of an epoch). */
    void start(Dataset train, Dataset test) {
        TrainConfig config = TrainConfig.article();
        Network scratch = Trainer.newNetwork(config, train.rows(), train.cols());
        Trainer trainer = new Trainer(scratch, train, config.withSizes(Math.min(1000, train.count()), 1).withEpochs(1_000));
        thread = new Thread(() -> {
            long end = System.nanoTime() + LIMIT_NANOS;
            while (!stopped && steps < STEPS && System.nanoTime() < end && trainer.hasNext()) {
                trainer.step();
                steps++;
            }
            Dataset some = test.head(Math.min(1000, test.count()));
            while (!stopped && evaluations < EVALUATIONS && System.nanoTime() < end) {
                Evaluator.evaluate(scratch, some, () -> stopped);
                evaluations++;
            }
        }, "engine-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Stops at the next step (a run has started, or the window closes). */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Tests run so far. */
    int evaluations() {
        return evaluations;
    }

    /** Steps trained so far. */
    long steps() {
        return steps;
    }

    /** Waits for the thread to end (tests). */
    void join() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }
}
