package org.cnnexplorer.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            assertEquals(numeric, m.dPdX()[pixel], 1e-6 + 1e-3 * Math.abs(numeric), "pixel " + pixel);
        }
    }
}
