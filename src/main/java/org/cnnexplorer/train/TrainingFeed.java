package org.cnnexplorer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.cnnexplorer.data.Dataset;

/**
 * The one-way channel from the training thread to the window: the newest {@link TrainingSnapshot}
 * (older ones are simply replaced) and two queues of curve points, which the window drains once
 * per frame. The trainer never waits for the window and the window never touches live weights.
 * One feed serves one set of weights; a reset starts a new feed, so a stopping run's last words
 * cannot leak into the new curves.
 */
public final class TrainingFeed {
    /** A training window, with x = images trained on since the last reset. */
    public record WindowPoint(long imagesSeen, WindowStats stats) {
    }

    /** A test evaluation (epoch 0 when made on demand) on {@code testSet}, whose image i is result's image i. */
    public record TestPoint(long imagesSeen, int epoch, EvalResult result, Dataset testSet) {
    }

    private final AtomicReference<TrainingSnapshot> latest = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong imagesSeen = new java.util.concurrent.atomic.AtomicLong();
    private volatile long runStart;
    private final ConcurrentLinkedQueue<WindowPoint> windows = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TestPoint> tests = new ConcurrentLinkedQueue<>();

    public void publish(TrainingSnapshot s) {
        latest.set(s);
    }

    public void window(long imagesSeen, WindowStats w) {
        windows.add(new WindowPoint(imagesSeen, w));
    }

    public void test(TestPoint t) {
        tests.add(t);
    }

    /**
     * Training steps made on these weights by all runs so far. Runs take turns on the engine
     * thread, so each starts counting where the previous one stopped.
     */
    public long imagesSeen() {
        return imagesSeen.get();
    }

    public void setImagesSeen(long n) {
        imagesSeen.set(n);
    }

    /**
     * {@link #imagesSeen()} when the run began training: a run resumed from another run's step
     * counts from that step, so the steps it trained itself are the difference.
     */
    public long runStart() {
        return runStart;
    }

    public void setRunStart(long n) {
        runStart = n;
    }

    /** The newest snapshot, or null before any. */
    public TrainingSnapshot latest() {
        return latest.get();
    }

    /** Everything queued since the last call, oldest first. */
    public List<WindowPoint> drainWindows() {
        return drain(windows);
    }

    public List<TestPoint> drainTests() {
        return drain(tests);
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> q) {
        List<T> out = new ArrayList<>();
        for (T t; (t = q.poll()) != null; ) {
            out.add(t);
        }
        return out;
    }
}
