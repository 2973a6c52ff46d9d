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
        int n = inputLen;
        int n4 = n & ~3;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nodes; k++) {
            // Four partial sums: independent chains the CPU can overlap.
            int b = k * n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < n4; i += 4) {
                s0 += x[i] * weights[b + i];
                s1 += x[i + 1] * weights[b + i + 1];
                s2 += x[i + 2] * weights[b + i + 2];
                s3 += x[i + 3] * weights[b + i + 3];
            }
            for (int i = n4; i < n; i++) {
                s0 += x[i] * weights[b + i];
            }
            double t = (s0 + s1) + (s2 + s3) + biases[k];
            lastTotals[k] = t;
            max = Math.max(max, t);
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
        int n = inputLen;
        for (int k = 0; k < nodes; k++) {
            double d = dLdT[k];
            int b = k * n;
            dLdB[k] = d;
            // One pass over the weights: dL/dinput takes each weight before it moves.
            if (k == 0) {
                for (int i = 0; i < n; i++) {
                    double wi = weights[i];
                    dIn[i] = wi * d;
                    weights[i] = wi - learnRate * (d * x[i]);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double wi = weights[b + i];
                    dIn[i] += wi * d;
                    weights[b + i] = wi - learnRate * (d * x[i]);
                }
            }
            biases[k] -= learnRate * d;
        }
        return dLdInput;
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
