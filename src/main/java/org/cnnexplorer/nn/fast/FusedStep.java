package org.cnnexplorer.nn.fast;

import org.cnnexplorer.nn.Network;

/**
 * The training step of the article's network fused into a few long loops, for a 28x28 one-channel
 * input and ten classes (any number of filters). The same arithmetic as the layer classes in
 * {@code nn}, laid out for speed; the trainer takes it through {@link TrainStep}.
 *
 * <p>Layout ("phase planes"). The input is split into four 14x14 planes by row and column parity,
 * X(c, d)[r][s] = x(2r + c, 2s + d), and the convolution output of filter f into four 13x13 planes,
 * P(a, b)[i][j] = conv(f, 2i + a, 2j + b). Each tap of P(a, b) then reads one X plane at a constant
 * shift, so every loop runs over the same index in all its arrays: the 2x2 max pool is the
 * elementwise max of the four P planes, the pool's routing an elementwise compare, and the filter
 * gradient a sum of products of whole planes. Planes are stored 14 wide (column 13 is junk, its
 * gradient is zero) and padded to {@link #PS} values.
 *
 * <p>Implementations: {@link ScalarStep} (plain Java) and the vector steps at 8, 4 and 2 double
 * lanes (jdk.incubator.vector, loaded by name only when that module is present). All give the
 * same bits: no fused multiply-add (multiply, then add), and every sum over positions kept as
 * eight partial sums, partial sum l taking the positions equal to l modulo 8 in increasing order,
 * added up in the order of {@link #reduce8}. An 8-lane vector holds the eight partial sums in one
 * register, a 4-lane one in two, a 2-lane one in four. Compared with the layers the sums are
 * grouped differently, so the two agree to rounding (about 1e-15 relative), not bit for bit.
 *
 * <p>Not thread-safe: one instance per thread. {@link #forward} alone is the fast forward pass
 * (evaluation); {@link #backprop} after it completes a training step on the network's weights.
 */
public abstract class FusedStep implements TrainStep {
    /** Input side and the width of a phase plane row. */
    static final int SIDE = 28;
    static final int HALF = 14;
    static final int POOLED = 13;
    static final int CLASSES = 10;
    /** Values per stored phase plane of the output (13 rows of 14, padded to a multiple of 8). */
    static final int PS = 184;
    /** Values per stored phase plane of the input (14x14 plus padding for the junk column's taps). */
    static final int XS = 200;

    /**
     * TAP[(a * 2 + b) * 9 + t]: where tap t = 3 * dx + dy of output phase (a, b) reads the input
     * planes, as an offset into {@link #x}: input row 2i + a + dx is plane row parity (a + dx) % 2,
     * row i + (a + dx) / 2; columns alike.
     */
    static final int[] TAP = new int[36];

    static {
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int dx = 0; dx < 3; dx++) {
                    for (int dy = 0; dy < 3; dy++) {
                        int plane = ((a + dx) & 1) * 2 + ((b + dy) & 1);
                        int shift = ((a + dx) >> 1) * HALF + ((b + dy) >> 1);
                        TAP[(a * 2 + b) * 9 + dx * 3 + dy] = plane * XS + shift;
                    }
                }
            }
        }
    }

    /** (byte / 255) - 0.5 for every byte value: the same doubles as computing it each time. */
    private static final double[] SCALED = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALED[v] = v / 255.0 - 0.5;
        }
    }

    final int filters;
    final int flatLen;
    /** The input's four phase planes, XS apart. */
    final double[] x = new double[4 * XS];
    /** Conv output: filter f's phase (a, b) plane at (f * 4 + a * 2 + b) * PS. */
    final double[] planes;
    /** Pooled output, filter f at f * PS, 14 wide. */
    final double[] pooled;
    /** The pooled output in the softmax's (C, H, W) order. */
    final double[] flat;
    final double[] totals = new double[CLASSES];
    final double[] exps = new double[CLASSES];
    final double[] probs = new double[CLASSES];
    final double[] dLdT = new double[CLASSES];
    /** dL/dpooled in the softmax's order, then spread to the 14-wide layout (junk and padding stay 0). */
    final double[] dFlat;
    final double[] dPooled;
    /** One filter's routed gradient, dL/dconv in its four phase planes. */
    final double[] routed = new double[4 * PS];
    /** Scratch for a reduction's eight partial sums. */
    final double[] partial = new double[8];

    FusedStep(int filters) {
        this.filters = filters;
        this.flatLen = filters * POOLED * POOLED;
        this.planes = new double[filters * 4 * PS];
        this.pooled = new double[filters * PS];
        this.flat = new double[flatLen];
        this.dFlat = new double[flatLen];
        this.dPooled = new double[filters * PS];
    }

    /** Whether a network of this shape can take the fused step: the article's layers, a 28x28 input, ten classes. */
    public static boolean supports(Network net) {
        return net.arch.isArticleShape() && net.height == SIDE && net.width == SIDE && Network.CLASSES == CLASSES;
    }

    /** "vector step, 8 lanes" or "scalar step". */
    @Override
    public abstract String name();

    /** Double lanes per vector, or 0 for the scalar twin. */
    public abstract int lanes();

    // ---- the kernels each implementation provides ----

    /** planes and pooled from x and the filters. */
    abstract void convPool(double[] filt);

    /** totals[k] = flat . w[k] + b[k], as eight partial sums per row. */
    abstract void softmaxTotals(double[] w, double[] b);

    /** dFlat = sum over k of w[k] dL/dt(k) (k in order), then w[k] -= lr * (dL/dt(k) * flat). */
    abstract void softmaxBackprop(double[] w, double lr);

    /** grad[f * 9 + t] = sum over the routed positions of dL/dconv * input at tap t. */
    abstract void filterGradient(double[] grad, boolean firstMaxOnly);

    // ---- the shared scalar parts ----

    /**
     * Forward pass of one image with {@code net}'s weights: returns the ten probabilities (live,
     * overwritten by the next call). Touches nothing of {@code net}.
     */
    @Override
    public final double[] forward(Network net, byte[] px, int off) {
        checkShape(net);
        loadInput(px, off);
        convPool(net.conv.filters());
        flatten();
        softmaxTotals(net.softmax.weights(), net.softmax.biases());
        softmax();
        return probs;
    }

    /** The probabilities of the last {@link #forward} (live). */
    public final double[] probabilities() {
        return probs;
    }

    /**
     * After {@link #forward} with the same network: the gradients and the SGD update of every
     * parameter. Fills dL/dfilters and dL/db (dL/dw is applied without being stored) and drops the
     * layers' caches (see {@link Network#forgetForwardPass}).
     */
    @Override
    public final void backprop(Network net, int label, double lr) {
        checkShape(net);
        totalsGradient(label);
        softmaxBackprop(net.softmax.weights(), lr);
        updateBiases(net, lr);
        spread();
        updateFilters(net, lr);
        net.forgetForwardPass();
    }

    private void checkShape(Network net) {
        if (net.numFilters != filters || !supports(net)) {
            throw new IllegalArgumentException("this step is for " + filters + " filters on 28x28 images");
        }
    }

    private void updateBiases(Network net, double lr) {
        double[] bias = net.softmax.biases();
        double[] dLdB = net.softmax.dLdB();
        for (int k = 0; k < CLASSES; k++) {
            dLdB[k] = dLdT[k];
            bias[k] -= lr * dLdT[k];
        }
    }

    private void updateFilters(Network net, double lr) {
        double[] grad = net.conv.dLdFilters();
        filterGradient(grad, net.pool.firstMaxOnly());
        double[] filt = net.conv.filters();
        for (int k = 0; k < grad.length; k++) {
            filt[k] -= lr * grad[k];
        }
    }

    /** The article's scaling, (byte / 255) - 0.5, written into the four phase planes. */
    final void loadInput(byte[] px, int off) {
        for (int c = 0; c < 2; c++) {
            for (int d = 0; d < 2; d++) {
                int base = (c * 2 + d) * XS;
                for (int r = 0; r < HALF; r++) {
                    int src = off + (2 * r + c) * SIDE + d;
                    int dst = base + r * HALF;
                    for (int s = 0; s < HALF; s++) {
                        x[dst + s] = SCALED[px[src + 2 * s] & 0xff];
                    }
                }
            }
        }
    }

    /** pooled (14 wide) to flat (13 wide, the softmax's order). */
    final void flatten() {
        for (int f = 0; f < filters; f++) {
            for (int i = 0; i < POOLED; i++) {
                System.arraycopy(pooled, f * PS + i * HALF, flat, (f * POOLED + i) * POOLED, POOLED);
            }
        }
    }

    /** dFlat (13 wide) to dPooled (14 wide); the junk column and padding are never written. */
    final void spread() {
        for (int f = 0; f < filters; f++) {
            for (int i = 0; i < POOLED; i++) {
                System.arraycopy(dFlat, (f * POOLED + i) * POOLED, dPooled, f * PS + i * HALF, POOLED);
            }
        }
    }

    /** Softmax of the totals, as {@code Softmax.forward} does it. */
    final void softmax() {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            max = Math.max(max, totals[k]);
        }
        double s = 0;
        for (int k = 0; k < CLASSES; k++) {
            exps[k] = Math.exp(totals[k] - max);
            s += exps[k];
        }
        for (int k = 0; k < CLASSES; k++) {
            probs[k] = exps[k] / s;
        }
    }

    /** dL/dt for the cross-entropy loss, with the same arithmetic as {@code Softmax}'s dL/dt. */
    final void totalsGradient(int c) {
        double s = 0;
        for (int k = 0; k < CLASSES; k++) {
            s += exps[k];
        }
        double s2 = s * s;
        double grad = -1.0 / probs[c];
        for (int k = 0; k < CLASSES; k++) {
            double dOutDt = k == c ? exps[c] * (s - exps[c]) / s2 : -exps[c] * exps[k] / s2;
            dLdT[k] = 0.0 + grad * dOutDt;
        }
    }

    /** {@link #softmaxBackprop} in plain Java for positions {@code from} to the end (the vector steps' tail). */
    final void softmaxBackpropPlain(double[] w, double lr, int from) {
        int n = flatLen;
        double[] d = dLdT;
        for (int i = from; i < n; i++) {
            double xi = flat[i];
            double wi = w[i];
            double acc = wi * d[0];
            w[i] = wi - lr * (d[0] * xi);
            for (int k = 1; k < CLASSES; k++) {
                wi = w[k * n + i];
                acc = acc + wi * d[k];
                w[k * n + i] = wi - lr * (d[k] * xi);
            }
            dFlat[i] = acc;
        }
    }

    /**
     * Filter f's routed gradient in plain Java, phase by phase: dL/dpooled where the phase holds
     * the block's max (the first such phase only, with firstMaxOnly), else 0.
     */
    final void routePlain(int f, boolean firstMaxOnly) {
        int pb = f * 4 * PS;
        int mb = f * PS;
        for (int i = 0; i < PS; i++) {
            double m = pooled[mb + i];
            double g = dPooled[mb + i];
            boolean taken = false;
            for (int ab = 0; ab < 4; ab++) {
                boolean isMax = planes[pb + ab * PS + i] == m;
                boolean keep = firstMaxOnly ? isMax && !taken : isMax;
                taken |= isMax;
                routed[ab * PS + i] = keep ? g : 0.0;
            }
        }
    }

    /** The fixed order in which eight partial sums are added up, in both implementations. */
    static double reduce8(double[] s) {
        return reduce8(s, 0);
    }

    /** {@link #reduce8(double[])} of the eight partial sums at {@code s[o..o + 7]}. */
    static double reduce8(double[] s, int o) {
        return ((s[o] + s[o + 1]) + (s[o + 2] + s[o + 3])) + ((s[o + 4] + s[o + 5]) + (s[o + 6] + s[o + 7]));
    }

    // ---- stage timing for the bench command ----

    /**
     * One training step on {@code net}'s weights with each stage timed; adds the nanoseconds to
     * {@code acc}: input, conv + pool, softmax forward (with flattening and exp), softmax backprop
     * (with the bias update), filter gradient (with routing and the filter update).
     */
    public final void timedStep(Network net, byte[] px, int off, int label, double lr, long[] acc) {
        checkShape(net);
        long t0 = System.nanoTime();
        loadInput(px, off);
        long t1 = System.nanoTime();
        convPool(net.conv.filters());
        long t2 = System.nanoTime();
        flatten();
        softmaxTotals(net.softmax.weights(), net.softmax.biases());
        softmax();
        long t3 = System.nanoTime();
        totalsGradient(label);
        softmaxBackprop(net.softmax.weights(), lr);
        updateBiases(net, lr);
        long t4 = System.nanoTime();
        spread();
        updateFilters(net, lr);
        long t5 = System.nanoTime();
        net.forgetForwardPass();
        acc[0] += t1 - t0;
        acc[1] += t2 - t1;
        acc[2] += t3 - t2;
        acc[3] += t4 - t3;
        acc[4] += t5 - t4;
    }
}
