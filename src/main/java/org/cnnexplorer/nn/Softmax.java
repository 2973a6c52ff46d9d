package org.cnnexplorer.nn;

import java.util.List;
import java.util.Random;

/**
 * The article's softmax layer ({@code softmax.py}): a fully connected layer, totals = input . w + b,
 * then out(k) = e^{t_k} / S with S = sum of e^{t_i}.
 *
 * <p>Departures from the article, none of which changes a result beyond rounding:
 * <ul>
 * <li>the weights are stored transposed, {@code weights[k * inputLen + i]} is the article's
 *     {@code weights[i, k]} (the fused step in {@code nn.fast} reads them row by row);</li>
 * <li>the exponentials are taken of {@code t - max(t)}: the ratios are the same and nothing
 *     overflows;</li>
 * <li>the input is flattened in this project's (C, H, W) order; {@code io.NpzModel} converts to the
 *     article's (H, W, C) order when reading or writing model files.</li>
 * </ul>
 */
public final class Softmax implements Layer {
    public final int inputLen;
    public final int nodes;

    private final double[] weights;
    private final double[] biases;
    private final double[] dLdW;
    private final double[] dLdB;
    private final List<Param> params;

    // What the article caches in forward for backprop.
    private Tensor lastInputShape;
    private double[] lastInput;
    private double[] lastTotals;
    private final double[] dLdT;

    /** Weights drawn from N(0, 1) / inputLen in the article's (inputLen, nodes) order, biases zero. */
    public Softmax(int inputLen, int nodes, Random rng) {
        this(inputLen, nodes, rng, Init.ARTICLE);
    }

    /** Weights drawn by {@code init} in the article's (inputLen, nodes) order, biases zero. */
    public Softmax(int inputLen, int nodes, Random rng, Init init) {
        if (inputLen <= 0 || nodes <= 1) {
            throw new IllegalArgumentException("Softmax needs inputLen > 0 and at least 2 nodes");
        }
        this.inputLen = inputLen;
        this.nodes = nodes;
        this.weights = new double[nodes * inputLen];
        this.biases = new double[nodes];
        this.dLdW = new double[weights.length];
        this.dLdB = new double[nodes];
        this.dLdT = new double[nodes];
        for (int i = 0; i < inputLen; i++) {
            for (int k = 0; k < nodes; k++) {
                weights[k * inputLen + i] = init.draw(rng, inputLen, inputLen, nodes);
            }
        }
        this.params = List.of(
                new Param("softmax_weights", new int[] {nodes, inputLen}, weights, dLdW),
                new Param("softmax_biases", new int[] {nodes}, biases, dLdB));
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

    /** The totals t of the last forward pass (before softmax), or null. */
    public double[] lastTotals() {
        return lastTotals;
    }

    /** dL/dt of the last backward pass. Live. */
    public double[] dLdT() {
        return dLdT;
    }

    /** The input cached by the last forward pass, flattened (C, H, W), or null. */
    public double[] lastInput() {
        return lastInput;
    }

    /** Any shape of inputLen values -> nodes probabilities; 8 x 13 x 13 -> 10 for the article. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.size() != inputLen) {
            throw new IllegalArgumentException("Softmax expects " + inputLen + " inputs, got " + input.shape());
        }
        lastInputShape = input;
        lastInput = input.data.clone();  // flattened: (C, H, W) is already one row
        lastTotals = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            double t = 0;
            for (int i = 0; i < inputLen; i++) {
                t += lastInput[i] * weights[k * inputLen + i];
            }
            lastTotals[k] = t + biases[k];
        }
        double[] tExp = exps();
        double s = sum(tExp);
        Tensor out = Tensor.vector(nodes);
        for (int k = 0; k < nodes; k++) {
            out.data[k] = tExp[k] / s;
        }
        return out;
    }

    /** e^{t - max(t)} of the last totals. */
    private double[] exps() {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : lastTotals) {
            max = Math.max(max, t);
        }
        double[] tExp = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            tExp[k] = Math.exp(lastTotals[k] - max);
        }
        return tExp;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    /**
     * 10 -> the input's shape. Fills dL/dt, dL/dw and dL/db and returns dL/dinput; changes no
     * weight. As in the article, for each output with a gradient (with the cross-entropy loss only
     * the true class c has one): dout(c)/dt(k) = -e^{t_c} e^{t_k} / S^2 for k != c and
     * e^{t_c} (S - e^{t_c}) / S^2 for k == c; then dt/dw = input, dt/db = 1, dt/dinput = w.
     */
    @Override
    public Tensor backward(Tensor dLdOut) {
        if (lastInput == null || dLdOut.size() != nodes) {
            throw new IllegalStateException("backward needs a forward pass first and " + nodes + " output gradients");
        }
        double[] tExp = exps();
        double s = sum(tExp);
        java.util.Arrays.fill(dLdT, 0.0);
        for (int c = 0; c < nodes; c++) {
            double gradient = dLdOut.data[c];
            if (gradient == 0) {
                continue;
            }
            for (int k = 0; k < nodes; k++) {
                double dOutDt = k == c ? tExp[c] * (s - tExp[c]) / (s * s) : -tExp[c] * tExp[k] / (s * s);
                dLdT[k] += gradient * dOutDt;
            }
        }
        Tensor dLdInput = new Tensor(lastInputShape.channels, lastInputShape.height, lastInputShape.width);
        for (int k = 0; k < nodes; k++) {
            dLdB[k] = dLdT[k];
            for (int i = 0; i < inputLen; i++) {
                dLdW[k * inputLen + i] = lastInput[i] * dLdT[k];
                dLdInput.data[i] += weights[k * inputLen + i] * dLdT[k];
            }
        }
        return dLdInput;
    }

    /** The article's {@code backprop(d_L_d_out, learn_rate)}: {@link #backward}, then the SGD update. */
    public Tensor backprop(Tensor dLdOut, double learnRate) {
        Tensor dLdInput = backward(dLdOut);
        Sgd.step(params, learnRate);
        return dLdInput;
    }

    /** Drops the cached input and totals: the next backward needs a new forward pass. */
    void forget() {
        lastInput = null;
        lastTotals = null;
        lastInputShape = null;
    }

    @Override
    public List<Param> params() {
        return params;
    }
}
