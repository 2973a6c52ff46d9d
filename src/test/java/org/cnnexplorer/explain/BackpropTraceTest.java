package org.cnnexplorer.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;
import org.junit.jupiter.api.Test;

class BackpropTraceTest {
    private static final double LR = 0.005;

    /** A digit-like input: a bright bar on flat background, so pooling has ties like MNIST. */
    static double[] barImage() {
        double[] x = new double[28 * 28];
        java.util.Arrays.fill(x, -0.5);
        for (int r = 5; r < 23; r++) {
            x[r * 28 + 13] = 0.5;
            x[r * 28 + 14] = 0.2;
        }
        return x;
    }

    @Test
    void dLdTIsProbabilitiesMinusOneHot() {
        Network net = new Network(8, 7);
        BackpropTrace t = BackpropTrace.record(net, barImage(), 3, LR);
        double[] p = t.probabilities();
        double[] d = t.dLdT();
        for (int k = 0; k < 10; k++) {
            assertEquals(p[k] - (k == 3 ? 1 : 0), d[k], 1e-12, "class " + k);
        }
        // The chain rule as the article writes it: dL/dt = dL/dout_c * dout_c/dt.
        double[] chain = t.dOutDt();
        for (int k = 0; k < 10; k++) {
            assertEquals(t.dLdOut()[3] * chain[k], d[k], 1e-12);
        }
        assertEquals(-Math.log(p[3]), t.loss, 1e-15);
        assertEquals(-1 / p[3], t.dLdOut()[3], 1e-12);
    }

    @Test
    void afterEqualsBeforeMinusLearnRateTimesGradient() {
        Network net = new Network(8, 11);
        BackpropTrace t = BackpropTrace.record(net, barImage(), 5, LR);
        double[] before = t.filtersBefore();
        double[] grad = t.dLdFilters();
        double[] after = t.filtersAfter();
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] - LR * grad[i], after[i], 0.0);
        }
        assertArrayEquals(net.conv.filters(), before, 0.0, "tracing must not change the source network");
    }

    @Test
    void applyingTheTraceEqualsOneTrainStep() {
        Network a = new Network(8, 3);
        Network b = a.copy();
        double[] x = barImage();
        BackpropTrace t = BackpropTrace.record(a, x, 7, LR);
        t.applyTo(a);
        b.setInput(x);
        b.forward();
        b.backward(7);
        b.applyGradients(LR);
        assertArrayEquals(b.conv.filters(), a.conv.filters(), 0.0);
        assertArrayEquals(b.softmax.weights(), a.softmax.weights(), 0.0);
        assertArrayEquals(b.softmax.biases(), a.softmax.biases(), 0.0);
    }

    @Test
    void aTwoLayerReluStepEqualsTheLayersStepAndRecordsEveryStage() {
        org.cnnexplorer.nn.Architecture arch = new org.cnnexplorer.nn.Architecture(4, 6, true, org.cnnexplorer.nn.Init.HE);
        Network a = new Network(arch, 11);
        Network b = a.copy();
        double[] x = barImage();
        BackpropTrace t = BackpropTrace.record(a, x, 2, LR);
        assertEquals(2, t.convLayers);
        assertTrue(t.relu);
        assertEquals(4, t.filters1);
        assertEquals(6, t.numFilters);
        assertEquals(24, t.convHeight);
        assertEquals(12, t.poolHeight);
        assertEquals(26, t.firstConvHeight);
        // ReLU: out = max(0, in) on both layers; the pooled maps come from ReLU 2
        double[] c1 = t.convOut();
        double[] r1 = t.relu1Out();
        for (int n = 0; n < c1.length; n++) {
            assertEquals(Math.max(0, c1[n]), r1[n], 0.0);
        }
        assertArrayEquals(t.relu2Out(), t.poolIn(), 0.0);
        // ReLU's backward gate: gradient only where the convolution's output was positive
        double[] d2 = t.dLdConv2Out();
        double[] routed = t.dLdPoolIn();
        double[] c2 = t.conv2Out();
        for (int n = 0; n < d2.length; n++) {
            assertEquals(c2[n] > 0 ? routed[n] : 0.0, d2[n], 0.0);
        }
        double[] d1 = t.dLdConvOut();
        double[] in1 = t.dLdLayer1();
        for (int n = 0; n < d1.length; n++) {
            assertEquals(c1[n] > 0 ? in1[n] : 0.0, d1[n], 0.0);
        }
        // The same gradients as the layers' own backward, and applying the trace is one SGD step
        b.setInput(x);
        b.forward();
        b.backward(2);
        assertArrayEquals(b.conv2.dLdFilters(), t.dLdFilters2(), 0.0);
        assertArrayEquals(b.conv.dLdFilters(), t.dLdFilters(), 0.0);
        b.applyGradients(LR);
        assertTrue(t.startsFrom(a));
        t.applyTo(a);
        assertArrayEquals(b.conv.filters(), a.conv.filters(), 0.0);
        assertArrayEquals(b.conv2.filters(), a.conv2.filters(), 0.0);
        assertArrayEquals(b.softmax.weights(), a.softmax.weights(), 0.0);
        assertTrue(!t.startsFrom(a), "after the step the network no longer holds the weights it started from");
    }

    @Test
    void applyingTheTraceEqualsTheArticlesTrainStep() {
        byte[] image = new byte[28 * 28];
        Random rng = new Random(4);
        for (int r = 6; r < 22; r++) {
            for (int c = 9; c < 19; c++) {
                image[r * 28 + c] = (byte) (rng.nextInt(200) + 55);
            }
        }
        Network a = new Network(8, 12);
        Network b = a.copy();
        double[] x = b.setInput(image, 0).data.clone();
        BackpropTrace.record(a, x, 4, LR).applyTo(a);
        b.trainStep(image, 0, 4, LR);
        assertArrayEquals(b.conv.filters(), a.conv.filters(), 1e-15);
        assertArrayEquals(b.softmax.weights(), a.softmax.weights(), 1e-15);
        assertArrayEquals(b.softmax.biases(), a.softmax.biases(), 1e-15);
    }

    @Test
    void snapshotTraceKeepsTheVersion() {
        Network net = new Network(8, 5);
        NetworkSnapshot s = new NetworkSnapshot(42, net);
        BackpropTrace t = BackpropTrace.record(s, barImage(), 1, LR);
        assertEquals(42, t.snapshotVersion);
        assertArrayEquals(BackpropTrace.record(net, barImage(), 1, LR).dLdFilters(), t.dLdFilters(), 0.0);
    }

    @Test
    void oneStepRaisesTheTrueClassProbability() {
        Network net = new Network(8, 9);
        BackpropTrace t = BackpropTrace.record(net, barImage(), 2, LR);
        assertTrue(t.probabilitiesAfter()[2] > t.probabilities()[2]);
        assertTrue(t.lossAfter < t.loss);
    }

    @Test
    void poolingRoutesEachBlocksGradientToItsMaxima() {
        Network net = new Network(8, 13);
        BackpropTrace t = BackpropTrace.record(net, barImage(), 0, LR);
        double[] up = t.dLdPooled();
        double[] down = t.dLdConvOut();
        double[] conv = t.convOut();
        double[] pooled = t.pooled();
        assertTrue(t.tiedBlocks(-1) > 0, "flat background must tie");
        for (int f = 0; f < 8; f++) {
            for (int i = 0; i < 13; i++) {
                for (int j = 0; j < 13; j++) {
                    int mask = t.poolMask(f, i, j);
                    int cell = t.pooledIndex(f, i, j);
                    for (int r = 0; r < 2; r++) {
                        for (int c = 0; c < 2; c++) {
                            int n = (f * 26 + 2 * i + r) * 26 + 2 * j + c;
                            boolean isMax = conv[n] == pooled[cell];
                            assertEquals(isMax, (mask & (1 << (2 * r + c))) != 0);
                            assertEquals(isMax ? up[cell] : 0.0, down[n], 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void dLdWIsTheOuterProductOfInputAndDLdT() {
        Network net = new Network(8, 17);
        BackpropTrace t = BackpropTrace.record(net, GradientChecker.withNoise(barImage(), 0.1, 1), 4, LR);
        double[] in = t.pooled();
        double[] d = t.dLdT();
        Random rng = new Random(1);
        for (int n = 0; n < 50; n++) {
            int k = rng.nextInt(10);
            int i = rng.nextInt(in.length);
            assertEquals(in[i] * d[k], t.dLdWColumn(k)[i], 0.0);
        }
        assertArrayEquals(d, t.dLdB(), 0.0);
    }
}
