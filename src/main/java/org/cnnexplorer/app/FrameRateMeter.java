package org.cnnexplorer.app;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * Counts the frames JavaFX actually renders (one {@link AnimationTimer} pulse per frame) and
 * reports frames per second twice a second. If the FX thread is blocked, the count drops.
 */
public final class FrameRateMeter {
    private static final long PERIOD = 500_000_000L;

    private final ReadOnlyDoubleWrapper fps = new ReadOnlyDoubleWrapper(this, "fps", 0);
    private long frames;
    private final AnimationTimer timer = new AnimationTimer() {
        private long start;
        private long count;

        @Override
        public void handle(long now) {
            frames++;
            if (start == 0) {
                start = now;
                return;
            }
            count++;
            if (now - start >= PERIOD) {
                fps.set(count * 1e9 / (now - start));
                start = now;
                count = 0;
            }
        }
    };

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Frames per second over the last half second. */
    public ReadOnlyDoubleProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    /** Frames counted since start (FX thread). */
    public long frames() {
        return frames;
    }
}
