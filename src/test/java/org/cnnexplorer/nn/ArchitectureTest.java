package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network options: layer shapes, initialisations and mini-batch updates. */
class ArchitectureTest {

    @Test
    void theArticleArchitectureDrawsTheSameBitsAsBefore() {
        Network old = new Network(8, 28, 28, 1L);
        Network viaArch = new Network(Architecture.article(8), 28, 28, new Random(1));
        for (int p = 0; p < old.params().size(); p++) {
            assertArrayEquals(old.params().get(p).value(), viaArch.params().get(p).value());
        }
        // The article's draw, written out: N(0, 1) / 9 for the filters, then N(0, 1) / 1352.
        Random r = new Random(1);
        assertEquals(r.nextGaussian() / 9, old.conv.filters()[0]);
    }

    @Test
    void twoLayersShapeTheVolumes() {
        Network net = new Network(new Architecture(8, 16, true, Init.HE), 28, 28, new Random(1));
        assertEquals(24, net.convHeight());
        assertEquals(12, net.pooledHeight());
        assertEquals(16, net.pooledChannels());
        assertEquals(12 * 12 * 16, net.softmax.inputLen);
        assertEquals(16 * 8 * 9, net.conv2.filters().length);
        assertArrayEquals(new int[] {16, 8, 3, 3}, net.params().get(1).shape());
        net.forward(new byte[784], 0);
        assertEquals(8, net.firstConvOutput().channels);
        assertEquals(26, net.firstConvOutput().height);
        assertEquals(16, net.poolInput().channels);
        for (double v : net.poolInput().data) {
            assertTrue(v >= 0, "after ReLU");
        }
        assertNotNull(net.relu1);
        assertNotNull(net.relu2);
        Network one = new Network(new Architecture(8, 0, true, Init.HE), 28, 28, new Random(1));
        assertNull(one.conv2);
        assertNull(one.relu2);
        assertNotNull(one.relu1);
    }

    @Test
    void initialisationsSpreadAsDocumented() {
        // Second layer, 16 filters over 32 channels: fan_in 288, fan_out 144.
        Network he = new Network(new Architecture(32, 16, true, Init.HE), 28, 28, new Random(2));
        Network gl = new Network(new Architecture(32, 16, true, Init.GLOROT), 28, 28, new Random(2));
        Network ar = new Network(new Architecture(32, 16, true, Init.ARTICLE), 28, 28, new Random(2));
        assertEquals(Math.sqrt(2.0 / 288), std(he.conv2.filters()), 0.1 * Math.sqrt(2.0 / 288));
        assertEquals(Math.sqrt(2.0 / (288 + 144)), std(gl.conv2.filters()), 0.1 * Math.sqrt(2.0 / 432));
        assertEquals(1.0 / 9, std(ar.conv2.filters()), 0.1 / 9);
        // Softmax: 12 * 12 * 16 = 2304 inputs, 10 outputs.
        assertEquals(Math.sqrt(2.0 / 2304), std(he.softmax.weights()), 0.05 * Math.sqrt(2.0 / 2304));
        assertEquals(1.0 / 2304, std(ar.softmax.weights()), 0.05 / 2304);
    }

    private static double std(double[] v) {
        double s = 0;
        double s2 = 0;
        for (double d : v) {
            s += d;
            s2 += d * d;
        }
        double m = s / v.length;
        return Math.sqrt(s2 / v.length - m * m);
    }

    @Test
    void filterLimits() {
        assertThrows(IllegalArgumentException.class, () -> new Architecture(33, 8, false, Init.ARTICLE));
        assertThrows(IllegalArgumentException.class, () -> new Architecture(8, 33, false, Init.ARTICLE));
        assertThrows(IllegalArgumentException.class, () -> new Architecture(0, 0, false, Init.ARTICLE));
        assertThrows(IllegalArgumentException.class, () -> new Architecture(65, 0, false, Init.ARTICLE));
        assertEquals(64, new Architecture(64, 0, false, Init.ARTICLE).filters1());
        assertEquals("conv 8 → ReLU → conv 16 → ReLU → pool → softmax", new Architecture(8, 16, true, Init.HE).describe());
        assertEquals("8,16", new Architecture(8, 16, true, Init.HE).filtersText());
        assertEquals(Init.GLOROT, Init.parse(" Glorot"));
        assertNull(Init.parse("xavier"));
    }

    @Test
    void gradientSumAppliesTheMeanGradient() {
        Network a = new Network(new Architecture(4, 6, true, Init.HE), 28, 28, new Random(5));
        Network b = a.copy();
        byte[] px = new byte[2 * 784];
        Random r = new Random(6);
        r.nextBytes(px);
        // a: the batch of two through GradientSum.
        GradientSum sum = new GradientSum(a.params());
        for (int i = 0; i < 2; i++) {
            a.forward(px, i * 784);
            a.backward(i + 3);
            sum.add();
        }
        sum.applyMean(0.1);
        // b: both gradients at the same weights, averaged by hand.
        double[][] g = new double[b.params().size()][];
        for (int i = 0; i < 2; i++) {
            b.forward(px, i * 784);
            b.backward(i + 3);
            for (int p = 0; p < g.length; p++) {
                double[] gp = b.params().get(p).grad();
                if (g[p] == null) {
                    g[p] = gp.clone();
                } else {
                    for (int k = 0; k < gp.length; k++) {
                        g[p][k] += gp[k];
                    }
                }
            }
        }
        for (int p = 0; p < g.length; p++) {
            double[] v = b.params().get(p).value();
            for (int k = 0; k < v.length; k++) {
                v[k] -= 0.1 * (g[p][k] / 2);
            }
            assertArrayEquals(v, a.params().get(p).value(), b.params().get(p).name());
        }
        assertEquals(0, sum.count());
    }
}
