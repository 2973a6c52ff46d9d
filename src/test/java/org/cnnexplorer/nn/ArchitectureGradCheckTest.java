package org.cnnexplorer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntPredicate;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the networks beyond the article's: ReLU after the convolution, a second
 * convolution over every filter of the first, and both, at initialisation (each initialisation)
 * and after training. ReLU has a kink at 0 and max pooling at ties: the images get noise so that
 * no pooling block ties, and a coordinate whose perturbation flips a ReLU's sign or moves a
 * block's argmax is skipped (it must be rare).
 */
class ArchitectureGradCheckTest {
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
        test = BundledMnist.test();
    }

    /** Which side of every kink the last forward pass was on: the pooling masks and ReLU's signs. */
    static int[] branch(Network net) {
        List<Integer> b = new ArrayList<>();
        for (int c = 0; c < net.pooledChannels(); c++) {
            for (int i = 0; i < net.pooledHeight(); i++) {
                for (int j = 0; j < net.pooledWidth(); j++) {
                    b.add(net.pool.maxMask(c, i, j));
                }
            }
        }
        for (Relu r : new Relu[] {net.relu1, net.relu2}) {
            if (r != null) {
                for (double z : r.lastInput().data) {
                    b.add(z > 0 ? 1 : 0);
                }
            }
        }
        return b.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Checks every convolution weight and the input, and {@code softmaxSample} softmax weights
     * chosen at random, plus all biases.
     */
    static List<GradCheck.Report> check(Network net, double[] image, int label, int softmaxSample) {
        GradCheck gc = GradCheck.defaults();
        net.conv.setComputeInputGradient(true);
        net.setInput(image);
        net.forward();
        int[] before = branch(net);
        for (int c = 0; c < net.pooledChannels(); c++) {
            for (int i = 0; i < net.pooledHeight(); i++) {
                for (int j = 0; j < net.pooledWidth(); j++) {
                    // ReLU's zeros tie, but they pass no gradient (a perturbation that lifts one
                    // above 0 changes a ReLU's sign and is skipped); any other tie is a kink.
                    boolean tie = Integer.bitCount(net.pool.maxMask(c, i, j)) > 1;
                    double max = net.pooledOutput().get(c, i, j);
                    assertTrue(!tie || (net.arch.relu() && max == 0.0), "the noisy image must have no ties in pooling");
                }
            }
        }
        Tensor dIn = net.backward(label);
        DoubleSupplier loss = () -> {
            net.forward();
            return net.loss(label);
        };
        BooleanSupplier sameBranch = () -> Arrays.equals(branch(net), before);
        Random pick = new Random(7);
        List<GradCheck.Report> reports = new ArrayList<>();
        for (Param p : net.params()) {
            IntPredicate which = i -> true;
            if (p.name().equals("softmax_weights")) {
                double keep = (double) softmaxSample / p.size();
                boolean[] chosen = new boolean[p.size()];
                for (int i = 0; i < chosen.length; i++) {
                    chosen[i] = pick.nextDouble() < keep;
                }
                which = i -> chosen[i];
            }
            reports.add(gc.check(p.name(), p.value(), p.grad(), loss, which, sameBranch));
        }
        reports.add(gc.check("input", net.input().data, dIn.data, loss, i -> true, sameBranch));
        for (GradCheck.Report r : reports) {
            assertTrue(r.passed(), r.summary());
            assertTrue(r.skipped() * 50 <= r.checked() + r.skipped(), "too many coordinates cross a kink: " + r.summary());
            assertTrue(r.maxAbsAnalytic() > 1e-5, "a check of an all-zero gradient proves little: " + r.summary());
        }
        return reports;
    }

    static Network trained(Architecture a, long seed, int steps, double lr) {
        Network net = new Network(a, 28, 28, new Random(seed));
        for (int i = 0; i < steps; i++) {
            net.trainStep(train.pixels(), train.offset(i), train.label(i), lr);
        }
        return net;
    }

    static double[] noisy(int index) {
        return NetworkGradCheckTest.scaled(test, index, new Random(index), 0.05);
    }

    @Test
    void twoLayerReluNetworkAtInitialisationWithEachInit() {
        for (Init init : Init.values()) {
            Network net = new Network(new Architecture(4, 6, true, init), 28, 28, new Random(3));
            List<GradCheck.Report> r = check(net, noisy(1), test.label(1), 300);
            assertEquals(List.of("conv1_filters", "conv2_filters", "softmax_weights", "softmax_biases", "input"),
                    r.stream().map(GradCheck.Report::name).toList());
            assertEquals(6 * 4 * 9, r.get(1).checked() + r.get(1).skipped());
        }
    }

    @Test
    void twoLayerReluNetworkAfterTraining() {
        Network net = trained(new Architecture(4, 6, true, Init.HE), 2, 150, 0.005);
        check(net, noisy(2), test.label(2), 300);
    }

    @Test
    void twoLayersWithoutRelu() {
        Network net = trained(new Architecture(3, 5, false, Init.GLOROT), 4, 100, 0.005);
        check(net, noisy(3), test.label(3), 300);
    }

    @Test
    void oneLayerWithRelu() {
        Network net = trained(new Architecture(8, 0, true, Init.HE), 5, 100, 0.005);
        List<GradCheck.Report> r = check(net, noisy(4), test.label(4), 400);
        assertEquals("conv_filters", r.get(0).name());
    }

    @Test
    void reluLayerAlone() {
        Random rng = new Random(11);
        Tensor in = new Tensor(3, 5, 4);
        for (int i = 0; i < in.size(); i++) {
            double v = rng.nextGaussian();
            in.data[i] = Math.abs(v) < 0.01 ? 0.5 : v;  // no input on the kink
        }
        double[] w = new double[in.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        Relu relu = new Relu();
        // L = sum of w * relu(in): dL/dout = w.
        DoubleSupplier loss = () -> {
            Tensor out = relu.forward(in);
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * out.data[i];
            }
            return s;
        };
        loss.getAsDouble();
        Tensor dOut = new Tensor(3, 5, 4);
        System.arraycopy(w, 0, dOut.data, 0, w.length);
        Tensor dIn = relu.backward(dOut);
        GradCheck.Report r = GradCheck.defaults().check("relu input", in.data, dIn.data, loss);
        assertTrue(r.passed(), r.summary());
        int zeros = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.data[i] < 0) {
                assertEquals(0.0, dIn.data[i]);
                zeros++;
            } else {
                assertEquals(w[i], dIn.data[i]);
            }
        }
        assertTrue(zeros > 10 && zeros < 50, "both sides of the kink are covered");
    }

    @Test
    void oneSgdStepRaisesTheTrueClassOnATwoLayerReluNetwork() {
        Network net = new Network(new Architecture(8, 16, true, Init.HE), 28, 28, new Random(9));
        int label = train.label(0);
        double before = net.forward(train.pixels(), train.offset(0))[label];
        net.backprop(label, 0.005);
        double after = net.forward(train.pixels(), train.offset(0))[label];
        assertTrue(after > before, before + " -> " + after);
    }
}
