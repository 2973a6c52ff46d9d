package org.cnnexplorer.nn.fast;

import java.util.Arrays;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Sgd;

/**
 * The training step for every {@link Architecture} (one or two convolutions, ReLU or not) and any
 * image size: the reference layers' arithmetic on flat arrays kept between steps, with the loops
 * ordered so the inner one runs along an image row (which the JIT compiles to vector code).
 *
 * <p>Every value is summed in the same order as in the layers, so this step gives the layers'
 * bits (the tests pin it). Like the article's update it computes every gradient before changing a
 * weight; {@link #backward} alone fills the gradients for a mini-batch.
 */
public final class FlatStep implements TrainStep {
    private final Architecture arch;
    private final int h0;
    private final int w0;
    private final int h1;
    private final int w1;
    private final int h2;
    private final int w2;
    private final int ph;
    private final int pw;
    private final int lastF;
    private final int lastH;
    private final int lastW;
    private final boolean twoLayers;

    private final double[] x;
    /** First convolution before ReLU, after ReLU (the same array without ReLU). */
    private final double[] z1;
    private final double[] a1;
    private final double[] z2;
    private final double[] a2;
    private final double[] pooled;
    private final double[] totals = new double[Network.CLASSES];
    private final double[] exps = new double[Network.CLASSES];
    private final double[] probs = new double[Network.CLASSES];
    private final double[] dLdT = new double[Network.CLASSES];
    private final double[] dPooled;
    private final double[] dLast;
    private final double[] dA1;
    private double sumExp;
    private final ConvKernels kernels;

    /** With the vector module's row loops where this JVM has it (the same bits either way). */
    public FlatStep(Network net) {
        this(net, Steps.vectorModulePresent() && !"scalar".equals(Steps.forced()));
    }

    /** @param vector whether to run the convolutions' row loops in vectors (needs the vector module) */
    public FlatStep(Network net, boolean vector) {
        this.kernels = vector ? Steps.vectorConvKernels() : new ConvKernels();
        this.arch = net.arch;
        this.twoLayers = arch.convLayers() == 2;
        this.h0 = net.height;
        this.w0 = net.width;
        this.h1 = h0 - 2;
        this.w1 = w0 - 2;
        this.h2 = h1 - 2;
        this.w2 = w1 - 2;
        this.lastF = arch.lastFilters();
        this.lastH = twoLayers ? h2 : h1;
        this.lastW = twoLayers ? w2 : w1;
        this.ph = lastH / 2;
        this.pw = lastW / 2;
        this.x = new double[h0 * w0];
        this.z1 = new double[arch.filters1() * h1 * w1];
        this.a1 = arch.relu() ? new double[z1.length] : z1;
        this.z2 = twoLayers ? new double[arch.filters2() * h2 * w2] : null;
        this.a2 = twoLayers && arch.relu() ? new double[z2.length] : z2;
        this.pooled = new double[lastF * ph * pw];
        this.dPooled = new double[pooled.length];
        this.dLast = new double[lastF * lastH * lastW];
        this.dA1 = twoLayers ? new double[z1.length] : null;
    }

    @Override
    public String name() {
        return kernels.getClass() == ConvKernels.class ? "flat layer step" : "flat layer step, vector rows";
    }

    @Override
    public double[] forward(Network net, byte[] px, int off) {
        check(net);
        for (int n = 0; n < x.length; n++) {
            x[n] = (px[off + n] & 0xff) / 255.0 - 0.5;
        }
        kernels.convForward(x, 1, h0, w0, net.conv.filters(), arch.filters1(), z1);
        relu(z1, a1);
        double[] last = a1;
        if (twoLayers) {
            kernels.convForward(a1, arch.filters1(), h1, w1, net.conv2.filters(), arch.filters2(), z2);
            relu(z2, a2);
            last = a2;
        }
        pool(last);
        softmax(net.softmax.weights(), net.softmax.biases());
        return probs;
    }

    /** After {@link #forward}: every parameter's gradient, no update; drops the layers' caches. */
    @Override
    public void backward(Network net, int label) {
        check(net);
        softmaxBackward(net, label);
        double[] last = twoLayers ? a2 : a1;
        route(last, net.pool.firstMaxOnly());
        double[] zLast = twoLayers ? z2 : z1;
        reluBackward(zLast, dLast);
        if (twoLayers) {
            filterGradient(a1, arch.filters1(), h1, w1, dLast, arch.filters2(), net.conv2.dLdFilters());
            kernels.inputGradient(dLast, arch.filters2(), net.conv2.filters(), arch.filters1(), h1, w1, dA1);
            reluBackward(z1, dA1);
            filterGradient(x, 1, h0, w0, dA1, arch.filters1(), net.conv.dLdFilters());
        } else {
            filterGradient(x, 1, h0, w0, dLast, arch.filters1(), net.conv.dLdFilters());
        }
        net.forgetForwardPass();
    }

    @Override
    public void backprop(Network net, int label, double learnRate) {
        backward(net, label);
        Sgd.step(net.params(), learnRate);
    }

    private void check(Network net) {
        if (!net.arch.sameLayers(arch) || net.height != h0 || net.width != w0) {
            throw new IllegalArgumentException("this step is for " + arch.describe() + " on " + h0 + "x" + w0 + " images");
        }
    }

    private static void relu(double[] z, double[] a) {
        if (a != z) {
            for (int n = 0; n < z.length; n++) {
                a[n] = Math.max(0.0, z[n]);
            }
        }
    }

    /** Without ReLU nothing to do; with it, the gradient stops where the input was not positive. */
    private void reluBackward(double[] z, double[] grad) {
        if (arch.relu()) {
            for (int n = 0; n < grad.length; n++) {
                if (!(z[n] > 0)) {
                    grad[n] = 0.0;
                }
            }
        }
    }

    private void pool(double[] in) {
        for (int c = 0; c < lastF; c++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < 4; k++) {
                        m = Math.max(m, in[(c * lastH + 2 * i + k / 2) * lastW + 2 * j + k % 2]);
                    }
                    pooled[(c * ph + i) * pw + j] = m;
                }
            }
        }
    }

    private void softmax(double[] wt, double[] b) {
        int len = pooled.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < Network.CLASSES; k++) {
            double t = 0;
            int row = k * len;
            for (int i = 0; i < len; i++) {
                t += pooled[i] * wt[row + i];
            }
            totals[k] = t + b[k];
            max = Math.max(max, totals[k]);
        }
        double s = 0;
        for (int k = 0; k < Network.CLASSES; k++) {
            exps[k] = Math.exp(totals[k] - max);
            s += exps[k];
        }
        sumExp = s;
        for (int k = 0; k < Network.CLASSES; k++) {
            probs[k] = exps[k] / s;
        }
    }

    /** The softmax layer's backward with the initial gradient -1/p_c, as the layers compute it. */
    private void softmaxBackward(Network net, int c) {
        double gradient = -1.0 / probs[c];
        double s = sumExp;
        for (int k = 0; k < Network.CLASSES; k++) {
            double dOutDt = k == c ? exps[c] * (s - exps[c]) / (s * s) : -exps[c] * exps[k] / (s * s);
            dLdT[k] = 0.0 + gradient * dOutDt;
        }
        double[] wt = net.softmax.weights();
        double[] dW = net.softmax.dLdW();
        double[] dB = net.softmax.dLdB();
        System.arraycopy(dLdT, 0, net.softmax.dLdT(), 0, dLdT.length);
        int len = pooled.length;
        Arrays.fill(dPooled, 0.0);
        for (int k = 0; k < Network.CLASSES; k++) {
            double d = dLdT[k];
            dB[k] = d;
            int row = k * len;
            for (int i = 0; i < len; i++) {
                dW[row + i] = pooled[i] * d;
                dPooled[i] += wt[row + i] * d;
            }
        }
    }

    /** Max-pool backward into dLast: the gradient to the block's maxima (all of them, or the first). */
    private void route(double[] in, boolean firstMaxOnly) {
        Arrays.fill(dLast, 0.0);
        for (int c = 0; c < lastF; c++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++) {
                    double m = pooled[(c * ph + i) * pw + j];
                    double g = dPooled[(c * ph + i) * pw + j];
                    for (int k = 0; k < 4; k++) {
                        int p = (c * lastH + 2 * i + k / 2) * lastW + 2 * j + k % 2;
                        if (in[p] == m) {
                            dLast[p] = g;
                            if (firstMaxOnly) {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * dL/dfilter(f, c, x, y) = sum over i, j (row-major) of dL/dout(f, i, j) * in(c, i + x, j + y).
     * The nine weights of a (filter, channel) slice are summed side by side: each sum still adds its
     * terms in the layer's order (so the bits are the layer's), but nine independent chains keep the
     * CPU busy where one chain waited for each addition before the next (the second convolution's
     * gradient, 660,000 additions a step, was the slowest part of a two-layer step).
     */
    static void filterGradient(double[] in, int channels, int h, int w, double[] dOut, int filters, double[] grad) {
        int oh = h - 2;
        int ow = w - 2;
        for (int f = 0; f < filters; f++) {
            int o = f * oh * ow;
            for (int c = 0; c < channels; c++) {
                double s00 = 0.0, s01 = 0.0, s02 = 0.0, s10 = 0.0, s11 = 0.0, s12 = 0.0, s20 = 0.0, s21 = 0.0, s22 = 0.0;
                for (int i = 0; i < oh; i++) {
                    int r0 = (c * h + i) * w;
                    int r1 = r0 + w;
                    int r2 = r1 + w;
                    int g = o + i * ow;
                    for (int j = 0; j < ow; j++) {
                        double d = dOut[g + j];
                        s00 += d * in[r0 + j];
                        s01 += d * in[r0 + j + 1];
                        s02 += d * in[r0 + j + 2];
                        s10 += d * in[r1 + j];
                        s11 += d * in[r1 + j + 1];
                        s12 += d * in[r1 + j + 2];
                        s20 += d * in[r2 + j];
                        s21 += d * in[r2 + j + 1];
                        s22 += d * in[r2 + j + 2];
                    }
                }
                int k = (f * channels + c) * 9;
                grad[k] = s00;
                grad[k + 1] = s01;
                grad[k + 2] = s02;
                grad[k + 3] = s10;
                grad[k + 4] = s11;
                grad[k + 5] = s12;
                grad[k + 6] = s20;
                grad[k + 7] = s21;
                grad[k + 8] = s22;
            }
        }
    }
}
