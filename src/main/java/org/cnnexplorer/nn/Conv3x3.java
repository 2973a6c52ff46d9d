package org.cnnexplorer.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A 3x3 convolution with {@code numFilters} filters, valid padding, stride 1 and no bias, as in the
 * article: out(f, i, j) = sum over c, x, y of input(c, i + x, j + y) * filter(f, c, x, y).
 * Unlike the article it accepts a multi-channel input and returns dL/dinput (the article's
 * "exercise for the reader"), so convolutions can be stacked.
 */
public final class Conv3x3 implements Layer {
    public final int numFilters;
    public final int inChannels;

    /** filters[((f * inChannels + c) * 3 + x) * 3 + y]: filter f, input channel c, row x, column y. */
    final double[] filters;
    final double[] dLdFilters;
    private final List<Param> params;

    private double[] lastInput = new double[0];
    private int lastC;
    private int lastH;
    private int lastW;
    private Tensor out;
    private Tensor dLdInput;
    private double[] plane = new double[0];
    private boolean computeInputGradient = true;

    /** Filters drawn from N(0, 1) / 9, the article's initialisation. */
    public Conv3x3(int numFilters, int inChannels, Random rng) {
        if (numFilters <= 0 || inChannels <= 0) {
            throw new IllegalArgumentException("numFilters and inChannels must be positive");
        }
        this.numFilters = numFilters;
        this.inChannels = inChannels;
        this.filters = new double[numFilters * inChannels * 9];
        this.dLdFilters = new double[filters.length];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = rng.nextGaussian() / 9;
        }
        int[] shape = inChannels == 1 ? new int[] {numFilters, 3, 3} : new int[] {numFilters, inChannels, 3, 3};
        this.params = List.of(new Param("conv_filters", shape, filters, dLdFilters));
    }

    public Conv3x3(int numFilters, Random rng) {
        this(numFilters, 1, rng);
    }

    /** Whether backward computes dL/dinput. A first layer only needs it for saliency maps. */
    public void setComputeInputGradient(boolean on) {
        this.computeInputGradient = on;
    }

    public double[] filters() {
        return filters;
    }

    public double[] dLdFilters() {
        return dLdFilters;
    }

    public double filter(int f, int c, int x, int y) {
        return filters[((f * inChannels + c) * 3 + x) * 3 + y];
    }

    @Override
    public Tensor forward(Tensor in) {
        if (in.channels != inChannels || in.height < 3 || in.width < 3) {
            throw new IllegalArgumentException("Conv3x3 expects " + inChannels + " channels of at least 3x3, got " + in.shape());
        }
        int h = in.height;
        int w = in.width;
        int oh = h - 2;
        int ow = w - 2;
        prepare(in);
        System.arraycopy(in.data, 0, lastInput, 0, in.data.length);
        double[] x = lastInput;
        double[] o = out.data;
        // Each output row is computed at the input's stride, so one filter tap is one long
        // contiguous loop over the whole plane (the two wrap-around columns are dropped after).
        int len = (oh - 1) * w + ow;
        for (int f = 0; f < numFilters; f++) {
            double[] p = plane;
            Arrays.fill(p, 0, len, 0.0);
            for (int c = 0; c < inChannels; c++) {
                int k = (f * inChannels + c) * 9;
                double w0 = filters[k], w1 = filters[k + 1], w2 = filters[k + 2];
                double w3 = filters[k + 3], w4 = filters[k + 4], w5 = filters[k + 5];
                double w6 = filters[k + 6], w7 = filters[k + 7], w8 = filters[k + 8];
                int b0 = c * h * w;
                int b1 = b0 + w;
                int b2 = b1 + w;
                for (int i = 0; i < len; i++) {
                    p[i] += w0 * x[b0 + i] + w1 * x[b0 + i + 1] + w2 * x[b0 + i + 2]
                          + w3 * x[b1 + i] + w4 * x[b1 + i + 1] + w5 * x[b1 + i + 2]
                          + w6 * x[b2 + i] + w7 * x[b2 + i + 1] + w8 * x[b2 + i + 2];
                }
            }
            int ob = f * oh * ow;
            for (int r = 0; r < oh; r++) {
                System.arraycopy(p, r * w, o, ob + r * ow, ow);
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dLdOut) {
        int h = lastH;
        int w = lastW;
        int oh = h - 2;
        int ow = w - 2;
        if (out == null || dLdOut.channels != numFilters || dLdOut.height != oh || dLdOut.width != ow) {
            throw new IllegalStateException("backward needs a forward pass first and a gradient shaped like its output");
        }
        double[] x = lastInput;
        double[] g = dLdOut.data;
        double[] dIn = dLdInput.data;
        boolean inputGrad = computeInputGradient;
        Arrays.fill(dLdFilters, 0.0);
        if (inputGrad) {
            Arrays.fill(dIn, 0.0);
        }
        // dL/dfilter(x, y) = sum over i, j of dL/dout(i, j) * input(i + x, j + y). After max
        // pooling most of dL/dout is zero, so positions with no gradient are skipped; adding
        // exact zeros would not change any sum.
        for (int f = 0; f < numFilters; f++) {
            for (int i = 0; i < oh; i++) {
                int row = (f * oh + i) * ow;
                for (int j = 0; j < ow; j++) {
                    double d = g[row + j];
                    if (d == 0.0) {
                        continue;
                    }
                    for (int c = 0; c < inChannels; c++) {
                        int k = (f * inChannels + c) * 9;
                        int b0 = (c * h + i) * w + j;
                        int b1 = b0 + w;
                        int b2 = b1 + w;
                        dLdFilters[k] += d * x[b0];
                        dLdFilters[k + 1] += d * x[b0 + 1];
                        dLdFilters[k + 2] += d * x[b0 + 2];
                        dLdFilters[k + 3] += d * x[b1];
                        dLdFilters[k + 4] += d * x[b1 + 1];
                        dLdFilters[k + 5] += d * x[b1 + 2];
                        dLdFilters[k + 6] += d * x[b2];
                        dLdFilters[k + 7] += d * x[b2 + 1];
                        dLdFilters[k + 8] += d * x[b2 + 2];
                        if (inputGrad) {
                            dIn[b0] += d * filters[k];
                            dIn[b0 + 1] += d * filters[k + 1];
                            dIn[b0 + 2] += d * filters[k + 2];
                            dIn[b1] += d * filters[k + 3];
                            dIn[b1 + 1] += d * filters[k + 4];
                            dIn[b1 + 2] += d * filters[k + 5];
                            dIn[b2] += d * filters[k + 6];
                            dIn[b2 + 1] += d * filters[k + 7];
                            dIn[b2 + 2] += d * filters[k + 8];
                        }
                    }
                }
            }
        }
        return dLdInput;
    }

    /** The input cached by the last forward pass (the article's {@code last_input}); live, do not modify. */
    public double[] lastInput() {
        return lastInput;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    private void prepare(Tensor in) {
        if (out != null && in.channels == lastC && in.height == lastH && in.width == lastW) {
            return;
        }
        lastC = in.channels;
        lastH = in.height;
        lastW = in.width;
        lastInput = new double[in.data.length];
        out = new Tensor(numFilters, in.height - 2, in.width - 2);
        dLdInput = new Tensor(in.channels, in.height, in.width);
        plane = new double[in.height * in.width];
    }
}
