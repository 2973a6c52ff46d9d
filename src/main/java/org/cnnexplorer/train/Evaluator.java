package org.cnnexplorer.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.fast.TrainStep;
import org.cnnexplorer.nn.fast.Steps;

/**
 * Runs the forward pass over a test set, the article's "Testing the CNN". For 28x28 images it
 * takes the fused step's forward pass ({@code nn.fast}), the same bits on every path; other sizes
 * go through the layers. The images are shared out in chunks among the cores; the loss is summed
 * afterwards in image order, so the result does not depend on how many threads ran.
 */
public final class Evaluator {
    /** Images per chunk: a thread's unit of work, and how often cancellation is checked. */
    static final int CHUNK = 256;

    private Evaluator() {
    }

    public static EvalResult evaluate(Network net, Dataset test) {
        return evaluate(net, test, null);
    }

    /**
     * Never changes {@code net}'s weights; on the layered path it runs on private copies, so
     * {@code net}'s caches are untouched too.
     *
     * @param cancelled checked on the calling thread first and after each chunk it evaluates; when
     *                  it says so the evaluation stops and returns the images done before the first
     *                  missing one
     */
    public static EvalResult evaluate(Network net, Dataset test, BooleanSupplier cancelled) {
        return evaluate(net, test, cancelled, null);
    }

    /** @param progress told on the calling thread how many images are done, after each chunk (may be null) */
    public static EvalResult evaluate(Network net, Dataset test, BooleanSupplier cancelled, IntConsumer progress) {
        return evaluate(net, test, cancelled, progress, Runtime.getRuntime().availableProcessors());
    }

    /** @param maxThreads how many threads at most work on it, the calling one included */
    public static EvalResult evaluate(Network net, Dataset test, BooleanSupplier cancelled, IntConsumer progress, int maxThreads) {
        int n = test.count();
        if (cancelled != null && cancelled.getAsBoolean()) {
            return result(test, 0, new double[0], new int[0], new float[0]);
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[] losses = new double[n];
        int[] predicted = new int[n];
        float[] probs = new float[n * 10];
        boolean[] finished = new boolean[chunks];
        AtomicInteger next = new AtomicInteger();
        int threads = Math.max(1, Math.min(maxThreads, chunks));
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(net, test, next, chunks, losses, predicted, probs, finished);
        }
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            helpers[t - 1] = new Thread(workers[t]::run, "evaluate-" + t);
            helpers[t - 1].setDaemon(true);
            helpers[t - 1].start();
        }
        // The calling thread works too, and alone asks whether to stop.
        workers[0].run(cancelled, progress, workers);
        for (Thread h : helpers) {
            joinUninterruptibly(h);
        }
        int done = 0;
        while (done < chunks && finished[done]) {
            done++;
        }
        done = Math.min(n, done * CHUNK);
        return result(test, done, losses, predicted, probs);
    }

    private static EvalResult result(Dataset test, int done, double[] losses, int[] predicted, float[] probs) {
        int[][] confusion = new int[10][10];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < done; i++) {
            int label = test.label(i);
            loss += losses[i];
            confusion[label][predicted[i]]++;
            if (predicted[i] == label) {
                correct++;
            }
        }
        return new EvalResult(done, done == 0 ? 0 : loss / done,
                correct, confusion, java.util.Arrays.copyOf(predicted, done), java.util.Arrays.copyOf(probs, done * 10));
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes chunks until none is left (or told to stop), each image through its own forward pass. */
    private static final class Worker {
        private final Network net;
        private final TrainStep fused;
        private final Dataset test;
        private final AtomicInteger next;
        private final int chunks;
        private final double[] losses;
        private final int[] predicted;
        private final float[] probs;
        private final boolean[] finished;
        private volatile boolean stop;

        Worker(Network shared, Dataset test, AtomicInteger next, int chunks,
               double[] losses, int[] predicted, float[] probs, boolean[] finished) {
            this.fused = Steps.forFastForward(shared);
            // The fused forward pass only reads the weights; the layers cache, so each gets a copy.
            this.net = fused != null ? shared : shared.copy();
            this.test = test;
            this.next = next;
            this.chunks = chunks;
            this.losses = losses;
            this.predicted = predicted;
            this.probs = probs;
            this.finished = finished;
        }

        void run() {
            run(null, null, null);
        }

        void run(BooleanSupplier cancelled, IntConsumer progress, Worker[] all) {
            while (!stop) {
                int c = next.getAndIncrement();
                if (c >= chunks) {
                    return;
                }
                int end = Math.min(test.count(), (c + 1) * CHUNK);
                for (int i = c * CHUNK; i < end; i++) {
                    double[] p = fused != null ? fused.forward(net, test.pixels(), test.offset(i)) : net.forward(test.pixels(), test.offset(i));
                    int label = test.label(i);
                    losses[i] = -Math.log(p[label]);
                    predicted[i] = Network.argmax(p);
                    for (int k = 0; k < 10; k++) {
                        probs[i * 10 + k] = (float) p[k];
                    }
                }
                finished[c] = true;
                if (progress != null) {
                    progress.accept(Math.min(test.count(), next.get() * CHUNK));
                }
                if (cancelled != null && cancelled.getAsBoolean()) {
                    for (Worker w : all) {
                        w.stop = true;
                    }
                    return;
                }
            }
        }
    }
}
