package org.cnnexplorer.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the window asks of a running {@link TrainingRun}: pause, resume, single steps, and the pace.
 * Written by the FX thread, read by the training thread; every change wakes a waiting run.
 */
public final class RunControl {
    /** Pace meaning "as fast as the engine goes". */
    public static final double FULL_SPEED = Double.POSITIVE_INFINITY;

    private final Object lock = new Object();
    private final AtomicInteger stepRequests = new AtomicInteger();
    private volatile boolean paused;
    private volatile double stepsPerSecond = FULL_SPEED;
    private volatile long version;

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean on) {
        paused = on;
        changed();
    }

    /** Asks a paused run for one more step. */
    public void requestStep() {
        stepRequests.incrementAndGet();
        changed();
    }

    /** Takes one pending step request, if any. */
    public boolean takeStepRequest() {
        return stepRequests.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public void clearStepRequests() {
        stepRequests.set(0);
    }

    /** Training steps per second; {@link #FULL_SPEED} (or any non-finite value) for no pacing. */
    public double pace() {
        return stepsPerSecond;
    }

    public void setPace(double steps) {
        if (!(steps > 0)) {
            throw new IllegalArgumentException("pace must be positive");
        }
        stepsPerSecond = steps;
        changed();
    }

    /** Grows with every change, so a waiting run knows to look again. */
    public long version() {
        return version;
    }

    /**
     * Waits until something changes after {@code seenVersion} or until {@code deadline}
     * (System.nanoTime), whichever is first.
     */
    public void await(long seenVersion, long deadline) throws InterruptedException {
        synchronized (lock) {
            while (version == seenVersion) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
    }

    /** Wakes a waiting run (e.g. when it is being stopped). */
    public void changed() {
        synchronized (lock) {
            version++;
            lock.notifyAll();
        }
    }
}
