package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the whole article network, loss L = -ln(p_label), with respect to every
 * parameter (conv filters, softmax weights and biases) and to the input image (through the conv
 * layer's input gradient), at initialisation and after 200 SGD steps on real MNIST images.
 *
 * <p>About ties: max is not differentiable where two positions of a pooling block tie. The flat
 * background of an MNIST digit ties everywhere (every 3x3 window of background gives the same
 * conv output), and there the article's rule (gradient to every tied position) is not the
 * derivative: see {@link #onARawImageAllTiesRoutingOvercountsTheFilterGradient}. So the main checks
 * add small uniform noise to a real image, so that the pooling input has no ties, and skip the
 * few coordinates whose perturbation moves some block's argmax (a near-tie crossed: the central
 * difference would straddle the kink). Each conv output is linear in any single weight or pixel,
 * so if no block's argmax differs at -eps, 0 and +eps, none changes in between and the loss is
 * smooth on that whole interval.
 */
class NetworkGradCheckTest {
    private static final double NOISE = 0.05;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
        test = BundledMnist.test();
    }

    /** An MNIST image scaled like the article, (pixel / 255) - 0.5, plus uniform noise in [-noise, noise). */
    static double[] scaled(Dataset d, int index, Random rng, double noise) {
        double[] x = new double[d.imageSize()];
        int off = d.offset(index);
        for (int i = 0; i < x.length; i++) {
            x[i] = (d.pixels()[off + i] & 0xff) / 255.0 - 0.5;
            if (noise > 0) {
                x[i] += noise * (2 * rng.nextDouble() - 1);
            }
        }
        return x;
    }

    /** The article's network after {@code steps} SGD steps (lr 0.005) on the first training images. */
    static Network trained(long seed, int steps, boolean firstMaxOnly) {
        Network net = new Network(8, seed);
        net.pool.setFirstMaxOnly(firstMaxOnly);
        for (int i = 0; i < steps; i++) {
            net.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
        }
        return net;
    }

    /** The pooling input (conv output) of the network's current input. */
    static Tensor convOutput(Network net) {
        return net.conv.forward(net.input()).copy();
    }

    /**
     * How far one perturbation of size eps can move a conv output: by eps * |input pixel| when a
     * filter weight moves, by eps * |filter weight| when an input pixel moves. Two values of a
     * block can approach each other by twice that.
     */
    static double maxConvShift(Network net, double eps) {
        return 2 * eps * Math.max(NnTestUtil.maxAbs(net.input().data), NnTestUtil.maxAbs(net.conv.filters()));
    }

    /** Every pooling block's max mask (which positions hold the max), from the last forward pass. */
    static int[] maxMasks(Network net) {
        int[] m = new int[net.numFilters * net.pooledHeight() * net.pooledWidth()];
        int n = 0;
        for (int c = 0; c < net.numFilters; c++) {
            for (int i = 0; i < net.pooledHeight(); i++) {
                for (int j = 0; j < net.pooledWidth(); j++) {
                    m[n++] = net.pool.maxMask(c, i, j);
                }
            }
        }
        return m;
    }

    static List<GradCheck.Report> checkEverything(Network net, double[] image, int label) {
        GradCheck gc = GradCheck.defaults();
        net.conv.setComputeInputGradient(true);
        net.setInput(image);
        net.forward();
        int[] masks = maxMasks(net);
        for (int m : masks) {
            assertEquals(1, Integer.bitCount(m), "the noisy image must have no ties in pooling");
        }
        Tensor dIn = net.backward(label);

        DoubleSupplier loss = () -> {
            net.forward();
            return net.loss(label);
        };
        // Noise makes exact ties vanishingly unlikely, but among 1352 blocks a few near-ties (a gap
        // below the ~1e-6 a perturbation can move a conv output) remain. A perturbation that moves a
        // block's argmax straddles a kink of max: such coordinates are skipped, and must be rare.
        BooleanSupplier sameBranch = () -> Arrays.equals(maxMasks(net), masks);
        List<GradCheck.Report> reports = new ArrayList<>();
        for (Param p : net.params()) {
            reports.add(gc.check(p.name(), p.value(), p.grad(), loss, i -> true, sameBranch));
        }
        reports.add(gc.check("input", net.input().data, dIn.data, loss, i -> true, sameBranch));
        for (GradCheck.Report r : reports) {
            assertTrue(r.passed(), r.summary());
            assertTrue(r.skipped() * 100 <= r.checked() + r.skipped(), "too many coordinates cross a tie: " + r.summary());
            assertTrue(r.maxAbsAnalytic() > 1e-4, "a check of an all-zero gradient proves little: " + r.summary());
        }
        return reports;
    }

    @Test
    void atInitialisation() {
        Random rng = new Random(1);
        Network net = new Network(8, 1);
        List<GradCheck.Report> r = checkEverything(net, scaled(test, 0, rng, NOISE), test.label(0));
        assertEquals(4, r.size());
        assertEquals(8 * 9 + 13 * 13 * 8 * 10 + 10 + 28 * 28, r.stream().mapToInt(x -> x.checked() + x.skipped()).sum());
    }

    @Test
    void after200TrainingSteps() {
        Network net = trained(2, 200, false);
        Random rng = new Random(2);
        for (int i : new int[] {1, 2}) {
            checkEverything(net, scaled(test, i, rng, NOISE), test.label(i));
        }
    }

    @Test
    void after200TrainingStepsFirstMaxOnly() {
        Network net = trained(3, 200, true);
        checkEverything(net, scaled(test, 3, new Random(3), NOISE), test.label(3));
    }

    /** Without ties both routing rules are the same function, so they must give the same gradients. */
    @Test
    void withoutTiesBothRoutingsAgree() {
        Network a = trained(4, 50, false);
        Network b = a.copy();
        b.pool.setFirstMaxOnly(true);
        double[] image = scaled(test, 5, new Random(4), NOISE);
        for (Network n : new Network[] {a, b}) {
            n.setInput(image);
            n.forward();
            n.backward(test.label(5));
        }
        assertTrue(NnTestUtil.minPoolGap(convOutput(a)) > 0);
        for (int p = 0; p < a.params().size(); p++) {
            assertArrayEquals(a.params().get(p).grad(), b.params().get(p).grad(), 0.0, a.params().get(p).name());
        }
    }

    /**
     * On a raw MNIST image (no noise) the background ties. Every tied position of such a block
     * sees the same 3x3 window of input, so moving a filter weight moves all of them together:
     * they stay tied, the block's max moves exactly as one of them does, and the true derivative
     * counts the block's gradient once. First-max-only routing does that and passes the check; the
     * article's all-ties routing counts it once per tied position, so its filter gradient is not the
     * derivative of the loss (the softmax gradients, upstream of the pooling, are unaffected).
     */
    @Test
    void onARawImageAllTiesRoutingOvercountsTheFilterGradient() {
        Network allTies = trained(5, 100, false);
        Network firstOnly = allTies.copy();
        firstOnly.pool.setFirstMaxOnly(true);
        int index = 0;
        int label = train.label(index);
        double[] image = scaled(train, index, null, 0);
        GradCheck gc = GradCheck.defaults();

        allTies.setInput(image);
        Tensor conv = convOutput(allTies);
        int tiedBlocks = assertTiesAreStructural(conv, allTies.input(), maxConvShift(allTies, gc.eps()));
        assertTrue(tiedBlocks > 100, "a raw MNIST image has many tied blocks, found " + tiedBlocks);

        for (Network n : new Network[] {allTies, firstOnly}) {
            n.setInput(image);
            n.forward();
            n.backward(label);
        }
        DoubleSupplier loss = () -> {
            firstOnly.forward();
            return firstOnly.loss(label);
        };
        double[] filters = firstOnly.conv.filters();
        GradCheck.Report first = gc.check("first-max-only conv filters", filters, firstOnly.conv.dLdFilters(), loss);
        GradCheck.Report all = gc.check("all-ties conv filters", filters, allTies.conv.dLdFilters(), loss);
        assertTrue(first.passed(), first.summary());
        assertFalse(all.passed(), "all-ties routing was expected to differ from the derivative on tied background: " + all.summary());
        assertTrue(all.maxRelError() > 0.01, all.summary());

        // upstream of pooling the two rules agree exactly
        for (int p = 1; p < allTies.params().size(); p++) {
            assertArrayEquals(firstOnly.params().get(p).grad(), allTies.params().get(p).grad(), 0.0);
        }
        GradCheck.Report w = gc.check("softmax weights", firstOnly.softmax.weights(), allTies.softmax.dLdW(), loss);
        assertTrue(w.passed(), w.summary());
    }

    /**
     * Asserts that in every pooling block of {@code conv} the positions tied at the max have identical
     * 3x3 input windows (so a filter perturbation cannot break the tie) and that every other position
     * is below the max by more than {@code shift}. Returns the number of blocks with a tie.
     */
    private static int assertTiesAreStructural(Tensor conv, Tensor input, double shift) {
        int tied = 0;
        int w = input.width;
        for (int c = 0; c < conv.channels; c++) {
            for (int i = 0; i + 1 < conv.height; i += 2) {
                for (int j = 0; j + 1 < conv.width; j += 2) {
                    int[][] pos = {{i, j}, {i, j + 1}, {i + 1, j}, {i + 1, j + 1}};
                    double m = Double.NEGATIVE_INFINITY;
                    for (int[] p : pos) {
                        m = Math.max(m, conv.get(c, p[0], p[1]));
                    }
                    double[] window0 = null;
                    int count = 0;
                    for (int[] p : pos) {
                        double v = conv.get(c, p[0], p[1]);
                        if (v == m) {
                            count++;
                            double[] window = new double[9];
                            for (int x = 0; x < 3; x++) {
                                for (int y = 0; y < 3; y++) {
                                    window[x * 3 + y] = input.data[(p[0] + x) * w + p[1] + y];
                                }
                            }
                            if (window0 == null) {
                                window0 = window;
                            } else {
                                assertTrue(Arrays.equals(window0, window), "a coincidental tie at block " + c + "," + i + "," + j);
                            }
                        } else {
                            assertTrue(m - v > shift, "a near-tie at block " + c + "," + i + "," + j);
                        }
                    }
                    if (count > 1) {
                        tied++;
                    }
                }
            }
        }
        return tied;
    }
}
