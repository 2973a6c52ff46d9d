package org.cnnexplorer.train;

import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;

/**
 * Everything the views show about one image under one set of weights, copied so any thread may
 * read it: the input, the convolution output (F, 26, 26), the pooled output (F, 13, 13), the ten
 * probabilities, and the max-pool routing of the backward pass: which positions of each 2x2 block
 * hold its max ({@link #maxMask}), the gradient arriving at the pooled output ({@link #dLdPooled})
 * and the gradient routed back to the convolution output ({@link #dLdConv}).
 * Arrays are in the engine's (C, H, W) order; never write to them.
 *
 * <p>With two convolutions, {@code conv} is the second one's output (what is pooled, after ReLU if
 * any) and {@link #firstConv} the first one's.
 *
 * @param numFilters the pooled channels: the filters of the last convolution
 * @param label the true digit, or -1 when unknown (then the gradients are all zero)
 * @param convLayers 1 or 2
 * @param firstFilters filters of the first convolution
 * @param firstConv the first convolution's output (after ReLU if any), (F1, H - 2, W - 2)
 * @param relu whether a ReLU follows each convolution (the maps are then never negative)
 */
public record ImageActivations(int numFilters, int height, int width, byte[] input, int label,
                               double[] conv, double[] pooled, double[] probabilities,
                               byte[] maxMask, double[] dLdPooled, double[] dLdConv, boolean firstMaxOnly,
                               int convLayers, int firstFilters, double[] firstConv, boolean relu) {

    /**
     * Runs {@code net} forward on the image and, when the label is known, backward without updating
     * any weight, then copies what the views need. {@code net} is a private scratch network (never
     * the live one off the engine thread); its caches and gradients are overwritten.
     */
    public static ImageActivations of(Network net, byte[] pixels, int offset, int label) {
        int f = net.pooledChannels();
        int h = net.height;
        int w = net.width;
        byte[] input = java.util.Arrays.copyOfRange(pixels, offset, offset + h * w);
        double[] probs = net.forward(pixels, offset).clone();
        double[] conv = net.poolInput().data.clone();
        double[] pooled = net.pooledOutput().data.clone();
        double[] firstConv = net.conv2 == null ? conv : net.firstConvOutput().data.clone();
        int ph = net.pooledHeight();
        int pw = net.pooledWidth();
        byte[] mask = new byte[f * ph * pw];
        for (int c = 0, n = 0; c < f; c++) {
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++, n++) {
                    mask[n] = (byte) net.pool.maxMask(c, i, j);
                }
            }
        }
        double[] dLdPooled = new double[pooled.length];
        double[] dLdConv = new double[conv.length];
        if (label >= 0) {
            Tensor g = net.softmax.backward(net.initialGradient(label));
            System.arraycopy(g.data, 0, dLdPooled, 0, dLdPooled.length);
            Tensor routed = net.pool.backward(g);
            System.arraycopy(routed.data, 0, dLdConv, 0, dLdConv.length);
        }
        return new ImageActivations(f, h, w, input, label, conv, pooled, probs, mask, dLdPooled, dLdConv,
                net.pool.firstMaxOnly(), net.arch.convLayers(), net.numFilters, firstConv, net.arch.relu());
    }

    /** Height of the pooled maps' source, the last convolution's output. */
    public int convHeight() {
        return height - 2 * convLayers;
    }

    public int convWidth() {
        return width - 2 * convLayers;
    }

    /** Height of the first convolution's output. */
    public int firstConvHeight() {
        return height - 2;
    }

    public int firstConvWidth() {
        return width - 2;
    }

    /** Offset of filter f's plane in {@link #firstConv}. */
    public int firstConvOffset(int f) {
        return f * firstConvHeight() * firstConvWidth();
    }

    public int pooledHeight() {
        return convHeight() / 2;
    }

    public int pooledWidth() {
        return convWidth() / 2;
    }

    /** Offset of filter f's plane in {@link #conv} and {@link #dLdConv}. */
    public int convOffset(int f) {
        return f * convHeight() * convWidth();
    }

    /** Offset of filter f's plane in {@link #pooled}, {@link #dLdPooled} and {@link #maxMask}. */
    public int pooledOffset(int f) {
        return f * pooledHeight() * pooledWidth();
    }

    public int predicted() {
        return Network.argmax(probabilities);
    }

    /** The block mask of pooled cell (f, i, j): bit 2 * row + col marks a position equal to the max. */
    public int mask(int f, int i, int j) {
        return maxMask[pooledOffset(f) + i * pooledWidth() + j];
    }

    /** Whether conv position (f, y, x) equals its block's max. */
    public boolean isMax(int f, int y, int x) {
        if (y / 2 >= pooledHeight() || x / 2 >= pooledWidth()) {
            return false;  // an odd trailing row or column belongs to no block
        }
        return (mask(f, y / 2, x / 2) & (1 << (2 * (y % 2) + (x % 2)))) != 0;
    }

    /** Whether pooled cell (f, i, j)'s block has more than one position equal to its max. */
    public boolean isTie(int f, int i, int j) {
        return Integer.bitCount(mask(f, i, j)) > 1;
    }

    /** Whether conv position (f, y, x) receives gradient under the routing rule in use. */
    public boolean receivesGradient(int f, int y, int x) {
        if (!isMax(f, y, x)) {
            return false;
        }
        if (!firstMaxOnly) {
            return true;
        }
        int m = mask(f, y / 2, x / 2);
        return (m & -m) == 1 << (2 * (y % 2) + (x % 2));
    }

    /** Largest |dL/dpooled| over all filters. */
    public double maxAbsIncoming() {
        double m = 0;
        for (double d : dLdPooled) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /** Number of 2x2 blocks of filter f with a tie, for the views' captions. */
    public int tieCount(int f) {
        int n = 0;
        for (int i = 0; i < pooledHeight(); i++) {
            for (int j = 0; j < pooledWidth(); j++) {
                if (isTie(f, i, j)) {
                    n++;
                }
            }
        }
        return n;
    }
}
