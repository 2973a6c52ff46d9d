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
import org.junit.jupiter.params.provider.CsvSource;

class Conv3x3Test {

    /**
     * The convolution written out as the article defines it, with no tricks:
     * out(f, i, j) = sum over c, x, y of input(c, i + x, j + y) * filter(f, c, x, y),
     * filter(f, c, x, y) stored at ((f * C + c) * 3 + x) * 3 + y.
     */
    static double[] naiveConv(double[] in, int channels, int h, int w, double[] filters, int numFilters) {
        int oh = h - 2;
        int ow = w - 2;
        double[] out = new double[numFilters * oh * ow];
        for (int f = 0; f < numFilters; f++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int c = 0; c < channels; c++) {
                        for (int x = 0; x < 3; x++) {
                            for (int y = 0; y < 3; y++) {
                                s += in[(c * h + i + x) * w + j + y] * filters[((f * channels + c) * 3 + x) * 3 + y];
                            }
                        }
                    }
                    out[(f * oh + i) * ow + j] = s;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} filters, {1} channels, {2}x{3}")
    @CsvSource({"8, 1, 28, 28", "3, 1, 5, 7", "4, 3, 5, 7", "2, 2, 3, 3", "5, 2, 9, 4", "1, 1, 3, 10"})
    void forwardMatchesNaiveConvolution(int numFilters, int channels, int h, int w) {
        Random rng = new Random(31L * h + w + channels);
        Conv3x3 conv = new Conv3x3(numFilters, channels, rng);
        Tensor in = randomTensor(rng, channels, h, w, -0.5, 0.5);
        Tensor out = conv.forward(in);
        assertEquals(numFilters, out.channels);
        assertEquals(h - 2, out.height);
        assertEquals(w - 2, out.width);
        assertArrayEquals(naiveConv(in.data, channels, h, w, conv.filters(), numFilters), out.data, 1e-12);
    }

    @Test
    void filterAccessorFollowsTheDocumentedLayout() {
        Conv3x3 conv = new Conv3x3(3, 2, new Random(1));
        for (int f = 0; f < 3; f++) {
            for (int c = 0; c < 2; c++) {
                for (int x = 0; x < 3; x++) {
                    for (int y = 0; y < 3; y++) {
                        assertEquals(conv.filters()[((f * 2 + c) * 3 + x) * 3 + y], conv.filter(f, c, x, y), 0.0);
                    }
                }
            }
        }
    }

    /** The article's example: a zero filter whose centre weight is raised by 1 outputs the centre pixel, 80. */
    @Test
    void articleCentreWeightExample() {
        Conv3x3 conv = new Conv3x3(1, new Random(1));
        Arrays.fill(conv.filters(), 0.0);
        Tensor image = tensor(1, 3, 3,
                0, 50, 0,
                0, 80, 31,
                33, 90, 0);
        assertEquals(0.0, conv.forward(image).data[0], 0.0);
        conv.filters()[4] = 1;
        assertEquals(80.0, conv.forward(image).data[0], 0.0);
        // and d out / d filter(x, y) = image(x, y): the filter gradient for dL/dout = 1 is the image
        conv.backward(tensor(1, 1, 1, 1.0));
        assertArrayEquals(image.data, conv.dLdFilters(), 0.0);
    }

    @Test
    void forwardAfterAShapeChangeIsStillRight() {
        Random rng = new Random(5);
        Conv3x3 conv = new Conv3x3(2, 1, rng);
        for (int[] s : new int[][] {{6, 6}, {4, 9}, {6, 6}, {28, 28}}) {
            Tensor in = randomTensor(rng, 1, s[0], s[1], -1, 1);
            assertArrayEquals(naiveConv(in.data, 1, s[0], s[1], conv.filters(), 2), conv.forward(in).data, 1e-12);
            // and the backward pass matches a fresh layer's (no stale buffers from other shapes)
            double[] r = gaussian(rng, 2 * (s[0] - 2) * (s[1] - 2));
            Tensor dIn = conv.backward(tensor(2, s[0] - 2, s[1] - 2, r)).copy();
            Conv3x3 fresh = new Conv3x3(2, 1, new Random(0));
            System.arraycopy(conv.filters(), 0, fresh.filters(), 0, conv.filters().length);
            fresh.forward(in);
            Tensor dInFresh = fresh.backward(tensor(2, s[0] - 2, s[1] - 2, r));
            assertArrayEquals(fresh.dLdFilters(), conv.dLdFilters(), 0.0);
            assertArrayEquals(dInFresh.data, dIn.data, 0.0);
        }
    }

    @ParameterizedTest(name = "{0} filters, {1} channels, {2}x{3}")
    @CsvSource({"8, 1, 28, 28", "3, 1, 6, 5", "4, 3, 5, 7", "2, 2, 3, 3"})
    void gradientCheck(int numFilters, int channels, int h, int w) {
        Random rng = new Random(1000L + numFilters * 7L + channels * 13L + h);
        Conv3x3 conv = new Conv3x3(numFilters, channels, rng);
        conv.setComputeInputGradient(true);
        Tensor in = randomTensor(rng, channels, h, w, -0.5, 0.5);
        double[] r = gaussian(rng, numFilters * (h - 2) * (w - 2));
        DoubleSupplier loss = () -> dot(conv.forward(in), r);

        conv.forward(in);
        Tensor dIn = conv.backward(tensor(numFilters, h - 2, w - 2, r));
        assertEquals(channels, dIn.channels);
        assertEquals(h, dIn.height);
        assertEquals(w, dIn.width);

        GradCheck gc = GradCheck.defaults();
        GradCheck.Report filters = gc.check("conv dL/dfilters", conv.filters(), conv.dLdFilters(), loss);
        GradCheck.Report input = gc.check("conv dL/dinput", in.data, dIn.data, loss);
        assertTrue(filters.passed(), filters.summary());
        assertTrue(input.passed(), input.summary());
        assertTrue(filters.maxAbsAnalytic() > 1e-3, filters.summary());
        assertTrue(input.maxAbsAnalytic() > 1e-3, input.summary());
    }

    @Test
    void backwardFillsRatherThanAccumulates() {
        Random rng = new Random(9);
        Conv3x3 conv = new Conv3x3(3, 2, rng);
        Tensor in = randomTensor(rng, 2, 6, 6, -1, 1);
        Tensor g = tensor(3, 4, 4, gaussian(rng, 48));
        conv.forward(in);
        double[] f1 = conv.backward(g).data.clone();
        double[] df1 = conv.dLdFilters().clone();
        double[] f2 = conv.backward(g).data.clone();
        assertArrayEquals(df1, conv.dLdFilters(), 0.0);
        assertArrayEquals(f1, f2, 0.0);
    }

    @Test
    void backwardDoesNotChangeTheFilters() {
        Random rng = new Random(10);
        Conv3x3 conv = new Conv3x3(3, 1, rng);
        double[] before = conv.filters().clone();
        conv.forward(randomTensor(rng, 1, 8, 8, -1, 1));
        conv.backward(tensor(3, 6, 6, gaussian(rng, 108)));
        assertArrayEquals(before, conv.filters(), 0.0);
    }

    @Test
    void filterGradientDoesNotDependOnComputeInputGradient() {
        Random rng = new Random(11);
        Conv3x3 conv = new Conv3x3(4, 2, rng);
        Tensor in = randomTensor(rng, 2, 7, 5, -1, 1);
        Tensor g = tensor(4, 5, 3, gaussian(rng, 60));
        conv.setComputeInputGradient(true);
        conv.forward(in);
        conv.backward(g);
        double[] with = conv.dLdFilters().clone();
        conv.setComputeInputGradient(false);
        conv.forward(in);
        conv.backward(g);
        assertArrayEquals(with, conv.dLdFilters(), 0.0);
    }

    /** Zeros in dL/dout (most of it after max pooling) are skipped; the result must be unchanged. */
    @Test
    void sparseGradientMatchesDenseFormula() {
        Random rng = new Random(12);
        Conv3x3 conv = new Conv3x3(2, 1, rng);
        conv.setComputeInputGradient(true);
        Tensor in = randomTensor(rng, 1, 6, 6, -1, 1);
        double[] g = new double[2 * 4 * 4];
        g[3] = 0.7;
        g[20] = -1.3;
        conv.forward(in);
        Tensor dIn = conv.backward(tensor(2, 4, 4, g));
        // dL/dfilter(f, x, y) = sum over i, j of g(f, i, j) * in(i + x, j + y), written out
        double[] expectF = new double[18];
        double[] expectIn = new double[36];
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double d = g[(f * 4 + i) * 4 + j];
                    for (int x = 0; x < 3; x++) {
                        for (int y = 0; y < 3; y++) {
                            expectF[f * 9 + x * 3 + y] += d * in.data[(i + x) * 6 + j + y];
                            expectIn[(i + x) * 6 + j + y] += d * conv.filters()[f * 9 + x * 3 + y];
                        }
                    }
                }
            }
        }
        assertArrayEquals(expectF, conv.dLdFilters(), 1e-15);
        assertArrayEquals(expectIn, dIn.data, 1e-15);
    }

    @Test
    void articleInitialisationIsGaussianOverNine() {
        Conv3x3 conv = new Conv3x3(64, 4, new Random(3));
        double[] f = conv.filters();
        double mean = Arrays.stream(f).average().orElseThrow();
        double var = Arrays.stream(f).map(v -> (v - mean) * (v - mean)).sum() / f.length;
        // 2304 draws of N(0, 1) / 9: the sample sd is within a few percent of 1/9
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.0 / 9, Math.sqrt(var), 0.1 / 9);
        assertEquals(1, conv.params().size());
        assertEquals("conv_filters", conv.params().get(0).name());
        assertTrue(conv.params().get(0).value() == conv.filters(), "the param must be the live filter array");
    }

    @Test
    void rejectsWrongInput() {
        Conv3x3 conv = new Conv3x3(2, 3, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> conv.forward(new Tensor(1, 5, 5)));
        assertThrows(IllegalArgumentException.class, () -> conv.forward(new Tensor(3, 2, 5)));
        Conv3x3 fresh = new Conv3x3(2, 1, new Random(1));
        assertThrows(IllegalStateException.class, () -> fresh.backward(new Tensor(2, 3, 3)));
        fresh.forward(new Tensor(1, 5, 5));
        assertThrows(IllegalStateException.class, () -> fresh.backward(new Tensor(2, 4, 3)));
    }
}
