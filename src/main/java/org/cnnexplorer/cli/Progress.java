package org.cnnexplorer.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress indicator on a terminal's stderr, rewritten in place with '\r': epoch, step,
 * percent done and time left. Does nothing unless the output is a terminal, so logs and pipes
 * never get control characters.
 */
class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int drawnWidth;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Redraws at most five times a second. */
    void update(int epoch, int epochs, int step, int stepsPerEpoch, long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        String left = done == 0 ? "?" : clock(elapsed / done * (total - done));
        String line = String.format(Locale.ROOT, "Epoch %d/%d  step %,d/%,d  %3d%%  %s left",
                epoch, epochs, step, stepsPerEpoch, done * 100 / Math.max(1, total), left);
        draw(line);
    }

    /** Removes the line, e.g. before something else is printed on the terminal. */
    void clear() {
        if (enabled && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
            lastDraw = 0;
        }
    }

    private void draw(String line) {
        String pad = line.length() < drawnWidth ? " ".repeat(drawnWidth - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        drawnWidth = Math.max(line.length(), drawnWidth);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
