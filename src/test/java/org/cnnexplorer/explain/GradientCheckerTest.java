package org.cnnexplorer.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

class GradientCheckerTest {
    @Test
    void everyWeightPassesWhenNoiseBreaksTheTies() {
        Network net = new Network(8, 21);
        double[] x = GradientChecker.withNoise(BackpropTraceTest.barImage(), 1e-3, 5);
        List<WeightRef> refs = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            for (int i = 0; i < 9; i++) {
                refs.add(WeightRef.filter(f, i / 3, i % 3));
            }
        }
        refs.addAll(WeightRef.random(net, 30, new Random(2)));
        for (int k = 0; k < 10; k++) {
            refs.add(WeightRef.bias(k));
        }
        for (GradientChecker.Result r : GradientChecker.check(net, x, 6, refs)) {
            assertEquals(GradientChecker.Status.PASS, r.status(), r.toString());
        }
    }

    @Test
    void tiesAreReportedNotFailed() {
        Network net = new Network(8, 21);
        double[] x = BackpropTraceTest.barImage();
        List<WeightRef> refs = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            refs.add(WeightRef.filter(f, 1, 1));
            refs.add(WeightRef.weight(f, 6, 6, 3));
        }
        int ties = 0;
        for (GradientChecker.Result r : GradientChecker.check(net, x, 6, refs)) {
            assertTrue(r.status() != GradientChecker.Status.FAIL, r.toString());
            if (r.status() == GradientChecker.Status.TIE) {
                ties++;
                assertEquals(WeightRef.Kind.CONV_FILTER, r.weight().kind());
            }
        }
        // The all-ties rule routes the flat background's gradient to all four positions.
        assertTrue(ties > 0);
    }

    /** A checker that never fails would pass the tests above: hand it wrong gradients. */
    @Test
    void checkFailsAWrongGradient() {
        Network net = new Network(8, 21);
        double[] x = GradientChecker.withNoise(BackpropTraceTest.barImage(), 1e-3, 5);
        List<WeightRef> refs = new ArrayList<>();
        for (int f = 0; f < 8; f++) {
            refs.add(WeightRef.filter(f, 1, 1));
            refs.add(WeightRef.weight(f, 6, 6, 3));
        }
        for (int k = 0; k < 10; k++) {
            refs.add(WeightRef.bias(k));
        }
        // Every gradient 5% too large: each weight whose gradient is not tiny must fail.
        int failed = 0;
        int checkable = 0;
        for (GradientChecker.Result r : GradientChecker.check(net, x, 6, refs, n -> {
            for (org.cnnexplorer.nn.Param p : n.params()) {
                for (int i = 0; i < p.grad().length; i++) {
                    p.grad()[i] *= 1.05;
                }
            }
        })) {
            assertTrue(r.status() != GradientChecker.Status.PASS || Math.abs(r.numeric()) < 1e-6, r.toString());
            if (Math.abs(r.numeric()) >= 1e-6) {
                checkable++;
                failed += r.status() == GradientChecker.Status.FAIL ? 1 : 0;
            }
        }
        assertTrue(checkable >= 20, "enough weights with a real gradient: " + checkable);
        assertEquals(checkable, failed, "without ties (noise) a wrong gradient is a FAIL, not a TIE");

        // One wrong gradient among right ones: only that weight fails.
        List<GradientChecker.Result> one = GradientChecker.check(net, x, 6, List.of(WeightRef.bias(6), WeightRef.bias(2)),
                n -> n.softmax.dLdB()[6] = -n.softmax.dLdB()[6]);
        assertEquals(GradientChecker.Status.FAIL, one.get(0).status(), one.get(0).toString());
        assertEquals(GradientChecker.Status.PASS, one.get(1).status(), one.get(1).toString());
    }

    @Test
    void aWrongGradientFails() {
        assertTrue(GradientChecker.agrees(1.0, 1.0005));
        assertTrue(!GradientChecker.agrees(1.0, 1.01));
        assertTrue(GradientChecker.agrees(1e-10, 5e-9), "absolute floor");
        assertEquals(0.5, GradientChecker.relativeError(3, 1), 1e-15);
    }

    @Test
    void checkingDoesNotChangeTheNetwork() {
        Network net = new Network(8, 4);
        double[] before = net.softmax.weights().clone();
        GradientChecker.check(net, BackpropTraceTest.barImage(), 1, WeightRef.random(net, 6, new Random(3)));
        assertTrue(java.util.Arrays.equals(before, net.softmax.weights()));
    }
}
