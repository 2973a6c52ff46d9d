package org.cnnexplorer.explain;

import java.util.Arrays;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * Every intermediate value of one training step of the article's CNN on one image and label,
 * and of its variants (a ReLU after each convolution, a second convolution),
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
    /** Filters of the convolution whose output is pooled: the article's 8; with two convolutions, the second's. */
    public final int numFilters;
    /** Filters of the first convolution (the same as {@link #numFilters} with one). */
    public final int filters1;
    /** 1 (the article) or 2. */
    public final int convLayers;
    /** Whether a ReLU follows each convolution (the article: no). */
    public final boolean relu;
    /** Size of the first convolution's output maps: 26 for a 28x28 image. */
    public final int firstConvHeight;
    public final int firstConvWidth;
    public final int height;
    public final int width;
    /** Size of the maps that are pooled (26 in the article, 24 after two convolutions). */
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
    /** After ReLU 1, the second convolution's raw output and after ReLU 2; null where the network has none. */
    private final double[] relu1Out;
    private final double[] conv2Out;
    private final double[] relu2Out;
    private final double[] poolIn;
    private final double[] filters2Before;
    private final double[] filters2After;
    private final double[] dLdPoolIn;
    private final double[] dLdConv2Out;
    private final double[] dLdFilters2;
    private final double[] dLdLayer1;
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
        if (!(learnRate >= 0) || Double.isInfinite(learnRate)) {
            throw new IllegalArgumentException("learning rate must be a non-negative number");
        }
        this.snapshotVersion = version;
        this.label = label;
        this.learnRate = learnRate;
        this.firstMaxOnly = net.pool.firstMaxOnly();
        this.numFilters = net.pooledChannels();
        this.filters1 = net.numFilters;
        this.convLayers = net.arch.convLayers();
        this.relu = net.arch.relu();
        this.firstConvHeight = net.height - 2;
        this.firstConvWidth = net.width - 2;
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
        this.filters2Before = net.conv2 == null ? null : net.conv2.filters().clone();
        Tensor conv = net.conv.forward(in);
        this.convOut = conv.data.clone();
        Tensor out = conv;
        if (net.relu1 != null) {
            out = net.relu1.forward(out);
        }
        this.relu1Out = net.relu1 == null ? null : out.data.clone();
        if (net.conv2 != null) {
            out = net.conv2.forward(out);
        }
        this.conv2Out = net.conv2 == null ? null : out.data.clone();
        if (net.relu2 != null) {
            out = net.relu2.forward(out);
        }
        this.relu2Out = net.relu2 == null ? null : out.data.clone();
        this.poolIn = out.data.clone();
        Tensor pool = net.pool.forward(out);
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
        this.dLdPoolIn = g.data.clone();
        if (net.conv2 != null) {
            if (net.relu2 != null) {
                g = net.relu2.backward(g);
            }
            this.dLdConv2Out = g.data.clone();
            g = net.conv2.backward(g);
            this.dLdLayer1 = g.data.clone();
            this.dLdFilters2 = net.conv2.dLdFilters().clone();
        } else {
            this.dLdConv2Out = null;
            this.dLdLayer1 = null;
            this.dLdFilters2 = null;
        }
        if (net.relu1 != null) {
            g = net.relu1.backward(g);
        }
        this.dLdConvOut = g.data.clone();
        g = net.conv.backward(g);
        this.dLdImage = g.data.clone();
        this.dLdFilters = net.conv.dLdFilters().clone();

        // The SGD update, value - lr * gradient, the same arithmetic as Sgd.step.
        this.filtersAfter = step(filtersBefore, dLdFilters, learnRate);
        this.filters2After = filters2Before == null ? null : step(filters2Before, dLdFilters2, learnRate);
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
        if (!fits(net)) {
            throw new IllegalArgumentException("the network's shape differs from the traced one");
        }
        System.arraycopy(filtersAfter, 0, net.conv.filters(), 0, filtersAfter.length);
        if (filters2After != null) {
            System.arraycopy(filters2After, 0, net.conv2.filters(), 0, filters2After.length);
        }
        System.arraycopy(weightsAfter, 0, net.softmax.weights(), 0, weightsAfter.length);
        System.arraycopy(biasesAfter, 0, net.softmax.biases(), 0, biasesAfter.length);
    }

    /** Whether {@code net} has the traced network's layers and sizes. */
    public boolean fits(Network net) {
        return net.numFilters == filters1 && net.pooledChannels() == numFilters && net.arch.convLayers() == convLayers
                && net.arch.relu() == relu && net.height == height && net.width == width;
    }

    /** Whether {@code net} holds exactly the weights this step started from (so applying it is this step). */
    public boolean startsFrom(Network net) {
        return fits(net) && Arrays.equals(net.conv.filters(), filtersBefore)
                && (net.conv2 == null || Arrays.equals(net.conv2.filters(), filters2Before))
                && Arrays.equals(net.softmax.weights(), weightsBefore) && Arrays.equals(net.softmax.biases(), biasesBefore);
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

    /** The first convolution's output before any ReLU, F1 x 26 x 26. */
    public double[] convOut() {
        return convOut.clone();
    }

    /** The first convolution's output after ReLU, or null without ReLU. */
    public double[] relu1Out() {
        return relu1Out == null ? null : relu1Out.clone();
    }

    /** The second convolution's output before any ReLU, F x 24 x 24; null with one convolution. */
    public double[] conv2Out() {
        return conv2Out == null ? null : conv2Out.clone();
    }

    /** The second convolution's output after ReLU, or null. */
    public double[] relu2Out() {
        return relu2Out == null ? null : relu2Out.clone();
    }

    /** What max pooling takes: the last convolution's output (after its ReLU if any), F x convHeight x convWidth. */
    public double[] poolIn() {
        return poolIn.clone();
    }

    /** The second convolution's filters before and after the step, (F, F1, 3, 3); null with one convolution. */
    public double[] filters2Before() {
        return filters2Before == null ? null : filters2Before.clone();
    }

    public double[] filters2After() {
        return filters2After == null ? null : filters2After.clone();
    }

    /** dL/d(pooling's input): the gradient after max-pool routing, shaped like {@link #poolIn()}. */
    public double[] dLdPoolIn() {
        return dLdPoolIn.clone();
    }

    /** dL/d(second convolution's output), after ReLU 2's backward if any; null with one convolution. */
    public double[] dLdConv2Out() {
        return dLdConv2Out == null ? null : dLdConv2Out.clone();
    }

    /** dL/d(second convolution's filters); null with one convolution. */
    public double[] dLdFilters2() {
        return dLdFilters2 == null ? null : dLdFilters2.clone();
    }

    /** The second convolution's input gradient: dL/d(layer 1's output), F1 x 26 x 26; null with one convolution. */
    public double[] dLdLayer1() {
        return dLdLayer1 == null ? null : dLdLayer1.clone();
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

    /** dL/d(first convolution's output), F1 x 26 x 26: after max-pool routing (and back through any later layers and ReLU). */
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
