package org.cnnexplorer.nn;

import java.util.List;
import java.util.Random;

/**
 * The article's convolution layer ({@code conv.py}): {@code numFilters} 3x3 filters, valid
 * padding, stride 1, no bias.
 *
 * <pre>
 * out(f, i, j) = sum over c, x, y of input(c, i + x, j + y) * filter(f, c, x, y)
 * </pre>
 *
 * <p>Two additions to the article, both used elsewhere in the program: the input may have several
 * channels (the article's is one 2d image), so convolutions can be stacked, and {@link #backward}
 * returns dL/dinput, the article's "exercise for the reader" (saliency maps are made from it).
 * Volumes are (channels, height, width) here; the article's are (height, width, filters).
 */
public final class Conv3x3 implements Layer {
    public final int numFilters;
    public final int inChannels;

    /** filters[((f * inChannels + c) * 3 + x) * 3 + y]: filter f, input channel c, row x, column y. */
    private final double[] filters;
    private final double[] dLdFilters;
    private final List<Param> params;

    /** The article's {@code self.last_input}: the input of the last forward pass. */
    private Tensor lastInput;
    private boolean computeInputGradient = true;

    /** Filters drawn from N(0, 1) / 9, the article's initialisation. */
    public Conv3x3(int numFilters, int inChannels, Random rng) {
        this(numFilters, inChannels, rng, Init.ARTICLE, "conv_filters");
    }

    /** Filters drawn by {@code init}; {@code name} names the parameter (conv_filters, conv2_filters). */
    public Conv3x3(int numFilters, int inChannels, Random rng, Init init, String name) {
        if (numFilters <= 0 || inChannels <= 0) {
            throw new IllegalArgumentException("numFilters and inChannels must be positive");
        }
        this.numFilters = numFilters;
        this.inChannels = inChannels;
        this.filters = new double[numFilters * inChannels * 9];
        this.dLdFilters = new double[filters.length];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = init.draw(rng, 9, inChannels * 9, numFilters * 9);
        }
        int[] shape = inChannels == 1 ? new int[] {numFilters, 3, 3} : new int[] {numFilters, inChannels, 3, 3};
        this.params = List.of(new Param(name, shape, filters, dLdFilters));
    }

    public Conv3x3(int numFilters, Random rng) {
        this(numFilters, 1, rng);
    }

    /** Whether {@link #backward} computes dL/dinput (on by default); a first layer only needs it for saliency. */
    public void setComputeInputGradient(boolean on) {
        this.computeInputGradient = on;
    }

    public boolean computesInputGradient() {
        return computeInputGradient;
    }

    /** The filters (live). */
    public double[] filters() {
        return filters;
    }

    /** dL/dfilters of the last backward pass (live). */
    public double[] dLdFilters() {
        return dLdFilters;
    }

    public double filter(int f, int c, int x, int y) {
        return filters[index(f, c, x, y)];
    }

    private int index(int f, int c, int x, int y) {
        return ((f * inChannels + c) * 3 + x) * 3 + y;
    }

    /** C x H x W -> F x (H - 2) x (W - 2); for the article 1 x 28 x 28 -> 8 x 26 x 26. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.channels != inChannels || input.height < 3 || input.width < 3) {
            throw new IllegalArgumentException("Conv3x3 expects " + inChannels + " channels of at least 3x3, got " + input.shape());
        }
        lastInput = input.copy();
        Tensor out = new Tensor(numFilters, input.height - 2, input.width - 2);
        // Each 3x3 region of the input (all channels) against each filter.
        for (int f = 0; f < numFilters; f++) {
            for (int i = 0; i < out.height; i++) {
                for (int j = 0; j < out.width; j++) {
                    double sum = 0;
                    for (int c = 0; c < inChannels; c++) {
                        for (int x = 0; x < 3; x++) {
                            for (int y = 0; y < 3; y++) {
                                sum += input.get(c, i + x, j + y) * filters[index(f, c, x, y)];
                            }
                        }
                    }
                    out.set(f, i, j, sum);
                }
            }
        }
        return out;
    }

    /**
     * F x (H - 2) x (W - 2) -> C x H x W. Fills dL/dfilters and returns dL/dinput (or null when
     * switched off); changes no filter. For each region and filter, as the article writes it:
     * dL/dfilter(x, y) += dL/dout(i, j) * input(i + x, j + y), and alike
     * dL/dinput(i + x, j + y) += dL/dout(i, j) * filter(x, y).
     */
    @Override
    public Tensor backward(Tensor dLdOut) {
        if (lastInput == null || dLdOut.channels != numFilters
                || dLdOut.height != lastInput.height - 2 || dLdOut.width != lastInput.width - 2) {
            throw new IllegalStateException("backward needs a forward pass first and a gradient shaped like its output");
        }
        java.util.Arrays.fill(dLdFilters, 0.0);
        Tensor dLdInput = computeInputGradient ? new Tensor(inChannels, lastInput.height, lastInput.width) : null;
        for (int i = 0; i < dLdOut.height; i++) {
            for (int j = 0; j < dLdOut.width; j++) {
                for (int f = 0; f < numFilters; f++) {
                    double g = dLdOut.get(f, i, j);
                    for (int c = 0; c < inChannels; c++) {
                        for (int x = 0; x < 3; x++) {
                            for (int y = 0; y < 3; y++) {
                                dLdFilters[index(f, c, x, y)] += g * lastInput.get(c, i + x, j + y);
                                if (dLdInput != null) {
                                    int p = dLdInput.index(c, i + x, j + y);
                                    dLdInput.data[p] += g * filters[index(f, c, x, y)];
                                }
                            }
                        }
                    }
                }
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

    /** The input cached by the last forward pass (the article's {@code last_input}), or null. */
    public Tensor lastInput() {
        return lastInput;
    }

    /** Drops the cached input: the next backward needs a new forward pass. */
    void forget() {
        lastInput = null;
    }

    @Override
    public List<Param> params() {
        return params;
    }
}
