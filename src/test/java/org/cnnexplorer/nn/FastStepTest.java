package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused training step: the vector and scalar twins bit for bit, the layered path to rounding. */
class FastStepTest {
    private static Dataset train;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
    }

    private static Network withPath(int filters, long seed, Network.StepPath path, boolean firstMaxOnly) {
        Network n = new Network(filters, seed);
        n.setStepPath(path);
        n.pool.setFirstMaxOnly(firstMaxOnly);
        return n;
    }

    /** Surefire runs with the module, so the default is the vector step on an AVX-512 machine, else the layers. */
    @Test
    void theDefaultIsTheFastestAvailable() {
        Network n = new Network(8, 1);
        assertTrue(FastStep.vectorModulePresent(), "the tests run with --add-modules jdk.incubator.vector");
        Network.StepPath expect = FastStep.vectorOrNull(8) != null ? Network.StepPath.VECTOR : Network.StepPath.LAYERED;
        assertEquals(expect, n.stepPath());
        assertEquals(Network.StepPath.LAYERED, new Network(8, 20, 20, 1).stepPath(), "other shapes take the layers");
    }

    /** Requirement of the two implementations: the same bits, step after step, for both pooling rules. */
    @ParameterizedTest(name = "filters={0}, firstMaxOnly={1}")
    @CsvSource({"8,false", "8,true", "3,false", "5,true"})
    void vectorAndScalarStepsGiveBitIdenticalWeights(int filters, boolean firstMaxOnly) {
        assumeTrue(FastStep.vectorOrNull(filters) != null, "no vector step in this JVM or on this CPU");
        Network v = withPath(filters, 21, Network.StepPath.VECTOR, firstMaxOnly);
        Network s = withPath(filters, 21, Network.StepPath.SCALAR, firstMaxOnly);
        for (int i = 0; i < 1500; i++) {
            int img = i % train.count();
            double lv = v.trainStep(train.pixels(), train.offset(img), train.label(img), 0.005);
            double ls = s.trainStep(train.pixels(), train.offset(img), train.label(img), 0.005);
            assertEquals(Double.doubleToRawLongBits(ls), Double.doubleToRawLongBits(lv), "loss at step " + i);
            if (i % 100 == 99) {
                assertSameBits(s, v, "after step " + i);
            }
        }
        assertSameBits(s, v, "at the end");
        assertTrue(Arrays.equals(s.conv.dLdFilters(), v.conv.dLdFilters()), "dL/dfilters");
    }

    /**
     * Against the layered reference (the article's formulas, one layer at a time): every step
     * starts from the same weights and must end within 1e-12 relative of the layered update. The
     * sums are grouped differently (eight lane partial sums, dense phase planes instead of the
     * sparse ink scatter), so they agree to rounding, not bit for bit.
     */
    @ParameterizedTest(name = "{0}, firstMaxOnly={1}")
    @CsvSource({"VECTOR,false", "SCALAR,false", "SCALAR,true", "VECTOR,true"})
    void fusedStepMatchesTheLayersPerStep(Network.StepPath path, boolean firstMaxOnly) {
        assumeTrue(path != Network.StepPath.VECTOR || FastStep.vectorOrNull(8) != null);
        Network fast = withPath(8, 33, path, firstMaxOnly);
        Network layered = withPath(8, 33, Network.StepPath.LAYERED, firstMaxOnly);
        for (int i = 0; i < 300; i++) {
            double lf = fast.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            double ll = layered.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            assertEquals(ll, lf, 1e-12 * Math.abs(ll), "loss at step " + i);
            for (int p = 0; p < fast.params().size(); p++) {
                double[] a = layered.params().get(p).value();
                double[] b = fast.params().get(p).value();
                double scale = 0;
                for (double v : a) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int k = 0; k < a.length; k++) {
                    if (Math.abs(a[k] - b[k]) > 1e-12 * scale) {
                        throw new AssertionError(fast.params().get(p).name() + "[" + k + "] at step " + i + ": layered "
                                + a[k] + ", fused " + b[k]);
                    }
                }
            }
            assertTrue(close(layered.conv.dLdFilters(), fast.conv.dLdFilters(), 1e-11), "dL/dfilters at step " + i);
            // Start the next step from the same weights, so the tolerance stays per step.
            fast.copyWeightsFrom(layered);
        }
    }

    /** The trainer's sequence, trainForward, loss, backprop, is trainStep. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"VECTOR", "SCALAR", "LAYERED"})
    void trainForwardThenBackpropIsTrainStep(Network.StepPath path) {
        assumeTrue(path != Network.StepPath.VECTOR || FastStep.vectorOrNull(8) != null);
        Network a = withPath(8, 8, path, false);
        Network b = withPath(8, 8, path, false);
        for (int i = 0; i < 50; i++) {
            double la = a.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
            b.trainForward(train.pixels(), train.offset(i));
            assertEquals(la, b.loss(train.label(i)), 0.0);
            b.backprop(train.label(i), 0.005);
        }
        assertSameBits(a, b, "");
    }

    private static boolean close(double[] a, double[] b, double rel) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > rel * scale) {
                return false;
            }
        }
        return true;
    }

    private static void assertSameBits(Network a, Network b, String when) {
        for (int p = 0; p < a.params().size(); p++) {
            assertTrue(Arrays.equals(a.params().get(p).value(), b.params().get(p).value()),
                    a.params().get(p).name() + " differs " + when);
        }
    }
}
