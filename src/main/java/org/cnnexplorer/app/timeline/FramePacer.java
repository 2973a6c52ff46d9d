package org.cnnexplorer.app.timeline;

/**
 * Says on which of the window's pulses a replay shows its next frame, for a steady rate. The
 * pulses do not come at a fixed interval (60 a second on a quiet machine, 40 or fewer under
 * load): waiting a whole frame interval since the last shown frame would skip every other pulse
 * at 24 ms and show 21 frames a second instead of 30. Frames are due on a fixed grid instead, and
 * a pulse shows one when a frame is due; a late pulse shows one frame, not a burst.
 */
final class FramePacer {
    private final long period;
    private long due = Long.MIN_VALUE;

    FramePacer(double framesPerSecond) {
        period = (long) (1e9 / framesPerSecond);
    }

    /** Starts over: the next pulse shows a frame. */
    void reset() {
        due = Long.MIN_VALUE;
    }

    /** True if the pulse at {@code now} (nanoseconds) shows a frame. */
    boolean pulse(long now) {
        if (due != Long.MIN_VALUE && now < due) {
            return false;
        }
        // the next frame is due one period after this one was due; after a long gap, one period from now
        long next = due == Long.MIN_VALUE ? now + period : due + period;
        due = next < now ? now + period : next;
        return true;
    }
}
