package org.cnnexplorer.train;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The learning curves of the current weights, in bounded memory: the article's 100-step training
 * windows (average loss, accuracy) and the test results (per epoch and on demand), with x = images
 * trained on since the last reset. One coarse copy feeds the charts, a fine one the CSV export.
 * Not thread-safe: the FX thread fills it from the queues the trainer writes to.
 */
public final class TrainingHistory {
    /** Points per chart line; a LineChart redraws all of them, so keep this small. */
    public static final int CHART_POINTS = 500;
    /** Points on the chart's test line. */
    public static final int TEST_CHART_POINTS = 200;
    /** Rows kept for export before neighbours are averaged (6.5 million steps at full resolution). */
    public static final int EXPORT_POINTS = 65_536;

    private final DecimatedSeries chartTrain = new DecimatedSeries(CHART_POINTS, 2);
    private final DecimatedSeries exportTrain = new DecimatedSeries(EXPORT_POINTS, 2);
    private final DecimatedSeries test = new DecimatedSeries(4096, 2);
    /** Thousands of tiny epochs would give thousands of marked test points: the chart gets fewer. */
    private final DecimatedSeries chartTest = new DecimatedSeries(TEST_CHART_POINTS, 2);
    /** The newest window as it was (the chart's line averages neighbours in long runs). */
    private WindowStats lastWindow;

    /** A training window ending at {@code imagesSeen}. */
    public void addWindow(long imagesSeen, WindowStats w) {
        chartTrain.add(imagesSeen, w.epoch(), w.averageLoss(), w.accuracy());
        exportTrain.add(imagesSeen, w.epoch(), w.averageLoss(), w.accuracy());
        lastWindow = w;
    }

    /** The newest training window, or null before the first. */
    public WindowStats lastWindow() {
        return lastWindow;
    }

    /** A test evaluation after {@code imagesSeen} training images; epoch 0 for one made on demand. */
    public void addTest(long imagesSeen, int epoch, EvalResult r) {
        test.add(imagesSeen, epoch, r.loss(), r.accuracy());
        chartTest.add(imagesSeen, epoch, r.loss(), r.accuracy());
    }

    /** The chart's training line: y column 0 is the average loss, 1 the accuracy (0..1). */
    public DecimatedSeries chartTrain() {
        return chartTrain;
    }

    /** Test results: y column 0 is the loss, 1 the accuracy (0..1). */
    public DecimatedSeries test() {
        return test;
    }

    /** The chart's test line: as {@link #test()}, neighbours averaged beyond {@value #TEST_CHART_POINTS} points. */
    public DecimatedSeries chartTest() {
        return chartTest;
    }

    public boolean isEmpty() {
        return exportTrain.size() == 0 && test.size() == 0;
    }

    public void clear() {
        chartTrain.clear();
        exportTrain.clear();
        test.clear();
        chartTest.clear();
        lastWindow = null;
    }

    /**
     * Writes the curves as CSV, {@code kind,images_seen,epoch,loss,accuracy,windows_averaged}, in
     * order of images_seen: kind "train" for a 100-step training window, "test" for a test run
     * (epoch 0 when asked for on demand); windows_averaged is 1 unless a very long run was merged.
     */
    public void writeCsv(Writer out) throws IOException {
        out.write("kind,images_seen,epoch,loss,accuracy,windows_averaged\n");
        int i = 0;
        int j = 0;
        while (i < exportTrain.size() || j < test.size()) {
            boolean trainNext = j >= test.size() || (i < exportTrain.size() && exportTrain.x(i) <= test.x(j));
            DecimatedSeries s = trainNext ? exportTrain : test;
            int k = trainNext ? i++ : j++;
            out.write(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.4f,%d%n", trainNext ? "train" : "test",
                    (long) s.x(k), s.tag(k), s.y(0, k), s.y(1, k), s.count(k)));
        }
    }
}
