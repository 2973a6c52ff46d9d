package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {
    private static Dataset train;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
    }

    @Test
    void theArticlesShapes() {
        Network net = new Network(8, 1);
        assertEquals(26, net.convHeight());
        assertEquals(13, net.pooledHeight());
        assertEquals(13 * 13 * 8, net.softmax.inputLen);
        assertEquals(10, net.softmax.nodes);
        List<Param> p = net.params();
        assertEquals(List.of("conv_filters", "softmax_weights", "softmax_biases"), p.stream().map(Param::name).toList());
        assertEquals(8 * 9, p.get(0).size());
        assertEquals(13 * 13 * 8 * 10, p.get(1).size());
        assertEquals(10, p.get(2).size());
        assertFalse(net.pool.firstMaxOnly(), "the article routes to every tied max");
    }

    /** The article's preprocessing: (image / 255) - 0.5 of unsigned bytes. */
    @Test
    void setInputScalesUnsignedBytes() {
        Network net = new Network(1, 4, 4, 1);
        byte[] px = new byte[20];
        px[4] = 0;
        px[5] = (byte) 255;
        px[6] = (byte) 128;
        px[7] = 51;
        Tensor in = net.setInput(px, 4);
        assertEquals(-0.5, in.data[0], 0.0);
        assertEquals(0.5, in.data[1], 0.0);
        assertEquals(128 / 255.0 - 0.5, in.data[2], 1e-15);
        assertEquals(51 / 255.0 - 0.5, in.data[3], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> net.setInput(new double[15]));
    }

    @Test
    void forwardGivesProbabilitiesAndTheLossIsMinusLogOfTheTrueClass() {
        Network net = new Network(8, 1);
        double[] p = net.forward(train.pixels(), train.offset(0)).clone();
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
        assertTrue(Arrays.stream(p).allMatch(v -> v > 0 && v < 1));
        for (int c = 0; c < 10; c++) {
            assertEquals(-Math.log(p[c]), net.loss(c), 0.0);
        }
        assertEquals(Network.argmax(p), net.predicted());
        // the article's untrained network is close to uniform: loss about ln 10 = 2.302
        assertEquals(Math.log(10), net.loss(train.label(0)), 0.1);
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaximaLikeNumpy() {
        assertEquals(1, Network.argmax(new double[] {0.1, 0.4, 0.1, 0.4}));
        assertEquals(0, Network.argmax(new double[] {0.5, 0.5}));
        assertEquals(2, Network.argmax(new double[] {-3, -2, -1}));
    }

    @Test
    void initialGradientIsTheArticles() {
        Network net = new Network(8, 1);
        double[] p = net.forward(train.pixels(), train.offset(1)).clone();
        Tensor g = net.initialGradient(3);
        for (int k = 0; k < 10; k++) {
            assertEquals(k == 3 ? -1 / p[3] : 0.0, g.data[k], 0.0);
        }
        // and a second call for another label clears the first
        g = net.initialGradient(7);
        assertEquals(0.0, g.data[3], 0.0);
        assertEquals(-1 / p[7], g.data[7], 0.0);
    }

    /**
     * The cheap and telling test: one SGD step on an image (article learning rate 0.005) raises
     * that image's true-class probability. Checked on 30 images, both at initialisation and after
     * 300 steps of training, for both pooling rules.
     */
    @ParameterizedTest(name = "firstMaxOnly={0}")
    @ValueSource(booleans = {false, true})
    void oneSgdStepRaisesTheTrueClassProbability(boolean firstMaxOnly) {
        for (int pretrain : new int[] {0, 300}) {
            Network net = new Network(8, 11);
            net.pool.setFirstMaxOnly(firstMaxOnly);
            for (int i = 0; i < pretrain; i++) {
                net.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            }
            for (int i = 1000; i < 1030; i++) {
                Network n = net.copy();
                int label = train.label(i);
                double before = n.forward(train.pixels(), train.offset(i))[label];
                double loss = n.trainStep(train.pixels(), train.offset(i), label, 0.005);
                assertEquals(-Math.log(before), loss, 0.0, "trainStep returns the loss before the update");
                double after = n.forward(train.pixels(), train.offset(i))[label];
                assertTrue(after > before, "image " + i + " after " + pretrain + " steps: p went from " + before + " to " + after);
            }
        }
    }

    /**
     * trainStep is forward, backward(label) and applyGradients: the article's train(im, label, lr).
     * Bit for bit. (The trainer's fused step, nn.fast, sums in another order and is held to the
     * layers step by step in FusedStepTest.)
     */
    @Test
    void trainStepIsForwardBackwardUpdate() {
        Network a = new Network(8, 5);
        Network b = a.copy();
        for (int i = 0; i < 20; i++) {
            a.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            b.forward(train.pixels(), train.offset(i));
            b.backward(train.label(i));
            // the update is value -= lr * grad, nothing else
            double[][] before = b.params().stream().map(p -> p.value().clone()).toArray(double[][]::new);
            b.applyGradients(0.005);
            for (int p = 0; p < before.length; p++) {
                Param param = b.params().get(p);
                for (int k = 0; k < before[p].length; k++) {
                    assertEquals(before[p][k] - 0.005 * param.grad()[k], param.value()[k], 0.0);
                }
            }
        }
        for (int p = 0; p < a.params().size(); p++) {
            assertArrayEquals(a.params().get(p).value(), b.params().get(p).value(), 0.0);
        }
    }

    /**
     * Bitwise, not just to 0.0 tolerance: trainStep (each layer's backprop, the article's single
     * call) and forward, backward, applyGradients agree exactly, for 8 filters and for 3.
     */
    @ParameterizedTest(name = "filters={0}")
    @ValueSource(ints = {8, 3})
    void trainStepAndLayeredPathGiveBitIdenticalWeights(int filters) {
        Network a = new Network(filters, 9);
        Network b = a.copy();
        for (int i = 0; i < 60; i++) {
            a.trainStep(train.pixels(), train.offset(i), train.label(i), 0.01);
            b.forward(train.pixels(), train.offset(i));
            b.backward(train.label(i));
            b.applyGradients(0.01);
        }
        for (int p = 0; p < a.params().size(); p++) {
            assertTrue(Arrays.equals(a.params().get(p).value(), b.params().get(p).value()), a.params().get(p).name());
        }
    }

    @Test
    void sameSeedSameNetworkOtherSeedOtherNetwork() {
        Network a = new Network(8, 42);
        Network b = new Network(8, 42);
        Network c = new Network(8, 43);
        for (int p = 0; p < a.params().size(); p++) {
            assertTrue(Arrays.equals(a.params().get(p).value(), b.params().get(p).value()));
        }
        assertFalse(Arrays.equals(a.conv.filters(), c.conv.filters()));
        assertFalse(Arrays.equals(a.softmax.weights(), c.softmax.weights()));
    }

    @Test
    void copyHasTheSameWeightsAndOptionsButNoSharedState() {
        Network a = new Network(8, 6);
        a.pool.setFirstMaxOnly(true);
        a.trainStep(train.pixels(), train.offset(0), train.label(0), 0.005);
        Network b = a.copy();
        assertTrue(b.pool.firstMaxOnly());
        for (int p = 0; p < a.params().size(); p++) {
            assertNotSame(a.params().get(p).value(), b.params().get(p).value());
            assertArrayEquals(a.params().get(p).value(), b.params().get(p).value(), 0.0);
        }
        double[] pa = a.forward(train.pixels(), train.offset(3)).clone();
        double[] pb = b.forward(train.pixels(), train.offset(3)).clone();
        assertArrayEquals(pa, pb, 0.0);
        b.trainStep(train.pixels(), train.offset(3), train.label(3), 0.005);
        assertArrayEquals(pa, a.forward(train.pixels(), train.offset(3)), 0.0, "training the copy must not change the original");
        assertThrows(IllegalArgumentException.class, () -> a.copyWeightsFrom(new Network(4, 1)));
    }

    @Test
    void sgdStepIsValueMinusLearnRateTimesGradient() {
        double[] v = {1, 2, 3};
        double[] g = {0.5, -1, 0};
        Sgd.step(new Param("x", new int[] {3}, v, g), 0.1);
        assertArrayEquals(new double[] {0.95, 2.1, 3}, v, 1e-15);
        assertArrayEquals(new double[] {0.5, -1, 0}, g, 0.0, "the gradient is left alone");
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Network(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Network(65, 1));
        assertThrows(IllegalArgumentException.class, () -> new Network(8, 3, 28, 1));
        assertThrows(IllegalArgumentException.class, () -> new Param("x", new int[] {2, 2}, new double[4], new double[3]));
    }
}
