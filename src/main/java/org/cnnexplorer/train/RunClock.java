package org.cnnexplorer.train;

/**
 * Time as a {@link TrainingRun} sees it, so tests can pace a run with a clock of their own
 * instead of sleeping: reading the time, and waiting for a control change or a deadline.
 */
public interface RunClock {
    /** Nanoseconds from some fixed origin, like {@link System#nanoTime}. */
    long nanoTime();

    /**
     * Returns when {@code control} has changed since {@code seenVersion} or this clock has reached
     * {@code deadline}, whichever is first; {@link Long#MAX_VALUE} waits for a change only.
     */
    void await(RunControl control, long seenVersion, long deadline) throws InterruptedException;

    /** The real clock: {@link System#nanoTime} and {@link RunControl#await}. */
    RunClock SYSTEM = new RunClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void await(RunControl control, long seenVersion, long deadline) throws InterruptedException {
            control.await(seenVersion, deadline);
        }
    };
}
