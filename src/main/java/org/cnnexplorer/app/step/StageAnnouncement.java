package org.cnnexplorer.app.step;

import java.util.Locale;
import org.cnnexplorer.explain.BackpropTrace;

/**
 * What a screen reader says when the step-through moves to a stage: where it is, the stage's
 * title and its main number ("Stage 6 of 15: Cross-entropy loss. L = 0.3125").
 */
final class StageAnnouncement {
    private StageAnnouncement() {
    }

    static String of(int index, int count, BackpropStage s, BackpropTrace t, String whyNoNumbers) {
        String head = String.format(Locale.ROOT, "Stage %d of %d: %s.", index + 1, count, s.title());
        if (t == null) {
            return whyNoNumbers == null || whyNoNumbers.isBlank() ? head : head + " " + whyNoNumbers;
        }
        String n = mainNumber(s.id(), t);
        return n == null ? head : head + " " + n;
    }

    /** The one number that sums up the stage for this trace (c is the true digit). */
    static String mainNumber(String stageId, BackpropTrace t) {
        int c = t.label;
        return switch (stageId) {
            case "input" -> "True digit " + c + ", pixels from " + StageWidgets.num(min(t.input())) + " to " + StageWidgets.num(max(t.input())) + ".";
            case "conv" -> t.numFilters + " filter outputs from " + StageWidgets.num(min(t.convOut())) + " to " + StageWidgets.num(max(t.convOut())) + ".";
            case "pool" -> "Pooled values from " + StageWidgets.num(min(t.pooled())) + " to " + StageWidgets.num(max(t.pooled())) + ".";
            case "totals" -> "Total of digit " + c + ": " + StageWidgets.num(t.totals()[c]) + "; largest total: digit " + argmax(t.totals()) + ".";
            case "probs" -> "p of digit " + c + " = " + StageWidgets.prob(t.probabilities()[c]) + "; predicted digit " + t.predicted() + ".";
            case "loss" -> "L = " + StageWidgets.num(t.loss) + ".";
            case "dLdout" -> "∂L/∂out of digit " + c + " = " + StageWidgets.num(t.dLdOut()[c]) + ".";
            case "doutdt" -> "∂out/∂t of digit " + c + " = " + StageWidgets.num(t.dOutDt()[c]) + ".";
            case "dLdt" -> "∂L/∂t of digit " + c + " = " + StageWidgets.num(t.dLdT()[c]) + ".";
            case "dLdw" -> "Largest weight gradient magnitude " + StageWidgets.num(maxAbs(t.dLdW())) + ".";
            case "dLdb" -> "∂L/∂b of digit " + c + " = " + StageWidgets.num(t.dLdB()[c]) + ".";
            case "dLdinput" -> "Largest ∂L/∂input magnitude " + StageWidgets.num(maxAbs(t.dLdPooled())) + ".";
            case "routing" -> nonZero(t.dLdConvOut()) + " of " + t.dLdConvOut().length + " convolution outputs receive a gradient.";
            case "dLdfilters" -> "Largest filter gradient magnitude " + StageWidgets.num(maxAbs(t.dLdFilters())) + ".";
            case "sgd" -> "Loss on this image after the step: " + StageWidgets.num(t.lossAfter) + ", was " + StageWidgets.num(t.loss) + ".";
            default -> null;
        };
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int nonZero(double[] a) {
        int n = 0;
        for (double v : a) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }
}
