package org.cnnexplorer.nn;

import java.util.List;

/**
 * 2x2 max pooling with stride 2. Backward routes each block's gradient to the block's maximum.
 * By default, like the article, every position equal to the maximum gets it (on flat background
 * several tie); {@link #setFirstMaxOnly} routes to the first maximum in row-major order instead.
 */
public final class MaxPool2 implements Layer {
    /** For each 4-bit mask, per block position: all ones where the gradient goes, else zero. */
    private static final long[] KEEP_ALL = keepTable(false);
    private static final long[] KEEP_FIRST = keepTable(true);

    private boolean firstMaxOnly;
    private Tensor out;
    private Tensor dLdInput;
    /** For each output cell, bit k (k = 2 * row + col in the block) marks a position equal to the max. */
    private byte[] maxMask = new byte[0];

    public void setFirstMaxOnly(boolean on) {
        this.firstMaxOnly = on;
    }

    public boolean firstMaxOnly() {
        return firstMaxOnly;
    }

    @Override
    public Tensor forward(Tensor in) {
        int c = in.channels;
        int h = in.height;
        int w = in.width;
        int oh = h / 2;
        int ow = w / 2;
        if (oh == 0 || ow == 0) {
            throw new IllegalArgumentException("MaxPool2 needs at least 2x2 input, got " + in.shape());
        }
        if (dLdInput == null || !dLdInput.sameShape(in)) {
            out = new Tensor(c, oh, ow);
            dLdInput = new Tensor(c, h, w);
            maxMask = new byte[c * oh * ow];
        }
        double[] x = in.data;
        double[] o = out.data;
        byte[] mask = maxMask;
        int n = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < oh; i++) {
                int r0 = (ch * h + 2 * i) * w;
                int r1 = r0 + w;
                for (int j = 0; j < ow; j++, n++) {
                    double a = x[r0 + 2 * j];
                    double b = x[r0 + 2 * j + 1];
                    double d = x[r1 + 2 * j];
                    double e = x[r1 + 2 * j + 1];
                    double m = Math.max(Math.max(a, b), Math.max(d, e));
                    o[n] = m;
                    mask[n] = (byte) ((a == m ? 1 : 0) | (b == m ? 2 : 0) | (d == m ? 4 : 0) | (e == m ? 8 : 0));
                }
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dLdOut) {
        if (out == null || !dLdOut.sameShape(out)) {
            throw new IllegalStateException("backward needs a forward pass first and a gradient shaped like its output");
        }
        int c = dLdInput.channels;
        int h = dLdInput.height;
        int w = dLdInput.width;
        int oh = out.height;
        int ow = out.width;
        double[] g = dLdOut.data;
        double[] dIn = dLdInput.data;
        byte[] mask = maxMask;
        // Every position of every block is written (gradient or zero), so no clearing pass;
        // a trailing odd row or column is never written and stays zero. The gradient's bits are
        // and-ed with all ones or all zeros: routing without a branch per position.
        long[] keep = firstMaxOnly ? KEEP_FIRST : KEEP_ALL;
        int n = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < oh; i++) {
                int r0 = (ch * h + 2 * i) * w;
                int r1 = r0 + w;
                for (int j = 0; j < ow; j++, n++) {
                    int k = mask[n] * 4;
                    long d = Double.doubleToRawLongBits(g[n]);
                    dIn[r0 + 2 * j] = Double.longBitsToDouble(d & keep[k]);
                    dIn[r0 + 2 * j + 1] = Double.longBitsToDouble(d & keep[k + 1]);
                    dIn[r1 + 2 * j] = Double.longBitsToDouble(d & keep[k + 2]);
                    dIn[r1 + 2 * j + 1] = Double.longBitsToDouble(d & keep[k + 3]);
                }
            }
        }
        return dLdInput;
    }

    /**
     * Which positions of output cell (c, i, j)'s 2x2 block equal its max, from the last forward
     * pass: bit 2 * row + col. More than one bit set is a tie.
     */
    public int maxMask(int c, int i, int j) {
        return maxMask[(c * out.height + i) * out.width + j];
    }

    private static long[] keepTable(boolean firstOnly) {
        long[] t = new long[16 * 4];
        for (int mask = 0; mask < 16; mask++) {
            int m = firstOnly ? mask & -mask : mask;
            for (int k = 0; k < 4; k++) {
                t[mask * 4 + k] = (m & (1 << k)) != 0 ? -1L : 0L;
            }
        }
        return t;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
