package org.cnnexplorer.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnexplorer.nn.Network;

/**
 * Compares backprop's gradient of the loss L = -ln p_c with a central difference,
 * (L(w + eps) - L(w - eps)) / (2 eps) in double, one weight at a time.
 *
 * <p>Max pooling is not differentiable where a 2x2 block's maximum is shared (MNIST's flat
 * background ties in almost every block) or where a tiny change of a filter weight changes which
 * position is largest. There the finite difference and the pooling rule legitimately disagree, so a
 * disagreement on such a weight is reported as {@link Status#TIE} rather than a failure. Adding
 * tiny noise to the image ({@link #withNoise}) breaks the ties and makes every weight checkable.
 */
public final class GradientChecker {
    public static final double EPS = 1e-6;
    public static final double MAX_REL_ERROR = 1e-3;
    public static final double MIN_ABS_ERROR = 1e-8;

    public enum Status { PASS, FAIL, TIE }

    /** One weight's check. */
    public record Result(WeightRef weight, double analytic, double numeric, double relError, Status status) {
        public double absError() {
            return Math.abs(analytic - numeric);
        }
    }

    private GradientChecker() {
    }

    /** |a - n| / max(|a| + |n|, 1e-12). */
    public static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-12);
    }

    /** Within tolerance: a small relative error, or an absolute error below the floor. */
    public static boolean agrees(double analytic, double numeric) {
        return relativeError(analytic, numeric) <= MAX_REL_ERROR || Math.abs(analytic - numeric) < MIN_ABS_ERROR;
    }

    /**
     * Checks each weight on a private copy of {@code weights} (which is not changed), for one
     * scaled input and label, with the copy's pooling rule.
     */
    public static List<Result> check(Network weights, double[] scaledInput, int label, List<WeightRef> refs) {
        return check(weights, scaledInput, label, refs, net -> { });
    }

    /**
     * {@link #check}, with {@code tamper} run on the private copy after backprop and before the
     * gradients are read: the tests hand the checker a wrong gradient this way and watch it fail.
     */
    static List<Result> check(Network weights, double[] scaledInput, int label, List<WeightRef> refs,
                              java.util.function.Consumer<Network> tamper) {
        Network net = weights.copy();
        for (WeightRef r : refs) {
            r.validate(net);
        }
        net.setInput(scaledInput);
        net.forward();
        byte[] baseMask = masks(net);
        byte[] baseSigns = reluSigns(net);
        // dL/dpooled for the tie test, then Network.backward for every gradient.
        double[] dLdPooled = net.softmax.backward(net.initialGradient(label)).data.clone();
        net.backward(label);
        tamper.accept(net);
        // Snapshot the analytic gradients before any perturbed forward pass reuses the buffers.
        double[] analytic = new double[refs.size()];
        for (int n = 0; n < refs.size(); n++) {
            WeightRef r = refs.get(n);
            analytic[n] = r.gradient(net)[r.index(net)];
        }
        List<Result> out = new ArrayList<>(refs.size());
        for (int n = 0; n < refs.size(); n++) {
            WeightRef r = refs.get(n);
            double[] a = r.array(net);
            int idx = r.index(net);
            double w = a[idx];
            a[idx] = w + EPS;
            double lossPlus = loss(net, label);
            boolean maskMoved = !java.util.Arrays.equals(masks(net), baseMask)
                    || !java.util.Arrays.equals(reluSigns(net), baseSigns);
            a[idx] = w - EPS;
            double lossMinus = loss(net, label);
            maskMoved |= !java.util.Arrays.equals(masks(net), baseMask)
                    || !java.util.Arrays.equals(reluSigns(net), baseSigns);
            a[idx] = w;
            double numeric = (lossPlus - lossMinus) / (2 * EPS);
            double rel = relativeError(analytic[n], numeric);
            Status s;
            if (agrees(analytic[n], numeric)) {
                s = Status.PASS;
            } else if (r.kind() == WeightRef.Kind.CONV_FILTER && net.conv2 == null
                    && (maskMoved || routesThroughTie(net, baseMask, dLdPooled, r.f()))) {
                s = Status.TIE;
            } else if ((r.kind() == WeightRef.Kind.CONV_FILTER || r.kind() == WeightRef.Kind.CONV2_FILTER)
                    && net.conv2 != null && (maskMoved || anyTieRouted(baseMask, dLdPooled))) {
                // With two layers every first-layer filter reaches every pooled map.
                s = Status.TIE;
            } else {
                s = Status.FAIL;
            }
            out.add(new Result(r, analytic[n], numeric, rel, s));
        }
        return out;
    }

    /**
     * The input plus uniform noise in [-amplitude, amplitude] (not clamped): tiny noise, far below a
     * grey level, makes ties in the max pooling practically impossible.
     */
    public static double[] withNoise(double[] scaledInput, double amplitude, long seed) {
        Random rng = new Random(seed);
        double[] x = scaledInput.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += (2 * rng.nextDouble() - 1) * amplitude;
        }
        return x;
    }

    private static double loss(Network net, int label) {
        net.forward();
        return net.loss(label);
    }

    /** Every pooled cell's max mask, in (C, H, W) order. */
    private static byte[] masks(Network net) {
        int ph = net.pooledHeight();
        int pw = net.pooledWidth();
        byte[] m = new byte[net.pooledChannels() * ph * pw];
        for (int c = 0, n = 0; c < net.pooledChannels(); c++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++, n++) {
                    m[n] = (byte) net.pool.maxMask(c, i, j);
                }
            }
        }
        return m;
    }

    /** Which ReLU inputs were positive in the last forward pass (empty without ReLU): ReLU's kink. */
    private static byte[] reluSigns(Network net) {
        int n1 = net.relu1 == null ? 0 : net.relu1.lastInput().size();
        int n2 = net.relu2 == null ? 0 : net.relu2.lastInput().size();
        byte[] s = new byte[n1 + n2];
        for (int i = 0; i < n1; i++) {
            s[i] = (byte) (net.relu1.lastInput().data[i] > 0 ? 1 : 0);
        }
        for (int i = 0; i < n2; i++) {
            s[n1 + i] = (byte) (net.relu2.lastInput().data[i] > 0 ? 1 : 0);
        }
        return s;
    }

    private static boolean anyTieRouted(byte[] mask, double[] dLdPooled) {
        for (int n = 0; n < mask.length; n++) {
            if (Integer.bitCount(mask[n] & 0xff) > 1 && dLdPooled[n] != 0.0) {
                return true;
            }
        }
        return false;
    }

    /** Whether filter f has a tied block that receives gradient (where the pooling rule matters). */
    private static boolean routesThroughTie(Network net, byte[] mask, double[] dLdPooled, int f) {
        int cells = net.pooledHeight() * net.pooledWidth();
        for (int n = f * cells; n < (f + 1) * cells; n++) {
            if (Integer.bitCount(mask[n] & 0xff) > 1 && dLdPooled[n] != 0.0) {
                return true;
            }
        }
        return false;
    }
}
