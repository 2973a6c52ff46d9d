package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The checker itself: it passes a right gradient, fails a wrong one, and leaves the values alone. */
class GradCheckTest {
    private static double[] values() {
        Random rng = new Random(7);
        double[] v = new double[20];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** L = sum of v_i^3 + sin(v_i): a nonlinear loss with a known gradient. */
    private static DoubleSupplier cubicLoss(double[] v) {
        return () -> {
            double s = 0;
            for (double x : v) {
                s += x * x * x + Math.sin(x);
            }
            return s;
        };
    }

    private static double[] cubicGradient(double[] v) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            g[i] = 3 * v[i] * v[i] + Math.cos(v[i]);
        }
        return g;
    }

    @Test
    void passesTheRightGradientAndRestoresValuesBitForBit() {
        double[] v = values();
        double[] before = v.clone();
        GradCheck.Report r = GradCheck.defaults().check("cubic", v, cubicGradient(v), cubicLoss(v));
        assertTrue(r.passed(), r.summary());
        assertEquals(v.length, r.checked());
        assertTrue(r.maxRelError() < 1e-7, r.summary());
        assertArrayEquals(before, v, 0.0);
    }

    @Test
    void failsAGradientOffByOnePercent() {
        double[] v = values();
        double[] wrong = cubicGradient(v);
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] *= 1.01;
        }
        GradCheck.Report r = GradCheck.defaults().check("cubic", v, wrong, cubicLoss(v));
        assertFalse(r.passed());
        assertEquals(v.length, r.failed(), r.summary());
        assertFalse(r.failures().isEmpty());
    }

    @Test
    void failsASingleWrongCoordinateAndNamesIt() {
        double[] v = values();
        double[] g = cubicGradient(v);
        g[13] += 0.5;
        GradCheck.Report r = GradCheck.defaults().check("cubic", v, g, cubicLoss(v));
        assertEquals(1, r.failed(), r.summary());
        assertEquals(13, r.failures().get(0).index());
    }

    @Test
    void failsNaN() {
        double[] v = values();
        double[] g = cubicGradient(v);
        g[2] = Double.NaN;
        assertEquals(1, GradCheck.defaults().check("cubic", v, g, cubicLoss(v)).failed());
    }

    @Test
    void tinyAbsoluteErrorsBelowTheFloorPass() {
        // L = 1e-12 * v0: the true gradient is 1e-12; claiming 0 is a 100% relative error but
        // an absolute error far below the 1e-8 floor.
        double[] v = {0.3};
        GradCheck.Report r = GradCheck.defaults().check("tiny", v, new double[] {0.0}, () -> 1e-12 * v[0]);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void onlyTheSelectedCoordinatesAreChecked() {
        double[] v = values();
        double[] g = cubicGradient(v);
        g[0] = 1e9;
        GradCheck.Report r = GradCheck.defaults().check("cubic", v, g, cubicLoss(v), i -> i != 0);
        assertTrue(r.passed(), r.summary());
        assertEquals(v.length - 1, r.checked());
    }

    @Test
    void relativeError() {
        assertEquals(0.0, GradCheck.relativeError(0, 0));
        assertEquals(1.0, GradCheck.relativeError(1, 0));
        assertEquals(1.0, GradCheck.relativeError(1, -1));
        assertEquals(0.5 / 2.5, GradCheck.relativeError(1, 1.5), 1e-15);
    }

    @Test
    void anEmptyCheckDoesNotPass() {
        double[] v = values();
        assertFalse(GradCheck.defaults().check("none", v, cubicGradient(v), cubicLoss(v), i -> false).passed());
    }

    /** |v0| has a kink at 0: a central difference straddling it is skipped when the caller says so. */
    @Test
    void skipsCoordinatesWhosePerturbationCrossesAKink() {
        double[] v = {1e-7, 0.5};
        DoubleSupplier loss = () -> Math.abs(v[0]) + v[1] * v[1];
        double[] g = {1.0, 1.0};
        GradCheck gc = GradCheck.defaults();
        GradCheck.Report naive = gc.check("abs", v, g, loss);
        assertEquals(1, naive.failed(), "straddling the kink gives 0.1, not 1: " + naive.summary());
        GradCheck.Report r = gc.check("abs", v, g, loss, i -> true, () -> v[0] > 0);
        assertTrue(r.passed(), r.summary());
        assertEquals(1, r.skipped());
        assertEquals(1, r.checked());
        assertEquals(1e-7, v[0], 0.0);
    }
}
