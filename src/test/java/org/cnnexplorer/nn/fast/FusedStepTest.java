package org.cnnexplorer.nn.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused step: the vector steps at 2, 4 and 8 lanes give the scalar twin's bits on any CPU
 * (the Vector API runs every lane count everywhere, emulated where not native, so nothing here is
 * skipped), and the fused step agrees with the reference layers to rounding.
 */
class FusedStepTest {
    private static Dataset train;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(Steps.PROPERTY);
    }

    private static Network net(int filters, long seed, boolean firstMaxOnly) {
        Network n = new Network(filters, seed);
        n.pool.setFirstMaxOnly(firstMaxOnly);
        return n;
    }

    private static double step(TrainStep s, Network net, int img, double lr) {
        double[] p = s.forward(net, train.pixels(), train.offset(img));
        double loss = -Math.log(p[train.label(img)]);
        s.backprop(net, train.label(img), lr);
        return loss;
    }

    private static FusedStep vector(int filters, int lanes) {
        FusedStep v = Steps.vectorOrNull(filters, lanes);
        assertNotNull(v, "the tests run with --add-modules jdk.incubator.vector");
        assertEquals(lanes, v.lanes());
        return v;
    }

    /** 5 filters: 845 softmax inputs, so the reductions have a tail past the last multiple of 8. */
    @ParameterizedTest(name = "{0} lanes, {1} filters, firstMaxOnly={2}")
    @CsvSource({"8,8,false", "4,8,false", "2,8,false", "8,8,true", "4,8,true", "2,8,true", "8,5,false", "4,5,true", "2,5,false"})
    void vectorStepGivesTheScalarTwinsBits(int lanes, int filters, boolean firstMaxOnly) {
        Network v = net(filters, 21, firstMaxOnly);
        Network s = net(filters, 21, firstMaxOnly);
        FusedStep vs = vector(filters, lanes);
        FusedStep ss = Steps.scalar(filters);
        for (int i = 0; i < 400; i++) {
            int img = (i * 7919) % train.count();
            double lv = step(vs, v, img, 0.005);
            double ls = step(ss, s, img, 0.005);
            assertEquals(Double.doubleToRawLongBits(ls), Double.doubleToRawLongBits(lv), "loss at step " + i);
            if (i % 50 == 0) {
                assertSameBits(s, v, "after step " + i);
            }
        }
        assertSameBits(s, v, "at the end");
        assertTrue(Arrays.equals(s.conv.dLdFilters(), v.conv.dLdFilters()), "dL/dfilters");
        assertTrue(Arrays.equals(s.softmax.dLdB(), v.softmax.dLdB()), "dL/db");
    }

    /** The forward pass alone (evaluation) gives the same bits at every width too. */
    @ParameterizedTest(name = "{0} lanes")
    @ValueSource(ints = {8, 4, 2})
    void forwardPassGivesTheScalarTwinsBits(int lanes) {
        Network n = net(8, 4, false);
        FusedStep v = vector(8, lanes);
        FusedStep s = Steps.scalar(8);
        for (int i = 0; i < 200; i++) {
            double[] pv = v.forward(n, train.pixels(), train.offset(i)).clone();
            double[] ps = s.forward(n, train.pixels(), train.offset(i));
            assertTrue(Arrays.equals(ps, pv), "image " + i);
        }
    }

    /**
     * Against the reference layers (the article's formulas, one layer at a time): every step
     * starts from the same weights and must end within 1e-12 relative of the layers' update. The
     * sums are grouped differently (eight partial sums, phase planes), so they agree to rounding.
     */
    @ParameterizedTest(name = "{0} lanes, firstMaxOnly={1}")
    @CsvSource({"8,false", "4,true", "2,false", "0,false", "0,true"})
    void fusedStepMatchesTheLayersPerStep(int lanes, boolean firstMaxOnly) {
        Network fast = net(8, 33, firstMaxOnly);
        Network layers = net(8, 33, firstMaxOnly);
        FusedStep f = lanes == 0 ? Steps.scalar(8) : vector(8, lanes);
        for (int i = 0; i < 150; i++) {
            double lf = step(f, fast, i, 0.005);
            double ll = layers.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            assertEquals(ll, lf, 1e-12 * Math.abs(ll), "loss at step " + i);
            for (int p = 0; p < fast.params().size(); p++) {
                assertClose(layers.params().get(p).value(), fast.params().get(p).value(), 1e-12,
                        fast.params().get(p).name() + " at step " + i);
            }
            assertClose(layers.conv.dLdFilters(), fast.conv.dLdFilters(), 1e-11, "dL/dfilters at step " + i);
            assertClose(layers.softmax.dLdB(), fast.softmax.dLdB(), 1e-11, "dL/db at step " + i);
            // Start the next step from the same weights, so the tolerance stays per step.
            fast.copyWeightsFrom(layers);
        }
    }

    /** A fused step changes the weights behind the layers' backs: no cache may outlive that. */
    @Test
    void aFusedStepLeavesNoStaleLayerCache() {
        Network n = net(8, 2, false);
        n.forward(train.pixels(), train.offset(0));
        assertNotNull(n.probabilities());
        FusedStep f = Steps.scalar(8);
        step(f, n, 1, 0.005);
        assertNull(n.probabilities(), "the probabilities were those of the old weights");
        assertNull(n.conv.lastInput());
        assertNull(n.softmax.lastInput());
        assertThrows(IllegalStateException.class, () -> n.backward(train.label(0)), "backward needs a new forward pass");
        assertThrows(IllegalStateException.class, () -> n.pool.maxMask(0, 0, 0));
        // After a new forward pass the layers work again.
        n.forward(train.pixels(), train.offset(0));
        n.backward(train.label(0));
    }

    @Test
    void aStepIsForOneShapeOfNetwork() {
        FusedStep f = Steps.scalar(8);
        assertThrows(IllegalArgumentException.class, () -> f.forward(new Network(4, 1), train.pixels(), 0));
        assertThrows(IllegalArgumentException.class, () -> Steps.vectorOrNull(8, 3));
    }

    @Test
    void theTrainerGetsTheFusedStepFor28x28AndTheLayersOtherwise() {
        TrainStep s = Steps.forTraining(new Network(8, 1));
        FusedStep f = (FusedStep) s;
        assertEquals(Steps.preferredLanes(), f.lanes(), "the CPU's lane count with the module present");
        assertTrue(f.lanes() == 2 || f.lanes() == 4 || f.lanes() == 8, "some vector width: " + f.lanes());
        assertSame(TrainStep.LAYERS, Steps.forTraining(new Network(8, 20, 20, 1)));
        assertNull(Steps.forForward(new Network(8, 20, 20, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"8|vector step, 8 lanes", "4|vector step, 4 lanes", "2|vector step, 2 lanes",
        "scalar|scalar step", "layers|layers", "16|DEFAULT", "x|DEFAULT"})
    void aLaneCountCanBeForced(String value, String expected) {
        String dflt = Steps.forTraining(new Network(8, 1)).name();
        System.setProperty(Steps.PROPERTY, value);
        assertEquals(expected.equals("DEFAULT") ? dflt : expected, Steps.forTraining(new Network(8, 1)).name());
        FusedStep f = Steps.forForward(new Network(8, 1));
        assertEquals(value.equals("layers") ? "scalar step" : expected.equals("DEFAULT") ? dflt : expected, f.name(),
                "the forward pass never takes the layers");
    }

    /** Same seed, same run: the weights after training agree bit for bit at every width. */
    @Test
    void sameSeedSameWeightsAtEveryWidth() {
        Network ref = net(8, 9, false);
        FusedStep s = Steps.scalar(8);
        for (int i = 0; i < 300; i++) {
            step(s, ref, i, 0.01);
        }
        for (int lanes : new int[] {8, 4, 2}) {
            Network n = net(8, 9, false);
            FusedStep v = vector(8, lanes);
            for (int i = 0; i < 300; i++) {
                step(v, n, i, 0.01);
            }
            assertSameBits(ref, n, "at " + lanes + " lanes");
        }
    }

    private static void assertClose(double[] a, double[] b, double rel, String what) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > rel * scale) {
                throw new AssertionError(what + "[" + k + "]: layers " + a[k] + ", fused " + b[k]);
            }
        }
    }

    private static void assertSameBits(Network a, Network b, String when) {
        for (int p = 0; p < a.params().size(); p++) {
            assertTrue(Arrays.equals(a.params().get(p).value(), b.params().get(p).value()),
                    a.params().get(p).name() + " differs " + when);
        }
    }
}
