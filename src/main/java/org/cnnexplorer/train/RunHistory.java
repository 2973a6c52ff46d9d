package org.cnnexplorer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnnexplorer.nn.Network;

/**
 * Everything needed to show any step of one training run again, exactly: the settings (with the
 * seed, which fixes every epoch's image order), the images it used, full weight snapshots every
 * {@link #snapshotEvery()} steps, and the curves (the 100-step windows and the test results).
 * A step between two snapshots is reached by training again from the earlier one ({@link RunReplay}).
 *
 * <p>Steps are counted from the start of the schedule: a run resumed from step N of another run
 * starts at {@link #startStep()} = N and goes on with the same image order. One thread records
 * (the engine), any thread reads; every method is synchronized and returns copies.
 */
public final class RunHistory {
    /** Snapshots of one run stay under this (bytes of doubles); curves add well under 1 MB. */
    public static final long SNAPSHOT_BUDGET = 80L << 20;
    /** Candidate intervals, smallest first: the smallest that fits the budget is used. */
    private static final int[] INTERVALS = {50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000};

    /** How a run ended (or that it is still going). */
    public enum Status { RUNNING, FINISHED, STOPPED, DIVERGED }

    /** A test evaluation after {@code step} steps; epoch 0 when asked for on demand. */
    public record TestPoint(long step, int epoch, int count, double loss, double accuracy) {
    }

    /** Where a resumed run came from: another run's name and the step its weights were taken at. */
    public record Origin(String run, long step) {
    }

    private final String name;
    private final TrainConfig config;
    private final DataIdentity data;
    private final int stepsPerEpoch;
    private final long startStep;
    private final int snapshotEvery;
    private final int paramCount;
    private final int numFilters;
    private final String stepPath;
    private final Origin origin;

    private long[] snapshotSteps = new long[16];
    private double[][] snapshots = new double[16][];
    private int snapshotCount;
    private final List<WindowStats> windows = new ArrayList<>();
    private final List<TestPoint> tests = new ArrayList<>();
    private long endStep;
    private Status status = Status.RUNNING;
    private boolean augmented;

    /**
     * @param start the weights at {@code startStep} (the first snapshot)
     * @param snapshotEvery steps between snapshots; see {@link #intervalFor}
     */
    public RunHistory(String name, TrainConfig config, DataIdentity data, int stepsPerEpoch, long startStep,
                      int snapshotEvery, String stepPath, Origin origin, Network start) {
        if (stepsPerEpoch < 1 || startStep < 0 || snapshotEvery < 1) {
            throw new IllegalArgumentException("bad run shape");
        }
        if (start.numFilters != config.numFilters()) {
            throw new IllegalArgumentException("the start weights have " + start.numFilters + " filters, the settings " + config.numFilters());
        }
        this.name = name;
        this.config = config;
        this.data = data;
        this.stepsPerEpoch = stepsPerEpoch;
        this.startStep = startStep;
        this.snapshotEvery = snapshotEvery;
        this.numFilters = start.numFilters;
        this.paramCount = paramCount(start);
        this.stepPath = stepPath;
        this.origin = origin;
        this.endStep = startStep;
        addSnapshot(startStep, paramsOf(start));
    }

    /** The smallest interval from 50, 100, 250, 500, 1000, ... whose snapshots fit {@link #SNAPSHOT_BUDGET}. */
    public static int intervalFor(long steps, int paramCount) {
        long bytes = paramCount * 8L;
        for (int k : INTERVALS) {
            if ((steps / k + 2) * bytes <= SNAPSHOT_BUDGET) {
                return k;
            }
        }
        return INTERVALS[INTERVALS.length - 1];
    }

    /** Doubles in one snapshot: the filters, the softmax weights and biases (13,602 for 8 filters). */
    public static int paramCount(Network net) {
        return net.conv.filters().length + net.softmax.weights().length + net.softmax.biases().length;
    }

    /** The network's weights as one array: filters, softmax weights, biases (engine layouts). */
    public static double[] paramsOf(Network net) {
        double[] f = net.conv.filters();
        double[] w = net.softmax.weights();
        double[] b = net.softmax.biases();
        double[] p = new double[f.length + w.length + b.length];
        System.arraycopy(f, 0, p, 0, f.length);
        System.arraycopy(w, 0, p, f.length, w.length);
        System.arraycopy(b, 0, p, f.length + w.length, b.length);
        return p;
    }

    /** Writes {@link #paramsOf} weights back into a network of the same shape. */
    public static void loadParams(double[] p, Network net) {
        double[] f = net.conv.filters();
        double[] w = net.softmax.weights();
        double[] b = net.softmax.biases();
        if (p.length != f.length + w.length + b.length) {
            throw new IllegalArgumentException("snapshot has " + p.length + " values, the network " + (f.length + w.length + b.length));
        }
        System.arraycopy(p, 0, f, 0, f.length);
        System.arraycopy(p, f.length, w, 0, w.length);
        System.arraycopy(p, f.length + w.length, b, 0, b.length);
    }

    public String name() {
        return name;
    }

    public TrainConfig config() {
        return config;
    }

    public DataIdentity data() {
        return data;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public long startStep() {
        return startStep;
    }

    /** The last step of the schedule (epochs times steps per epoch), reached if the run finishes. */
    public long plannedEndStep() {
        return (long) stepsPerEpoch * config.epochs();
    }

    public int snapshotEvery() {
        return snapshotEvery;
    }

    public int numFilters() {
        return numFilters;
    }

    public int paramCount() {
        return paramCount;
    }

    /** Whether the run trained on augmented images (seeded by its seed); a replay must too. */
    public boolean augmented() {
        return augmented;
    }

    public void setAugmented(boolean on) {
        this.augmented = on;
    }

    /** The training step's implementation that made the run (Trainer.stepName: "layers" or a fused step). */
    public String stepPath() {
        return stepPath;
    }

    /** Null for a run that started from its own initial weights. */
    public Origin origin() {
        return origin;
    }

    /** Steps done so far (the last step that can be shown). */
    public synchronized long endStep() {
        return endStep;
    }

    public synchronized Status status() {
        return status;
    }

    /** The recorder's: a step is done (snapshots are added separately). */
    public synchronized void stepDone(long step) {
        if (step != endStep + 1) {
            throw new IllegalStateException("step " + step + " recorded after " + endStep);
        }
        endStep = step;
    }

    /** For a history read from a file: the steps recorded, which must reach the last snapshot. */
    public synchronized void setEndStep(long step) {
        if (step < snapshotSteps[snapshotCount - 1] || step < endStep) {
            throw new IllegalArgumentException("end step " + step + " is before the last snapshot or step");
        }
        endStep = step;
    }

    public synchronized void finish(Status s) {
        status = s;
    }

    /** Adds a snapshot of the weights after {@code step} steps (a copy is kept). */
    public synchronized void addSnapshot(long step, double[] params) {
        if (params.length != paramCount) {
            throw new IllegalArgumentException("snapshot has " + params.length + " values, expected " + paramCount);
        }
        if (snapshotCount > 0 && step <= snapshotSteps[snapshotCount - 1]) {
            throw new IllegalArgumentException("snapshots must come in order of steps");
        }
        if (snapshotCount == snapshotSteps.length) {
            snapshotSteps = Arrays.copyOf(snapshotSteps, snapshotCount * 2);
            snapshots = Arrays.copyOf(snapshots, snapshotCount * 2);
        }
        snapshotSteps[snapshotCount] = step;
        snapshots[snapshotCount] = params.clone();
        snapshotCount++;
    }

    public synchronized int snapshotCount() {
        return snapshotCount;
    }

    public synchronized long snapshotStep(int i) {
        return snapshotSteps[i];
    }

    /** Snapshot i's weights; never write to the array. */
    public synchronized double[] snapshot(int i) {
        return snapshots[i];
    }

    /** Index of the last snapshot at or before {@code step} (the first one if none is). */
    public synchronized int snapshotAtOrBefore(long step) {
        int i = Arrays.binarySearch(snapshotSteps, 0, snapshotCount, step);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Bytes held by the snapshots' doubles. */
    public synchronized long snapshotBytes() {
        return (long) snapshotCount * paramCount * 8;
    }

    public synchronized void addWindow(WindowStats w) {
        windows.add(w);
    }

    public synchronized void addTest(TestPoint t) {
        tests.add(t);
    }

    /** The last 100-step window ending at or before {@code step}, or null (windows are in step order). */
    public synchronized WindowStats windowAtOrBefore(long step) {
        int lo = 0;
        int hi = windows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (windows.get(mid).globalStep() <= step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? null : windows.get(lo - 1);
    }

    public synchronized List<WindowStats> windows() {
        return List.copyOf(windows);
    }

    public synchronized List<TestPoint> tests() {
        return List.copyOf(tests);
    }

    /** The 1-based epoch that step {@code n} (1-based) belongs to; 0 for step 0. */
    public int epochOf(long n) {
        return (int) ((n + stepsPerEpoch - 1) / stepsPerEpoch);
    }
}
