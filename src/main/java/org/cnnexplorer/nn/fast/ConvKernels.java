package org.cnnexplorer.nn.fast;

import java.util.Arrays;

/**
 * The two convolution loops of {@link FlatStep} that run along an image row: the forward pass and
 * the input gradient. Each output value gets its terms in the layer's order, one multiplication and
 * one addition at a time, so any implementation gives the layers' bits. This one is plain Java;
 * {@code VectorConvKernels} does whole vectors of a row at once where the vector module is present.
 */
class ConvKernels {
    /** out(f, i, j) = sum over c, x, y of in(c, i + x, j + y) * filter(f, c, x, y), summed in that order. */
    void convForward(double[] in, int channels, int h, int w, double[] filt, int filters, double[] out) {
        int oh = h - 2;
        int ow = w - 2;
        Arrays.fill(out, 0.0);
        for (int f = 0; f < filters; f++) {
            int o = f * oh * ow;
            for (int c = 0; c < channels; c++) {
                for (int kx = 0; kx < 3; kx++) {
                    for (int ky = 0; ky < 3; ky++) {
                        double wt = filt[((f * channels + c) * 3 + kx) * 3 + ky];
                        for (int i = 0; i < oh; i++) {
                            addScaled(in, (c * h + i + kx) * w + ky, wt, out, o + i * ow, ow);
                        }
                    }
                }
            }
        }
    }

    /**
     * dL/din(c, p, q) = sum of dL/dout(f, p - x, q - y) * filter(f, c, x, y), added in the layer's
     * order: x and y from 2 down to 0 (its output rows and columns run upwards), then f.
     */
    void inputGradient(double[] dOut, int filters, double[] filt, int channels, int h, int w, double[] dIn) {
        int oh = h - 2;
        int ow = w - 2;
        Arrays.fill(dIn, 0.0);
        for (int c = 0; c < channels; c++) {
            for (int kx = 2; kx >= 0; kx--) {
                for (int ky = 2; ky >= 0; ky--) {
                    for (int f = 0; f < filters; f++) {
                        double wt = filt[((f * channels + c) * 3 + kx) * 3 + ky];
                        int o = f * oh * ow;
                        for (int i = 0; i < oh; i++) {
                            addScaled(dOut, o + i * ow, wt, dIn, (c * h + i + kx) * w + ky, ow);
                        }
                    }
                }
            }
        }
    }

    /** dst[d + j] += src[s + j] * wt for j below n: the row loop both passes share. */
    void addScaled(double[] src, int s, double wt, double[] dst, int d, int n) {
        for (int j = 0; j < n; j++) {
            dst[d + j] += src[s + j] * wt;
        }
    }
}
