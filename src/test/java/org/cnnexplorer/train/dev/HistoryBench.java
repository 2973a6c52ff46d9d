package org.cnnexplorer.train.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.RunFile;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunRecorder;
import org.cnnexplorer.train.RunReplay;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;

/**
 * A benchmark, not a test: records a full-MNIST run of 3 epochs (180,000 steps), prints the
 * history's memory and the time to seek to random steps, and the run file's size and timings.
 * {@code java -cp ... org.cnnexplorer.train.dev.HistoryBench [SEEKS]}
 */
public final class HistoryBench {
    public static void main(String[] args) throws Exception {
        int seeks = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Dataset train = MnistFiles.loadBundled().train();
        TrainConfig c = TrainConfig.article().withSizes(TrainConfig.ALL, TrainConfig.ALL);
        Trainer t = new Trainer(Trainer.newNetwork(c, 28, 28), train, c);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        RunHistory h = RunRecorder.record("full", t, "bundled MNIST", null, null);
        t.runToEnd();
        h.finish(RunHistory.Status.FINISHED);
        long t1 = System.nanoTime();
        System.gc();
        long heap1 = rt.totalMemory() - rt.freeMemory();
        System.out.printf(Locale.ROOT, "steps=%d path=%s train_s=%.1f%n", h.endStep(), h.stepPath(), (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "snapshots=%d every=%d snapshot_mb=%.1f heap_growth_mb=%.1f windows=%d%n",
                h.snapshotCount(), h.snapshotEvery(), h.snapshotBytes() / 1e6, (heap1 - heap0) / 1e6, h.windows().size());

        RunReplay replay = new RunReplay(h, train);
        Random rnd = new Random(1);
        double[] ms = new double[seeks];
        for (int i = -20; i < seeks; i++) {
            long n = (long) (rnd.nextDouble() * h.endStep());
            long s = System.nanoTime();
            replay.seek(n);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "random_seek_ms median=%.2f p90=%.2f max=%.2f%n", ms[seeks / 2], ms[seeks * 9 / 10], ms[seeks - 1]);
        long s = System.nanoTime();
        long from = 90_000;
        for (long n = from; n < from + 300; n++) {
            replay.seek(n);
        }
        System.out.printf(Locale.ROOT, "step_forward_ms=%.3f%n", (System.nanoTime() - s) / 1e6 / 300);

        Path f = Files.createTempFile("bench", RunFile.EXTENSION);
        long w0 = System.nanoTime();
        RunFile.save(h, f);
        long w1 = System.nanoTime();
        RunHistory back = RunFile.load(f);
        long w2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "file_mb=%.1f save_s=%.2f load_s=%.2f snapshots_back=%d%n",
                Files.size(f) / 1e6, (w1 - w0) / 1e9, (w2 - w1) / 1e9, back.snapshotCount());
        Files.delete(f);
    }
}
