package org.cnnexplorer.nn;

import static org.cnnexplorer.nn.NnTestUtil.dot;
import static org.cnnexplorer.nn.NnTestUtil.gaussian;
import static org.cnnexplorer.nn.NnTestUtil.randomTensor;
import static org.cnnexplorer.nn.NnTestUtil.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxTest {

    /** totals(k) = sum over i of input(i) * w[k * n + i] + b(k), written plainly. */
    static double[] naiveTotals(Softmax s, double[] x) {
        double[] t = new double[s.nodes];
        for (int k = 0; k < s.nodes; k++) {
            double sum = s.biases()[k];
            for (int i = 0; i < s.inputLen; i++) {
                sum += x[i] * s.weights()[k * s.inputLen + i];
            }
            t[k] = sum;
        }
        return t;
    }

    /** The article's formula exp(t) / sum(exp(t)), unshifted: fine for moderate totals. */
    static double[] naiveSoftmax(double[] t) {
        double[] e = new double[t.length];
        double s = 0;
        for (int k = 0; k < t.length; k++) {
            e[k] = Math.exp(t[k]);
            s += e[k];
        }
        for (int k = 0; k < t.length; k++) {
            e[k] /= s;
        }
        return e;
    }

    private static Softmax layer(Random rng, int inputLen, int nodes) {
        Softmax s = new Softmax(inputLen, nodes, rng);
        // the article starts biases at zero; random ones test that they are used
        for (int k = 0; k < nodes; k++) {
            s.biases()[k] = rng.nextGaussian();
        }
        // larger weights than the article's N(0,1)/n so the probabilities are far from uniform
        for (int i = 0; i < s.weights().length; i++) {
            s.weights()[i] = rng.nextGaussian() * 0.5;
        }
        return s;
    }

    @Test
    void forwardMatchesNaiveFormula() {
        Random rng = new Random(1);
        Softmax s = layer(rng, 24, 10);
        Tensor in = randomTensor(rng, 2, 3, 4, -1, 1);
        double[] p = s.forward(in).data.clone();
        double[] t = naiveTotals(s, in.data);
        assertArrayEquals(t, s.lastTotals(), 1e-12);
        assertArrayEquals(naiveSoftmax(t), p, 1e-12);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
        assertArrayEquals(in.data, s.lastInput(), 0.0);
    }

    @Test
    void forwardWithTheArticlesShape() {
        Random rng = new Random(2);
        Softmax s = new Softmax(13 * 13 * 8, 10, rng);
        assertTrue(Arrays.stream(s.biases()).allMatch(b -> b == 0.0), "the article starts biases at zero");
        Tensor in = randomTensor(rng, 8, 13, 13, -1, 1);
        double[] p = s.forward(in).data;
        assertArrayEquals(naiveSoftmax(naiveTotals(s, in.data)), p, 1e-12);
    }

    /** exp(1e4) overflows; subtracting the max first must still give finite probabilities summing to 1. */
    @ParameterizedTest(name = "input scale {0}")
    @ValueSource(doubles = {1e4, -1e4, 1e6})
    void stableWithHugeTotals(double scale) {
        Random rng = new Random(3);
        Softmax s = layer(rng, 16, 10);
        Tensor in = randomTensor(rng, 16, 1, 1, 0.5, 1.0);
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] *= scale;
        }
        double[] p = s.forward(in).data.clone();
        double[] t = s.lastTotals().clone();
        assertTrue(Arrays.stream(t).map(Math::abs).max().orElseThrow() > 800, "the totals must be large enough to overflow exp");
        double sum = 0;
        for (double v : p) {
            assertTrue(Double.isFinite(v) && v >= 0 && v <= 1, "probability " + v);
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        // against the shifted formula computed here
        double max = Arrays.stream(t).max().orElseThrow();
        double[] shifted = t.clone();
        for (int k = 0; k < shifted.length; k++) {
            shifted[k] -= max;
        }
        assertArrayEquals(naiveSoftmax(shifted), p, 1e-12);
        assertEquals(Network.argmax(t), Network.argmax(p));
        // and the backward pass stays finite too
        int c = Network.argmax(p);
        double[] g = new double[10];
        g[c] = -1 / p[c];
        Tensor dIn = s.backward(tensor(10, 1, 1, g));
        assertTrue(Arrays.stream(dIn.data).allMatch(Double::isFinite));
    }

    /** L = sum(out * R) for a random R: every output has a gradient, not just the true class. */
    @Test
    void gradientCheckWithGeneralOutputGradient() {
        Random rng = new Random(4);
        Softmax s = layer(rng, 30, 10);
        Tensor in = randomTensor(rng, 3, 2, 5, -1, 1);
        double[] r = gaussian(rng, 10);
        DoubleSupplier loss = () -> dot(s.forward(in), r);
        s.forward(in);
        Tensor dIn = s.backward(tensor(10, 1, 1, r));
        assertEquals(3, dIn.channels);
        assertEquals(2, dIn.height);
        assertEquals(5, dIn.width);
        checkAll(s, in, dIn, loss);
    }

    /** The article's loss L = -ln(p_c) with its initial gradient -1/p_c at c and 0 elsewhere. */
    @ParameterizedTest(name = "class {0}")
    @ValueSource(ints = {0, 3, 9})
    void gradientCheckWithArticleOneHotGradient(int c) {
        Random rng = new Random(5 + c);
        Softmax s = layer(rng, 20, 10);
        Tensor in = randomTensor(rng, 20, 1, 1, -1, 1);
        DoubleSupplier loss = () -> -Math.log(s.forward(in).data[c]);
        double[] p = s.forward(in).data.clone();
        double[] g = new double[10];
        g[c] = -1 / p[c];
        Tensor dIn = s.backward(tensor(10, 1, 1, g));
        checkAll(s, in, dIn, loss);
        // with this gradient dL/dt = p - onehot(c)
        double[] expect = p.clone();
        expect[c] -= 1;
        assertArrayEquals(expect, s.dLdT(), 1e-12);
        assertArrayEquals(expect, s.dLdB(), 1e-12);
    }

    private static void checkAll(Softmax s, Tensor in, Tensor dIn, DoubleSupplier loss) {
        GradCheck gc = GradCheck.defaults();
        GradCheck.Report w = gc.check("softmax dL/dw", s.weights(), s.dLdW(), loss);
        GradCheck.Report b = gc.check("softmax dL/db", s.biases(), s.dLdB(), loss);
        GradCheck.Report x = gc.check("softmax dL/dinput", in.data, dIn.data, loss);
        for (GradCheck.Report r : new GradCheck.Report[] {w, b, x}) {
            assertTrue(r.passed(), r.summary());
            assertTrue(r.maxAbsAnalytic() > 1e-3, r.summary());
        }
    }

    /**
     * A case small enough to do by hand: 2 inputs x = (1, 0), 3 classes, w(0, k) = ln(k + 1), b = 0.
     * Then t = (0, ln 2, ln 3), e^t = (1, 2, 3), S = 6, p = (1/6, 1/3, 1/2). With true class 1:
     * L = ln 3, dL/dout = (0, -3, 0), dL/dt = p - onehot = (1/6, -2/3, 1/2),
     * dL/dw(i, k) = x(i) * dL/dt(k), dL/dx(i) = sum over k of w(i, k) * dL/dt(k).
     */
    @Test
    void handComputedExample() {
        Softmax s = new Softmax(2, 3, new Random(1));
        Arrays.fill(s.biases(), 0);
        double[] w = {Math.log(1), 0.25, Math.log(2), -0.5, Math.log(3), 2.0};   // [k * 2 + i]
        System.arraycopy(w, 0, s.weights(), 0, 6);
        Tensor x = tensor(2, 1, 1, 1, 0);
        double[] p = s.forward(x).data.clone();
        assertArrayEquals(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 2}, p, 1e-12);
        assertEquals(Math.log(3), -Math.log(p[1]), 1e-12);

        Tensor dIn = s.backward(tensor(3, 1, 1, 0, -1 / p[1], 0));
        double[] dLdt = {1.0 / 6, -2.0 / 3, 1.0 / 2};
        assertArrayEquals(dLdt, s.dLdT(), 1e-12);
        assertArrayEquals(dLdt, s.dLdB(), 1e-12);
        assertArrayEquals(new double[] {1.0 / 6, 0, -2.0 / 3, 0, 1.0 / 2, 0}, s.dLdW(), 1e-12);
        assertArrayEquals(new double[] {
                0 * (1.0 / 6) + Math.log(2) * (-2.0 / 3) + Math.log(3) * (1.0 / 2),
                0.25 * (1.0 / 6) - 0.5 * (-2.0 / 3) + 2.0 * (1.0 / 2)}, dIn.data, 1e-12);
    }

    @Test
    void backwardFillsRatherThanAccumulatesAndLeavesWeightsAlone() {
        Random rng = new Random(6);
        Softmax s = layer(rng, 12, 10);
        double[] w0 = s.weights().clone();
        double[] b0 = s.biases().clone();
        Tensor in = randomTensor(rng, 12, 1, 1, -1, 1);
        Tensor g = tensor(10, 1, 1, gaussian(rng, 10));
        s.forward(in);
        double[] d1 = s.backward(g).data.clone();
        double[] w1 = s.dLdW().clone();
        double[] d2 = s.backward(g).data.clone();
        assertArrayEquals(d1, d2, 0.0);
        assertArrayEquals(w1, s.dLdW(), 0.0);
        assertArrayEquals(w0, s.weights(), 0.0);
        assertArrayEquals(b0, s.biases(), 0.0);
    }

    @Test
    void articleInitialisation() {
        int n = 13 * 13 * 8;
        Softmax s = new Softmax(n, 10, new Random(7));
        double[] w = s.weights();
        double mean = Arrays.stream(w).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(w).map(v -> (v - mean) * (v - mean)).sum() / w.length);
        // 13520 draws of N(0, 1) / n
        assertEquals(1.0 / n, sd, 0.03 / n);
        assertEquals(0.0, mean, 0.03 / n);
        assertEquals(2, s.params().size());
        assertTrue(s.params().get(0).value() == s.weights() && s.params().get(1).value() == s.biases());
    }

    @Test
    void rejectsWrongInput() {
        Softmax s = new Softmax(6, 10, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> s.forward(new Tensor(7, 1, 1)));
        assertThrows(IllegalStateException.class, () -> s.backward(Tensor.vector(10)));
        s.forward(new Tensor(1, 2, 3));
        assertThrows(IllegalStateException.class, () -> s.backward(Tensor.vector(9)));
    }
}
