package org.cnnexplorer.explain;

import java.util.Arrays;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * Every intermediate value of one training step of the article's CNN on one image and label,
 * recorded stage by stage so the step-through view can show the article's equations with real
 * numbers: the forward pass (convolution, pooling, totals, probabilities, loss), the backward pass
 * (dL/dout, dout/dt, dL/dt, dL/dw, dL/db, dL/dinput, the pooling routing, dL/dfilters) and the SGD
 * update (weights before and after, and the probabilities the updated weights give).
 *
 * <p>Immutable: computed once on a private copy of the network, so the live model is never touched.
 * Array accessors return copies. Layouts follow the engine: volumes are (C, H, W) row-major, softmax
 * weights are transposed ({@code [k * inputLen + i]}, see {@link org.cnnexplorer.nn.Softmax}).
 */
public final class BackpropTrace {
    /** Version of the snapshot the weights came from, or -1 if they came from a plain network. */
    public final long snapshotVersion;
    public final int label;
    public final double learnRate;
    public final boolean firstMaxOnly;
    public final int numFilters;
    public final int height;
    public final int width;
    public final int convHeight;
    public final int convWidth;
    public final int poolHeight;
    public final int poolWidth;
    public final int classes;
    public final double loss;
    public final double lossAfter;

    private final double[] input;
    private final double[] filtersBefore;
    private final double[] convOut;
    private final double[] pooled;
    private final byte[] poolMask;
    private final double[] totals;
    private final double[] probs;
    private final double[] dLdOut;
    private final double[] expTotals;
    private final double expSum;
    private final double[] dOutDt;
    private final double[] dLdT;
    private final double[] dLdW;
    private final double[] dLdB;
    private final double[] dLdPooled;
    private final double[] dLdConvOut;
    private final double[] dLdFilters;
    private final double[] dLdImage;
    private final double[] filtersAfter;
    private final double[] weightsBefore;
    private final double[] weightsAfter;
    private final double[] biasesBefore;
    private final double[] biasesAfter;
    private final double[] probsAfter;

    /** Records one step with a snapshot's weights; the snapshot is not changed. */
    public static BackpropTrace record(NetworkSnapshot weights, double[] scaledInput, int label, double learnRate) {
        return new BackpropTrace(weights.toNetwork(), scaledInput, label, learnRate, weights.version);
    }

    /** Records one step with a network's weights, on a copy: {@code weights} is not changed. */
    public static BackpropTrace record(Network weights, double[] scaledInput, int label, double learnRate) {
        return new BackpropTrace(weights.copy(), scaledInput, label, learnRate, -1);
    }

    /** @param net a private network this constructor may use and change */
    private BackpropTrace(Network net, double[] scaledInput, int label, double learnRate, long version) {
        if (label < 0 || label >= Network.CLASSES) {
            throw new IllegalArgumentException("label must be a digit 0-9, got " + label);
        }
        if (!net.arch.isArticleShape()) {
            throw new IllegalArgumentException("the step-through records the article's network (one convolution, no ReLU), not "
                    + net.arch.describe());
        }
        if (!(learnRate >= 0) || Double.isInfinite(learnRate)) {
            throw new IllegalArgumentException("learning rate must be a non-negative number");
        }
        this.snapshotVersion = version;
        this.label = label;
        this.learnRate = learnRate;
        this.firstMaxOnly = net.pool.firstMaxOnly();
        this.numFilters = net.numFilters;
        this.height = net.height;
        this.width = net.width;
        this.convHeight = net.convHeight();
        this.convWidth = net.convWidth();
        this.poolHeight = net.pooledHeight();
        this.poolWidth = net.pooledWidth();
        this.classes = Network.CLASSES;

        // Forward, one layer at a time, keeping each output (the layers reuse their buffers).
        Tensor in = net.setInput(scaledInput);
        this.input = in.data.clone();
        this.filtersBefore = net.conv.filters().clone();
        this.weightsBefore = net.softmax.weights().clone();
        this.biasesBefore = net.softmax.biases().clone();
        Tensor conv = net.conv.forward(in);
        this.convOut = conv.data.clone();
        Tensor pool = net.pool.forward(conv);
        this.pooled = pool.data.clone();
        this.poolMask = new byte[pooled.length];
        for (int c = 0, n = 0; c < numFilters; c++) {
            for (int i = 0; i < poolHeight; i++) {
                for (int j = 0; j < poolWidth; j++, n++) {
                    poolMask[n] = (byte) net.pool.maxMask(c, i, j);
                }
            }
        }
        this.probs = net.softmax.forward(pool).data.clone();
        this.totals = net.softmax.lastTotals().clone();
        this.loss = -Math.log(probs[label]);

        // The article's softmax derivation, written out with e^{t} and S (shifted by max t so
        // nothing overflows; the ratios, and so every derivative, are the same).
        double maxT = Arrays.stream(totals).max().orElse(0);
        this.expTotals = new double[classes];
        double s = 0;
        for (int k = 0; k < classes; k++) {
            expTotals[k] = Math.exp(totals[k] - maxT);
            s += expTotals[k];
        }
        this.expSum = s;
        this.dOutDt = new double[classes];
        double ec = expTotals[label];
        for (int k = 0; k < classes; k++) {
            dOutDt[k] = k == label ? ec * (s - ec) / (s * s) : -ec * expTotals[k] / (s * s);
        }

        // Backward, the same calls as Network.backward, keeping each gradient. The whole forward
        // pass once more first: it refills the same caches and lets the network know its output.
        net.conv.setComputeInputGradient(true);
        net.forward();
        Tensor g = net.initialGradient(label);
        this.dLdOut = g.data.clone();
        g = net.softmax.backward(g);
        this.dLdPooled = g.data.clone();
        this.dLdT = net.softmax.dLdT().clone();
        this.dLdW = net.softmax.dLdW().clone();
        this.dLdB = net.softmax.dLdB().clone();
        g = net.pool.backward(g);
        this.dLdConvOut = g.data.clone();
        g = net.conv.backward(g);
        this.dLdImage = g.data.clone();
        this.dLdFilters = net.conv.dLdFilters().clone();

        // The SGD update, value - lr * gradient, the same arithmetic as Sgd.step.
        this.filtersAfter = step(filtersBefore, dLdFilters, learnRate);
        this.weightsAfter = step(weightsBefore, dLdW, learnRate);
        this.biasesAfter = step(biasesBefore, dLdB, learnRate);
        applyTo(net);
        net.setInput(scaledInput);
        this.probsAfter = net.forward().clone();
        this.lossAfter = -Math.log(probsAfter[label]);
    }

    private static double[] step(double[] value, double[] grad, double lr) {
        double[] v = value.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] -= lr * grad[i];
        }
        return v;
    }

    /** Writes the after-update weights into a network of the same shape: this step, applied. */
    public void applyTo(Network net) {
        if (net.numFilters != numFilters || net.height != height || net.width != width) {
            throw new IllegalArgumentException("the network's shape differs from the traced one");
        }
        System.arraycopy(filtersAfter, 0, net.conv.filters(), 0, filtersAfter.length);
        System.arraycopy(weightsAfter, 0, net.softmax.weights(), 0, weightsAfter.length);
        System.arraycopy(biasesAfter, 0, net.softmax.biases(), 0, biasesAfter.length);
    }

    /** Length of the flattened softmax input, 13 * 13 * F. */
    public int inputLen() {
        return pooled.length;
    }

    /** Index of pooled cell (f, i, j) in the flattened softmax input (engine order C, H, W). */
    public int pooledIndex(int f, int i, int j) {
        return (f * poolHeight + i) * poolWidth + j;
    }

    /** The network's prediction before the step (numpy argmax: first of equal maxima). */
    public int predicted() {
        return Network.argmax(probs);
    }

    public double[] input() {
        return input.clone();
    }

    public double[] filtersBefore() {
        return filtersBefore.clone();
    }

    public double[] filtersAfter() {
        return filtersAfter.clone();
    }

    /** Convolution output, F x 26 x 26. */
    public double[] convOut() {
        return convOut.clone();
    }

    /** Pooled output (the softmax input), F x 13 x 13. */
    public double[] pooled() {
        return pooled.clone();
    }

    /** Which positions of pooled cell (f, i, j)'s 2x2 block equal its max: bit 2 * row + col. */
    public int poolMask(int f, int i, int j) {
        return poolMask[pooledIndex(f, i, j)];
    }

    /** Blocks of filter f (all filters when f < 0) whose max is shared by several positions. */
    public int tiedBlocks(int f) {
        int n = 0;
        for (int c = 0; c < numFilters; c++) {
            if (f >= 0 && c != f) {
                continue;
            }
            for (int k = pooledIndex(c, 0, 0); k < pooledIndex(c + 1, 0, 0); k++) {
                if (Integer.bitCount(poolMask[k]) > 1) {
                    n++;
                }
            }
        }
        return n;
    }

    public double[] totals() {
        return totals.clone();
    }

    public double[] probabilities() {
        return probs.clone();
    }

    /** e^{t_k - max t}: the article's e^{t_k}, scaled by the same factor as {@link #expSum()}. */
    public double[] expTotals() {
        return expTotals.clone();
    }

    /** S = sum of e^{t_k - max t}. */
    public double expSum() {
        return expSum;
    }

    /** The initial gradient: 0 except -1 / p_c at the true class. */
    public double[] dLdOut() {
        return dLdOut.clone();
    }

    /** d out_s(c) / d t_k for the true class c, the article's two cases. */
    public double[] dOutDt() {
        return dOutDt.clone();
    }

    public double[] dLdT() {
        return dLdT.clone();
    }

    /** dL/dw, transposed like the weights: {@code [k * inputLen + i]}. */
    public double[] dLdW() {
        return dLdW.clone();
    }

    /** Class k's column of dL/dw (one value per pooled cell), F x 13 x 13. */
    public double[] dLdWColumn(int k) {
        return Arrays.copyOfRange(dLdW, k * pooled.length, (k + 1) * pooled.length);
    }

    public double[] dLdB() {
        return dLdB.clone();
    }

    /** dL/dinput of the softmax layer, reshaped to the pooled volume F x 13 x 13. */
    public double[] dLdPooled() {
        return dLdPooled.clone();
    }

    /** dL/dout of the convolution after max-pool routing, F x 26 x 26. */
    public double[] dLdConvOut() {
        return dLdConvOut.clone();
    }

    public double[] dLdFilters() {
        return dLdFilters.clone();
    }

    /** dL/dx for the scaled input image (28 x 28), the convolution's input gradient. */
    public double[] dLdImage() {
        return dLdImage.clone();
    }

    public double[] weightsBefore() {
        return weightsBefore.clone();
    }

    public double[] weightsAfter() {
        return weightsAfter.clone();
    }

    public double[] biasesBefore() {
        return biasesBefore.clone();
    }

    public double[] biasesAfter() {
        return biasesAfter.clone();
    }

    /** The probabilities the updated weights give for the same image. */
    public double[] probabilitiesAfter() {
        return probsAfter.clone();
    }
}
