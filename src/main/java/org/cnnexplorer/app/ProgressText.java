package org.cnnexplorer.app;

import java.util.Locale;
import org.cnnexplorer.train.TrainingSnapshot;

/** The progress line under the training controls, from a snapshot. */
public final class ProgressText {
    private ProgressText() {
    }

    /** "Epoch 2 of 3 · image 450 of 1,000 · 1,450 of 3,000 steps". */
    public static String position(TrainingSnapshot s) {
        if (s == null || s.epoch() == 0) {
            return "Not started";
        }
        return String.format(Locale.ROOT, "Epoch %d of %d · image %,d of %,d · %,d of %,d steps",
                s.epoch(), s.epochs(), s.stepInEpoch(), s.stepsPerEpoch(), s.globalStep(), s.totalSteps());
    }

    /** "12 s left · 11,800 steps/s", "done", or "" when unknown. */
    public static String timing(TrainingSnapshot s, boolean running) {
        if (s == null || s.epoch() == 0) {
            return "";
        }
        if (s.stepsLeft() == 0) {
            return "done";
        }
        String rate = s.stepsPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f steps/s", s.stepsPerSecond()) : "";
        if (!running) {
            return rate.isEmpty() ? "" : "last " + rate;
        }
        double left = s.secondsLeft();
        return Double.isNaN(left) ? rate : duration(left) + " left · " + rate;
    }

    /** "45 s", "3 min 05 s", "1 h 02 min". */
    public static String duration(double seconds) {
        long t = Math.round(seconds);
        if (t < 60) {
            return t + " s";
        }
        if (t < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", t / 3600, (t % 3600) / 60);
    }
}
