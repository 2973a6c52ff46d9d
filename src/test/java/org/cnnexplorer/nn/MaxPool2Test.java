package org.cnnexplorer.nn;

import static org.cnnexplorer.nn.NnTestUtil.dot;
import static org.cnnexplorer.nn.NnTestUtil.gaussian;
import static org.cnnexplorer.nn.NnTestUtil.randomTensorWithoutTies;
import static org.cnnexplorer.nn.NnTestUtil.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxPool2Test {

    /**
     * The article's worked example in its style: a 4x4 input is pooled to the max of each 2x2
     * block, and the backward pass puts each gradient where its block's max was, zero elsewhere.
     */
    @Test
    void articleStyleExample() {
        Tensor in = tensor(1, 4, 4,
                0, 50, 0, 29,
                0, 80, 31, 2,
                33, 90, 0, 75,
                0, 9, 0, 95);
        MaxPool2 pool = new MaxPool2();
        Tensor out = pool.forward(in);
        assertEquals(2, out.height);
        assertEquals(2, out.width);
        assertArrayEquals(new double[] {
                80, 31,
                90, 95}, out.data, 0.0);

        Tensor dIn = pool.backward(tensor(1, 2, 2,
                1, 2,
                3, 4));
        assertArrayEquals(new double[] {
                0, 0, 0, 0,
                0, 1, 2, 0,
                0, 3, 0, 0,
                0, 0, 0, 4}, dIn.data, 0.0);
    }

    /** Blocks with ties: (0,0) max 1 three times, (0,1) max 5 three times, (1,0) max 7 three times, (1,1) all 4. */
    private static Tensor tiedInput() {
        return tensor(1, 4, 4,
                1, 1, 5, 2,
                0, 1, 5, 5,
                7, 3, 4, 4,
                7, 7, 4, 4);
    }

    private static final Tensor TIED_GRAD = tensor(1, 2, 2,
            0.5, -2,
            3, 0.25);

    @Test
    void tiesAreReportedByMaxMask() {
        MaxPool2 pool = new MaxPool2();
        Tensor out = pool.forward(tiedInput());
        assertArrayEquals(new double[] {1, 5, 7, 4}, out.data, 0.0);
        // bit 2 * row + col of the block
        assertEquals(0b1011, pool.maxMask(0, 0, 0));
        assertEquals(0b1101, pool.maxMask(0, 0, 1));
        assertEquals(0b1101, pool.maxMask(0, 1, 0));
        assertEquals(0b1111, pool.maxMask(0, 1, 1));
    }

    /** The article's rule (the default): every position equal to the block's max gets the gradient. */
    @Test
    void allTiesRoutingCopiesTheGradientToEveryMax() {
        MaxPool2 pool = new MaxPool2();
        assertFalse(pool.firstMaxOnly(), "all-ties routing must be the default, like the article");
        pool.forward(tiedInput());
        Tensor dIn = pool.backward(TIED_GRAD);
        assertArrayEquals(new double[] {
                0.5, 0.5, -2, 0,
                0, 0.5, -2, -2,
                3, 0, 0.25, 0.25,
                3, 3, 0.25, 0.25}, dIn.data, 0.0);
    }

    @Test
    void firstMaxOnlyRoutesToExactlyTheFirstMaxInRowMajorOrder() {
        MaxPool2 pool = new MaxPool2();
        pool.setFirstMaxOnly(true);
        assertTrue(pool.firstMaxOnly());
        pool.forward(tiedInput());
        Tensor dIn = pool.backward(TIED_GRAD);
        assertArrayEquals(new double[] {
                0.5, 0, -2, 0,
                0, 0, 0, 0,
                3, 0, 0.25, 0,
                0, 0, 0, 0}, dIn.data, 0.0);
        // the mask still reports the ties; only the routing differs
        assertEquals(0b1111, pool.maxMask(0, 1, 1));
    }

    @Test
    void firstMaxOnlyPicksTheFirstOfEachPossibleTiePattern() {
        MaxPool2 pool = new MaxPool2();
        pool.setFirstMaxOnly(true);
        // every non-empty subset of the 4 positions tied at the max (value 1, others 0)
        for (int mask = 1; mask < 16; mask++) {
            Tensor in = tensor(1, 2, 2,
                    (mask & 1) != 0 ? 1 : 0, (mask & 2) != 0 ? 1 : 0,
                    (mask & 4) != 0 ? 1 : 0, (mask & 8) != 0 ? 1 : 0);
            pool.forward(in);
            assertEquals(mask, pool.maxMask(0, 0, 0));
            Tensor dIn = pool.backward(tensor(1, 1, 1, 2.0));
            int first = Integer.numberOfTrailingZeros(mask);
            for (int k = 0; k < 4; k++) {
                assertEquals(k == first ? 2.0 : 0.0, dIn.data[k], 0.0, "mask " + mask + " position " + k);
            }
        }
    }

    @Test
    void tiesOfNegativeValuesAndChannelsAreIndependent() {
        Tensor in = tensor(2, 2, 4,
                // channel 0: block 0 tie at -3 (positions 1 and 2); block 1 no tie
                -5, -3, 1, 2,
                -3, -4, 3, 4,
                // channel 1: block 0 no tie; block 1 all tied at -1
                9, 0, -1, -1,
                0, 0, -1, -1);
        MaxPool2 pool = new MaxPool2();
        Tensor out = pool.forward(in);
        assertArrayEquals(new double[] {-3, 4, 9, -1}, out.data, 0.0);
        Tensor dIn = pool.backward(tensor(2, 1, 2, 1, 2, 3, 4));
        assertArrayEquals(new double[] {
                0, 1, 0, 0,
                1, 0, 0, 2,
                3, 0, 4, 4,
                0, 0, 4, 4}, dIn.data, 0.0);
    }

    @Test
    void oddSizesDropTheLastRowAndColumn() {
        Random rng = new Random(4);
        Tensor in = randomTensorWithoutTies(rng, 2, 5, 7, 1e-3);
        MaxPool2 pool = new MaxPool2();
        Tensor out = pool.forward(in);
        assertEquals(2, out.height);
        assertEquals(3, out.width);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    double m = Math.max(Math.max(in.get(c, 2 * i, 2 * j), in.get(c, 2 * i, 2 * j + 1)),
                            Math.max(in.get(c, 2 * i + 1, 2 * j), in.get(c, 2 * i + 1, 2 * j + 1)));
                    assertEquals(m, out.get(c, i, j), 0.0);
                }
            }
        }
        double[] g = gaussian(rng, 12);
        Tensor dIn = pool.backward(tensor(2, 2, 3, g));
        for (int c = 0; c < 2; c++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(0.0, dIn.get(c, 4, x), 0.0, "last row gets no gradient");
            }
            for (int y = 0; y < 5; y++) {
                assertEquals(0.0, dIn.get(c, y, 6), 0.0, "last column gets no gradient");
            }
        }
        // the gradient is conserved: no ties, so each block passes its gradient exactly once
        double sumIn = 0;
        double sumOut = 0;
        for (double v : dIn.data) {
            sumIn += v;
        }
        for (double v : g) {
            sumOut += v;
        }
        assertEquals(sumOut, sumIn, 1e-12);
    }

    /** A second forward pass where the maxima moved must not leave gradient at the old positions. */
    @Test
    void noStaleGradientFromAnEarlierPass() {
        MaxPool2 pool = new MaxPool2();
        pool.forward(tensor(1, 2, 2, 9, 0, 0, 0));
        pool.backward(tensor(1, 1, 1, 5.0));
        pool.forward(tensor(1, 2, 2, 0, 0, 0, 9));
        Tensor dIn = pool.backward(tensor(1, 1, 1, 7.0));
        assertArrayEquals(new double[] {0, 0, 0, 7}, dIn.data, 0.0);
    }

    /**
     * Max is differentiable away from ties, with derivative 1 at the max and 0 elsewhere. On random
     * inputs whose blocks have no near-ties (gap at least 1e-3, far more than eps = 1e-6) a
     * central difference never crosses a tie, so both routings must match it.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, firstMaxOnly={3}")
    @CsvSource({"1, 4, 4, false", "2, 8, 8, false", "3, 5, 7, false", "8, 26, 26, false", "3, 5, 7, true", "8, 26, 26, true"})
    void gradientCheckWithoutTies(int c, int h, int w, boolean firstMaxOnly) {
        Random rng = new Random(100L * c + 10L * h + w);
        Tensor in = randomTensorWithoutTies(rng, c, h, w, 1e-3);
        MaxPool2 pool = new MaxPool2();
        pool.setFirstMaxOnly(firstMaxOnly);
        Tensor out = pool.forward(in);
        double[] r = gaussian(rng, out.size());
        DoubleSupplier loss = () -> dot(pool.forward(in), r);
        pool.forward(in);
        Tensor dIn = pool.backward(tensor(out.channels, out.height, out.width, r));
        GradCheck.Report rep = GradCheck.defaults().check("maxpool dL/dinput", in.data, dIn.data, loss);
        assertTrue(rep.passed(), rep.summary());
        assertTrue(rep.maxAbsAnalytic() > 0.1, rep.summary());
    }

    @Test
    void hasNoParamsAndRejectsMisuse() {
        MaxPool2 pool = new MaxPool2();
        assertTrue(pool.params().isEmpty());
        assertThrows(IllegalStateException.class, () -> pool.backward(new Tensor(1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> pool.forward(new Tensor(1, 1, 4)));
        pool.forward(new Tensor(2, 4, 4));
        assertThrows(IllegalStateException.class, () -> pool.backward(new Tensor(1, 2, 2)));
    }
}
