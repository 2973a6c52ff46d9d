package org.cnnexplorer.cli;

import java.util.Arrays;
import java.util.Locale;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;

/**
 * The {@code bench} command: times training steps (forward + backward + update, default network,
 * this thread) on real images and reports medians of batches, stage by stage, then
 * {@code train_step_us=N} as the last line. It names the path it timed (vector, scalar or
 * layered, see {@code nn.FastStep}); on the vector path it also times the plain-Java paths
 * ({@code layered_step_us=N}, {@code scalar_step_us=N}) before the last line.
 */
public final class Bench {
    private static final int BATCH = 1000;

    private Bench() {
    }

    public static void run(Dataset train, java.io.PrintStream out) {
        Network net = new Network(8, train.rows(), train.cols(), 1);
        int n = Math.min(train.count(), 10_000);
        out.printf(Locale.ROOT, "path: %s%n", net.fastStep() == null ? "layered" : net.fastStep().name());
        // The plain-Java figures first (shorter warm-up, fewer rounds), so the README can give
        // them next to the vector one: the layers (what a JVM without the module runs) and the
        // vector step's scalar twin.
        double layered = Double.NaN;
        double scalar = Double.NaN;
        if (net.stepPath() == Network.StepPath.VECTOR) {
            layered = quick(train, n, Network.StepPath.LAYERED);
            scalar = quick(train, n, Network.StepPath.SCALAR);
        }
        // Warm up so the JIT has compiled the hot loops before anything is timed.
        int i = warmUp(net, train, n, 3_000_000_000L);
        if (net.fastStep() != null) {
            double us = fused(net, train, n, i, out);
            if (!Double.isNaN(scalar)) {
                out.printf(Locale.ROOT, "layered_step_us=%.1f  (plain Java, what runs without the vector module)%n", layered);
                out.printf(Locale.ROOT, "scalar_step_us=%.1f  (the vector step's plain-Java twin)%n", scalar);
            }
            out.printf(Locale.ROOT, "train_step_us=%.1f%n", us);
            return;
        }
        int rounds = 15;
        double[] step = new double[rounds];
        double[] convF = new double[rounds];
        double[] poolF = new double[rounds];
        double[] softF = new double[rounds];
        double[] softB = new double[rounds];
        double[] poolB = new double[rounds];
        double[] convB = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < BATCH; k++, i++) {
                int img = i % n;
                net.trainStep(train.pixels(), train.offset(img), train.label(img), 0.005);
            }
            step[r] = (System.nanoTime() - t0) / 1000.0 / BATCH;
            long[] acc = new long[6];
            for (int k = 0; k < BATCH; k++, i++) {
                int img = i % n;
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
            convF[r] = acc[0] / 1000.0 / BATCH;
            poolF[r] = acc[1] / 1000.0 / BATCH;
            softF[r] = acc[2] / 1000.0 / BATCH;
            softB[r] = acc[3] / 1000.0 / BATCH;
            poolB[r] = acc[4] / 1000.0 / BATCH;
            convB[r] = acc[5] / 1000.0 / BATCH;
        }
        out.printf(Locale.ROOT, "stages (median us, timed one by one, includes timer overhead):%n");
        out.printf(Locale.ROOT, "  conv forward      %6.2f%n", median(convF));
        out.printf(Locale.ROOT, "  max-pool forward  %6.2f%n", median(poolF));
        out.printf(Locale.ROOT, "  softmax forward   %6.2f%n", median(softF));
        out.printf(Locale.ROOT, "  softmax backprop  %6.2f  (gradient and update in one pass)%n", median(softB));
        out.printf(Locale.ROOT, "  max-pool backward %6.2f%n", median(poolB));
        out.printf(Locale.ROOT, "  conv backprop     %6.2f  (gradient, then update)%n", median(convB));
        out.printf(Locale.ROOT, "steps/s: %.0f (median of %d batches of %d steps)%n", 1e6 / median(step), rounds, BATCH);
        out.printf(Locale.ROOT, "train_step_us=%.1f%n", median(step));
    }

    /** Median of seven batches after a 1.5 s warm-up, on a fresh network taking {@code path}. */
    private static double quick(Dataset train, int n, Network.StepPath path) {
        Network s = new Network(8, train.rows(), train.cols(), 1);
        s.setStepPath(path);
        int i = warmUp(s, train, n, 1_500_000_000L);
        double[] t = new double[7];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < BATCH; k++, i++) {
                s.trainStep(train.pixels(), train.offset(i % n), train.label(i % n), 0.005);
            }
            t[r] = (System.nanoTime() - t0) / 1000.0 / BATCH;
        }
        return median(t);
    }

    private static int warmUp(Network net, Dataset train, int n, long nanos) {
        long warmEnd = System.nanoTime() + nanos;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            net.trainStep(train.pixels(), train.offset(i % n), train.label(i % n), 0.005);
            i++;
        }
        return i;
    }

    /** Times the fused step (nn.FastStep) and its stages; prints the stages, returns the step's median. */
    private static double fused(Network net, Dataset train, int n, int i, java.io.PrintStream out) {
        int rounds = 15;
        double[] step = new double[rounds];
        double[][] stage = new double[5][rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < BATCH; k++, i++) {
                int img = i % n;
                net.trainStep(train.pixels(), train.offset(img), train.label(img), 0.005);
            }
            step[r] = (System.nanoTime() - t0) / 1000.0 / BATCH;
            long[] acc = new long[5];
            for (int k = 0; k < BATCH; k++, i++) {
                int img = i % n;
                net.fastStep().timedStep(net, train.pixels(), train.offset(img), train.label(img), 0.005, acc);
            }
            for (int s = 0; s < 5; s++) {
                stage[s][r] = acc[s] / 1000.0 / BATCH;
            }
        }
        out.printf(Locale.ROOT, "stages of the fused step (median us, timed one by one, includes timer overhead):%n");
        out.printf(Locale.ROOT, "  input to phase planes        %6.2f%n", median(stage[0]));
        out.printf(Locale.ROOT, "  conv + max-pool forward      %6.2f%n", median(stage[1]));
        out.printf(Locale.ROOT, "  softmax forward              %6.2f%n", median(stage[2]));
        out.printf(Locale.ROOT, "  softmax backprop             %6.2f  (gradient and update in one pass)%n", median(stage[3]));
        out.printf(Locale.ROOT, "  max-pool + conv backprop     %6.2f  (routing, dL/dfilters, update)%n", median(stage[4]));
        out.printf(Locale.ROOT, "steps/s: %.0f (median of %d batches of %d steps)%n", 1e6 / median(step), rounds, BATCH);
        return median(step);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
