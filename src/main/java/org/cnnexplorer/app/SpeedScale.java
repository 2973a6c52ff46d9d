package org.cnnexplorer.app;

import java.util.Locale;
import org.cnnexplorer.train.RunControl;

/**
 * The speed slider's scale: positions 0..4 are 10^position steps a second (1 to ~10,000, so each
 * unit is ten times faster), and the far right end is full speed.
 */
public final class SpeedScale {
    public static final double MIN_POSITION = 0;
    public static final double MAX_POSITION = 4;

    private SpeedScale() {
    }

    /** Steps per second at a slider position; {@link RunControl#FULL_SPEED} at the right end. */
    public static double paceAt(double position) {
        if (position >= MAX_POSITION - 1e-6) {
            return RunControl.FULL_SPEED;
        }
        return Math.pow(10, Math.max(MIN_POSITION, position));
    }

    public static double positionOf(double pace) {
        if (!Double.isFinite(pace)) {
            return MAX_POSITION;
        }
        return Math.max(MIN_POSITION, Math.min(MAX_POSITION - 0.01, Math.log10(pace)));
    }

    /** "100 steps/s", "1 step/s", "full speed". */
    public static String describe(double pace) {
        if (!Double.isFinite(pace)) {
            return "full speed";
        }
        double r = pace >= 10 ? Math.round(pace) : Math.round(pace * 10) / 10.0;
        if (r == 1) {
            return "1 step/s";
        }
        return (r == Math.rint(r) ? String.format(Locale.ROOT, "%,d", (long) r) : String.format(Locale.ROOT, "%.1f", r)) + " steps/s";
    }
}
