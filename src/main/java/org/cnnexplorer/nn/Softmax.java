package org.cnnexplorer.nn;

import java.util.List;
import java.util.Random;

/**
 * A fully connected layer followed by softmax, as in the article: totals = input . w + b, then
 * out(k) = e^{t_k} / S with S = sum of e^{t_i}.
 *
 * <p>Departures from the article, none of which changes a result beyond rounding:
 * <ul>
 * <li>the weights are stored transposed, {@code weights[k * inputLen + i]} is the article's
 *     {@code weights[i, k]}, so every loop over the input is long and contiguous;</li>
 * <li>the exponentials are taken of {@code t - max(t)} (the ratios are the same, nothing overflows);</li>
 * <li>the input is flattened in this project's (C, H, W) order; {@code io.NpzModel} converts to the
 *     article's (H, W, C) order when reading or writing model files.</li>
 * </ul>
 */
public final class Softmax implements Layer {
    /** 13 * 13 * 8, the article's input length: {@link #backprop} has a vectorizable path for it. */
    static final int ARTICLE_INPUTS = 13 * 13 * 8;

    public final int inputLen;
    public final int nodes;

    final double[] weights;
    final double[] biases;
    final double[] dLdW;
    final double[] dLdB;
    private final List<Param> params;

    private final double[] lastInput;
    private int lastC;
    private int lastH;
    private int lastW;
    private final double[] lastTotals;
    private final double[] tExp;
    private final Tensor out;
    private final double[] dLdT;
    private Tensor dLdInput;

    /** Weights drawn from N(0, 1) / inputLen, biases zero: the article's initialisation. */
    public Softmax(int inputLen, int nodes, Random rng) {
        if (inputLen <= 0 || nodes <= 1) {
            throw new IllegalArgumentException("Softmax needs inputLen > 0 and at least 2 nodes");
        }
        this.inputLen = inputLen;
        this.nodes = nodes;
        this.weights = new double[nodes * inputLen];
        this.biases = new double[nodes];
        this.dLdW = new double[weights.length];
        this.dLdB = new double[nodes];
        for (int i = 0; i < inputLen; i++) {
            for (int k = 0; k < nodes; k++) {
                weights[k * inputLen + i] = rng.nextGaussian() / inputLen;
            }
        }
        this.params = List.of(
                new Param("softmax_weights", new int[] {nodes, inputLen}, weights, dLdW),
                new Param("softmax_biases", new int[] {nodes}, biases, dLdB));
        this.lastInput = new double[inputLen];
        this.lastTotals = new double[nodes];
        this.tExp = new double[nodes];
        this.out = Tensor.vector(nodes);
        this.dLdT = new double[nodes];
    }

    /** Live weights, transposed: {@code [k * inputLen + i]} is the weight from input i to node k. */
    public double[] weights() {
        return weights;
    }

    public double[] biases() {
        return biases;
    }

    public double[] dLdW() {
        return dLdW;
    }

    public double[] dLdB() {
        return dLdB;
    }

    /** The totals t of the last forward pass (before softmax). Live. */
    public double[] lastTotals() {
        return lastTotals;
    }

    /** dL/dt of the last backward pass. Live. */
    public double[] dLdT() {
        return dLdT;
    }

    @Override
    public Tensor forward(Tensor in) {
        if (in.size() != inputLen) {
            throw new IllegalArgumentException("Softmax expects " + inputLen + " inputs, got " + in.shape());
        }
        if (dLdInput == null || in.channels != lastC || in.height != lastH || in.width != lastW) {
            lastC = in.channels;
            lastH = in.height;
            lastW = in.width;
            dLdInput = new Tensor(lastC, lastH, lastW);
        }
        double[] x = lastInput;
        System.arraycopy(in.data, 0, x, 0, inputLen);
        int rows = 0;
        for (; rows + 5 <= nodes; rows += 5) {
            totalsOfFive(x, rows);
        }
        for (; rows < nodes; rows++) {
            lastTotals[rows] = dot(x, rows * inputLen) + biases[rows];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nodes; k++) {
            max = Math.max(max, lastTotals[k]);
        }
        double s = 0;
        for (int k = 0; k < nodes; k++) {
            tExp[k] = Math.exp(lastTotals[k] - max);
            s += tExp[k];
        }
        for (int k = 0; k < nodes; k++) {
            out.data[k] = tExp[k] / s;
        }
        return out;
    }

    /**
     * totals(k..k+4) = input . w[k..k+4] + b. Five rows at once share each input load, and two
     * partial sums per row (even and odd i) give ten independent chains the CPU can overlap.
     */
    private void totalsOfFive(double[] x, int k) {
        int n = inputLen;
        int b0 = k * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n, b4 = b3 + n;
        double[] w = weights;
        double a0 = 0, a1 = 0, c0 = 0, c1 = 0, e0 = 0, e1 = 0, g0 = 0, g1 = 0, h0 = 0, h1 = 0;
        int even = n & ~1;
        int i = 0;
        for (; i < even; i += 2) {
            double x0 = x[i];
            double x1 = x[i + 1];
            a0 += x0 * w[b0 + i];
            a1 += x1 * w[b0 + i + 1];
            c0 += x0 * w[b1 + i];
            c1 += x1 * w[b1 + i + 1];
            e0 += x0 * w[b2 + i];
            e1 += x1 * w[b2 + i + 1];
            g0 += x0 * w[b3 + i];
            g1 += x1 * w[b3 + i + 1];
            h0 += x0 * w[b4 + i];
            h1 += x1 * w[b4 + i + 1];
        }
        if (i < n) {
            double x0 = x[i];
            a0 += x0 * w[b0 + i];
            c0 += x0 * w[b1 + i];
            e0 += x0 * w[b2 + i];
            g0 += x0 * w[b3 + i];
            h0 += x0 * w[b4 + i];
        }
        lastTotals[k] = (a0 + a1) + biases[k];
        lastTotals[k + 1] = (c0 + c1) + biases[k + 1];
        lastTotals[k + 2] = (e0 + e1) + biases[k + 2];
        lastTotals[k + 3] = (g0 + g1) + biases[k + 3];
        lastTotals[k + 4] = (h0 + h1) + biases[k + 4];
    }

    /** input . w[row at b], with the same two partial sums as {@link #totalsOfFive}. */
    private double dot(double[] x, int b) {
        int n = inputLen;
        double s0 = 0, s1 = 0;
        int even = n & ~1;
        int i = 0;
        for (; i < even; i += 2) {
            s0 += x[i] * weights[b + i];
            s1 += x[i + 1] * weights[b + i + 1];
        }
        if (i < n) {
            s0 += x[i] * weights[b + i];
        }
        return s0 + s1;
    }

    @Override
    public Tensor backward(Tensor dLdOut) {
        totalsGradient(dLdOut);
        double[] x = lastInput;
        double[] dIn = dLdInput.data;
        int n = inputLen;
        for (int k = 0; k < nodes; k++) {
            double d = dLdT[k];
            int b = k * n;
            dLdB[k] = d;
            // dt/dw = input, dt/dinput = w
            for (int i = 0; i < n; i++) {
                dLdW[b + i] = d * x[i];
            }
            accumulateInputGradient(k, d, dIn);
        }
        return dLdInput;
    }

    /**
     * The article's {@code backprop(d_L_d_out, learn_rate)}: dL/dinput from the weights as they
     * were, and the SGD update, in one pass over the weights. The weights end exactly as after
     * {@link #backward} and {@link Sgd#step} (w -= lr * (dL/dt * input) either way), but dL/dw is
     * not kept: this is the training loop's fast path.
     */
    public Tensor backprop(Tensor dLdOut, double learnRate) {
        totalsGradient(dLdOut);
        double[] x = lastInput;
        double[] dIn = dLdInput.data;
        double[] w = weights;
        double[] d = dLdT;
        double lr = learnRate;
        if (inputLen == ARTICLE_INPUTS && nodes == 10) {
            // The same arithmetic as the loop below, with every row offset a constant: HotSpot's C2
            // vectorizes a loop over w[b + i] and x[i] only when it can prove b a multiple of
            // the vector length, i.e. when b is a compile-time constant (3x faster here).
            final int n = ARTICLE_INPUTS;
            backpropFirstRow(w, x, dIn, d[0], lr);
            backpropRow(w, n, x, dIn, d[1], lr);
            backpropRow(w, 2 * n, x, dIn, d[2], lr);
            backpropRow(w, 3 * n, x, dIn, d[3], lr);
            backpropRow(w, 4 * n, x, dIn, d[4], lr);
            backpropRow(w, 5 * n, x, dIn, d[5], lr);
            backpropRow(w, 6 * n, x, dIn, d[6], lr);
            backpropRow(w, 7 * n, x, dIn, d[7], lr);
            backpropRow(w, 8 * n, x, dIn, d[8], lr);
            backpropRow(w, 9 * n, x, dIn, d[9], lr);
        } else {
            int n = inputLen;
            for (int k = 0; k < nodes; k++) {
                // One pass over the weights: dL/dinput takes each weight before it moves.
                double dk = d[k];
                int b = k * n;
                if (k == 0) {
                    for (int i = 0; i < n; i++) {
                        double wi = w[i];
                        dIn[i] = wi * dk;
                        w[i] = wi - lr * (dk * x[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        double wi = w[b + i];
                        dIn[i] += wi * dk;
                        w[b + i] = wi - lr * (dk * x[i]);
                    }
                }
            }
        }
        for (int k = 0; k < nodes; k++) {
            dLdB[k] = d[k];
            biases[k] -= lr * d[k];
        }
        return dLdInput;
    }

    /** Row 0 of {@link #backprop} for the article's shape: dL/dinput = w[0] dL/dt(0), then the update. */
    private static void backpropFirstRow(double[] w, double[] x, double[] dIn, double d, double lr) {
        for (int i = 0; i < ARTICLE_INPUTS; i++) {
            double wi = w[i];
            dIn[i] = wi * d;
            w[i] = wi - lr * (d * x[i]);
        }
    }

    /** Row k at constant offset b of {@link #backprop}: dL/dinput += w[k] dL/dt(k), then the update. */
    private static void backpropRow(double[] w, int b, double[] x, double[] dIn, double d, double lr) {
        for (int i = 0; i < ARTICLE_INPUTS; i++) {
            double wi = w[b + i];
            dIn[i] += wi * d;
            w[b + i] = wi - lr * (d * x[i]);
        }
    }

    /** dL/dinput += w[k] * dL/dt(k), in the order k = 0, 1, ... like the article's matrix product. */
    private void accumulateInputGradient(int k, double d, double[] dIn) {
        int n = inputLen;
        int b = k * n;
        if (k == 0) {
            for (int i = 0; i < n; i++) {
                dIn[i] = weights[i] * d;
            }
        } else {
            for (int i = 0; i < n; i++) {
                dIn[i] += weights[b + i] * d;
            }
        }
    }

    /**
     * dL/dt from dL/dout by the article's derivation, for every output with a gradient (with the
     * cross-entropy loss only the true class c has one): dout(c)/dt(k) = -e^{t_c} e^{t_k} / S^2
     * for k != c and e^{t_c} (S - e^{t_c}) / S^2 for k == c. Shifting t by its max leaves these
     * ratios unchanged.
     */
    private void totalsGradient(Tensor dLdOut) {
        if (dLdInput == null || dLdOut.size() != nodes) {
            throw new IllegalStateException("backward needs a forward pass first and " + nodes + " output gradients");
        }
        double s = 0;
        for (int k = 0; k < nodes; k++) {
            s += tExp[k];
        }
        double s2 = s * s;
        java.util.Arrays.fill(dLdT, 0.0);
        for (int c = 0; c < nodes; c++) {
            double grad = dLdOut.data[c];
            if (grad == 0.0) {
                continue;
            }
            for (int k = 0; k < nodes; k++) {
                double dOutDt = k == c ? tExp[c] * (s - tExp[c]) / s2 : -tExp[c] * tExp[k] / s2;
                dLdT[k] += grad * dOutDt;
            }
        }
    }

    /** The input cached by the last forward pass, flattened (C, H, W). Live. */
    public double[] lastInput() {
        return lastInput;
    }

    @Override
    public List<Param> params() {
        return params;
    }
}
