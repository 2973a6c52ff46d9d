package org.cnnexplorer.cli;

import java.util.Arrays;
import java.util.Locale;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;
import org.cnnexplorer.nn.fast.FusedStep;
import org.cnnexplorer.nn.fast.Steps;
import org.cnnexplorer.nn.fast.TrainStep;

/**
 * The {@code bench} command: times training steps (forward + backward + update, default network,
 * this thread) on real images and reports medians of batches, stage by stage, then
 * {@code train_step_us=N} as the last line. Its first line names the step it timed, the one
 * training takes ({@code path: vector step, 8 lanes}, see {@code nn.fast.Steps}); before the last
 * line it also times the other plain-Java step ({@code layers_step_us=N}, {@code scalar_step_us=N}).
 */
public final class Bench {
    private static final int BATCH = 1000;

    private Bench() {
    }

    /** Runs one training step on image {@code img}, adding each stage's nanoseconds to {@code acc}. */
    private interface StagedStep {
        void run(Network net, TrainStep step, Dataset train, int img, long[] acc);
    }

    private static final String[] LAYERED_STAGES = {
        "conv forward      ", "max-pool forward  ", "softmax forward   ",
        "softmax backprop  ", "max-pool backward ", "conv backprop     ",
    };
    private static final String[] LAYERED_NOTES = {"", "", "", "  (gradient, then update)", "", "  (gradient, then update)"};
    private static final String[] FUSED_STAGES = {
        "input to phase planes        ", "conv + max-pool forward      ", "softmax forward              ",
        "softmax backprop             ", "max-pool + conv backprop     ",
    };
    private static final String[] FUSED_NOTES = {"", "", "", "  (gradient and update in one pass)", "  (routing, dL/dfilters, update)"};

    public static void run(Dataset train, java.io.PrintStream out) {
        Network net = new Network(8, train.rows(), train.cols(), 1);
        TrainStep step = Steps.forTraining(net);
        int n = Math.min(train.count(), 10_000);
        out.printf(Locale.ROOT, "path: %s%s%n", step.name(), Steps.vectorModulePresent() ? "" : " (no jdk.incubator.vector in this JVM)");
        // The plain-Java figures first (shorter warm-up, fewer rounds), so the README can give
        // them next to the one timed: the layers and the vector steps' scalar twin.
        double layers = step == TrainStep.LAYERS ? Double.NaN : quick(train, n, TrainStep.LAYERS);
        double scalar = !(step instanceof FusedStep f) || f.lanes() == 0 ? Double.NaN : quick(train, n, Steps.scalar(8));
        // Warm up so the JIT has compiled the hot loops before anything is timed.
        int i = warmUp(net, step, train, n, 3_000_000_000L);
        double us = step instanceof FusedStep
                ? staged(net, step, train, n, i, out, "stages of the fused step", FUSED_STAGES, FUSED_NOTES, Bench::fusedStep)
                : staged(net, step, train, n, i, out, "stages", LAYERED_STAGES, LAYERED_NOTES, Bench::layeredStep);
        if (!Double.isNaN(layers)) {
            out.printf(Locale.ROOT, "layers_step_us=%.1f  (the reference layers, plain Java)%n", layers);
        }
        if (!Double.isNaN(scalar)) {
            out.printf(Locale.ROOT, "scalar_step_us=%.1f  (the vector step's plain-Java twin, what runs without the vector module)%n", scalar);
        }
        out.printf(Locale.ROOT, "train_step_us=%.1f%n", us);
    }

    /**
     * Fifteen rounds, each one batch of whole steps timed together and one batch timed stage by
     * stage; prints the stages' medians and returns the median µs of a whole step.
     */
    private static double staged(Network net, TrainStep ts, Dataset train, int n, int i, java.io.PrintStream out,
                                 String title, String[] names, String[] notes, StagedStep step) {
        int rounds = 15;
        double[] whole = new double[rounds];
        double[][] stage = new double[names.length][rounds];
        for (int r = 0; r < rounds; r++) {
            whole[r] = batch(net, ts, train, n, i);
            i += BATCH;
            long[] acc = new long[names.length];
            for (int k = 0; k < BATCH; k++, i++) {
                step.run(net, ts, train, i % n, acc);
            }
            for (int s = 0; s < names.length; s++) {
                stage[s][r] = acc[s] / 1000.0 / BATCH;
            }
        }
        out.printf(Locale.ROOT, "%s (median us, timed one by one, includes timer overhead):%n", title);
        for (int s = 0; s < names.length; s++) {
            out.printf(Locale.ROOT, "  %s%6.2f%s%n", names[s], median(stage[s]), notes[s]);
        }
        out.printf(Locale.ROOT, "steps/s: %.0f (median of %d batches of %d steps)%n", 1e6 / median(whole), rounds, BATCH);
        return median(whole);
    }

    private static void fusedStep(Network net, TrainStep step, Dataset train, int img, long[] acc) {
        ((FusedStep) step).timedStep(net, train.pixels(), train.offset(img), train.label(img), 0.005, acc);
    }

    private static void layeredStep(Network net, TrainStep step, Dataset train, int img, long[] acc) {
        int label = train.label(img);
        Tensor x = net.setInput(train.pixels(), train.offset(img));
        long a = System.nanoTime();
        Tensor c = net.conv.forward(x);
        long b = System.nanoTime();
        Tensor p = net.pool.forward(c);
        long d = System.nanoTime();
        net.softmax.forward(p);
        long e = System.nanoTime();
        Tensor g = net.softmax.backprop(net.initialGradient(label), 0.005);
        long f = System.nanoTime();
        g = net.pool.backward(g);
        long h = System.nanoTime();
        net.conv.backprop(g, 0.005);
        long j = System.nanoTime();
        acc[0] += b - a;
        acc[1] += d - b;
        acc[2] += e - d;
        acc[3] += f - e;
        acc[4] += h - f;
        acc[5] += j - h;
    }

    /** µs per step over one batch of whole training steps starting at image {@code i}. */
    private static double batch(Network net, TrainStep step, Dataset train, int n, int i) {
        long t0 = System.nanoTime();
        for (int k = 0; k < BATCH; k++, i++) {
            trainOne(net, step, train, i % n);
        }
        return (System.nanoTime() - t0) / 1000.0 / BATCH;
    }

    private static void trainOne(Network net, TrainStep step, Dataset train, int img) {
        step.forward(net, train.pixels(), train.offset(img));
        step.backprop(net, train.label(img), 0.005);
    }

    /** Median of seven batches after a 1.5 s warm-up, on a fresh network taking {@code step}. */
    private static double quick(Dataset train, int n, TrainStep step) {
        Network s = new Network(8, train.rows(), train.cols(), 1);
        int i = warmUp(s, step, train, n, 1_500_000_000L);
        double[] t = new double[7];
        for (int r = 0; r < t.length; r++, i += BATCH) {
            t[r] = batch(s, step, train, n, i);
        }
        return median(t);
    }

    private static int warmUp(Network net, TrainStep step, Dataset train, int n, long nanos) {
        long warmEnd = System.nanoTime() + nanos;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            trainOne(net, step, train, i % n);
            i++;
        }
        return i;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
