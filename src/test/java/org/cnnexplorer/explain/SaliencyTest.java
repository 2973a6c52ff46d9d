package org.cnnexplorer.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

class SaliencyTest {
    @Test
    void matchesAFiniteDifferenceOfTheProbability() {
        Network net = new Network(8, 31);
        double[] x = GradientChecker.withNoise(BackpropTraceTest.barImage(), 1e-3, 9);
        Saliency.Map m = Saliency.compute(net.copy(), x);
        int k = m.predicted();
        for (int pixel : new int[] {5 * 28 + 13, 10 * 28 + 12, 14 * 28 + 14, 20 * 28 + 15}) {
            double h = 1e-6;
            double[] a = x.clone();
            double[] b = x.clone();
            a[pixel] += h;
            b[pixel] -= h;
            net.setInput(a);
            double pa = net.forward()[k];
            net.setInput(b);
            double pb = net.forward()[k];
            double numeric = (pa - pb) / (2 * h);
            // Relative: the derivatives are themselves of the order of 1e-6 to 1e-3, so an absolute
            // tolerance of that size would pass anything.
            assertTrue(Math.abs(numeric) > 1e-9, "pixel " + pixel + " has a gradient to compare: " + numeric);
            assertTrue(GradientChecker.relativeError(m.dPdX()[pixel], numeric) < 1e-5,
                    "pixel " + pixel + ": backprop " + m.dPdX()[pixel] + ", central difference " + numeric);
        }
    }
}
