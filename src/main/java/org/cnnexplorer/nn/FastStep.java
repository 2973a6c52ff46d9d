package org.cnnexplorer.nn;

/**
 * The training step of the article's network fused into a few long loops, for a 28x28 one-channel
 * input and ten classes (any number of filters). The layer classes stay the readable reference;
 * this is the same arithmetic laid out for speed, used by {@link Network#trainStep} and the
 * trainer ({@link Network#trainForward} then {@link Network#backprop}).
 *
 * <p>Layout ("phase planes"). The input is split into four 14x14 planes by row and column parity,
 * X(c, d)[r][s] = x(2r + c, 2s + d), and the convolution output of filter f into four 13x13 planes,
 * P(a, b)[i][j] = conv(f, 2i + a, 2j + b). Each tap of P(a, b) then reads one X plane at a constant
 * shift, so every loop runs over the same index in all its arrays: the 2x2 max pool is the
 * elementwise max of the four P planes, the pool's routing an elementwise compare, and the filter
 * gradient a sum of products of whole planes. Planes are stored 14 wide (column 13 is junk, its
 * gradient is zero) and padded to {@link #PS} values.
 *
 * <p>Two implementations: {@link ScalarFastStep} (plain Java) and {@code VectorFastStep}
 * (jdk.incubator.vector, loaded only when that module is present, used by default when it is). They give bit-identical
 * results: no fused multiply-add (multiply, then add) and every sum over positions kept as eight
 * partial sums, lane l taking the positions equal to l modulo 8, added up in the order of
 * {@link #reduce8}. Compared with the layered path the sums are grouped differently, so results
 * agree to rounding (about 1e-15 relative), not bit for bit.
 */
public abstract class FastStep {
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

    FastStep(int filters) {
        this.filters = filters;
        this.flatLen = filters * POOLED * POOLED;
        this.planes = new double[filters * 4 * PS];
        this.pooled = new double[filters * PS];
        this.flat = new double[flatLen];
        this.dFlat = new double[flatLen];
        this.dPooled = new double[filters * PS];
    }

    /** Whether a network of this shape can take the fused step. */
    static boolean supports(int height, int width, int classes) {
        return height == SIDE && width == SIDE && classes == CLASSES;
    }

    /** "vector (DoubleVector 512 bits)" or "scalar". */
    public abstract String name();

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

    /** Forward pass: returns the probabilities (live). */
    final double[] forward(double[] filt, double[] w, double[] b, byte[] px, int off) {
        loadInput(px, off);
        convPool(filt);
        flatten();
        softmaxTotals(w, b);
        softmax();
        return probs;
    }

    /** After {@link #forward}: the gradients and the SGD update of every parameter. */
    final void backprop(Network net, int label, double lr) {
        totalsGradient(label);
        softmaxBackprop(net.softmax.weights, lr);
        double[] bias = net.softmax.biases;
        double[] dLdB = net.softmax.dLdB;
        for (int k = 0; k < CLASSES; k++) {
            dLdB[k] = dLdT[k];
            bias[k] -= lr * dLdT[k];
        }
        spread();
        double[] grad = net.conv.dLdFilters;
        filterGradient(grad, net.pool.firstMaxOnly());
        double[] filt = net.conv.filters;
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

    /** Softmax of the totals, as {@link Softmax#forward} does it. */
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

    /** dL/dt for the cross-entropy loss, with the same arithmetic as {@link Softmax}'s totalsGradient. */
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

    /** The fixed order in which eight partial sums are added up, in both implementations. */
    static double reduce8(double[] s) {
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    }

    // ---- choosing an implementation ----

    /** Whether this JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The vector implementation, or null when the module is absent or the CPU's vectors do not fit. */
    static FastStep vectorOrNull(int filters) {
        if (!vectorModulePresent()) {
            return null;
        }
        try {
            // By name, so a JVM without the module never links against jdk.incubator.vector.
            Class<?> c = Class.forName("org.cnnexplorer.nn.VectorFastStep");
            return (FastStep) c.getDeclaredConstructor(int.class).newInstance(filters);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * The fastest step this JVM offers: the vector one, or null for the layered path. The scalar
     * twin computes densely what the layers compute on the ink pixels only, so in plain Java it is
     * slower than the layers (about 100 against 28 us per step); it is the vector step's
     * bit-for-bit reference and can be chosen with {@link Network#setStepPath}.
     */
    static FastStep best(int filters) {
        return vectorOrNull(filters);
    }

    // ---- stage timing for the bench command ----

    /**
     * One training step on {@code net}'s weights with each stage timed; adds the nanoseconds to
     * {@code acc}: input, conv + pool, softmax forward (with flattening and exp), softmax backprop
     * (with the bias update), filter gradient (with routing and the filter update).
     */
    public final void timedStep(Network net, byte[] px, int off, int label, double lr, long[] acc) {
        long t0 = System.nanoTime();
        loadInput(px, off);
        long t1 = System.nanoTime();
        convPool(net.conv.filters);
        long t2 = System.nanoTime();
        flatten();
        softmaxTotals(net.softmax.weights, net.softmax.biases);
        softmax();
        long t3 = System.nanoTime();
        totalsGradient(label);
        softmaxBackprop(net.softmax.weights, lr);
        for (int k = 0; k < CLASSES; k++) {
            net.softmax.dLdB[k] = dLdT[k];
            net.softmax.biases[k] -= lr * dLdT[k];
        }
        long t4 = System.nanoTime();
        spread();
        double[] grad = net.conv.dLdFilters;
        filterGradient(grad, net.pool.firstMaxOnly());
        for (int k = 0; k < grad.length; k++) {
            net.conv.filters[k] -= lr * grad[k];
        }
        long t5 = System.nanoTime();
        acc[0] += t1 - t0;
        acc[1] += t2 - t1;
        acc[2] += t3 - t2;
        acc[3] += t4 - t3;
        acc[4] += t5 - t4;
    }
}
