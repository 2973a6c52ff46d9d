package org.cnnexplorer.train;

import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Network;

/**
 * An immutable copy of a network's parameters and latest parameter gradients, for readers on
 * other threads (the views). {@code version} grows with every published change.
 * Arrays use the engine's layouts (see {@link org.cnnexplorer.nn.Conv3x3} and
 * {@link org.cnnexplorer.nn.Softmax}); never write to them.
 */
public final class NetworkSnapshot {
    public final long version;
    public final Architecture arch;
    /** Filters of the first convolution. */
    public final int numFilters;
    public final int height;
    public final int width;
    public final boolean firstMaxOnly;
    private final double[] filters;
    private final double[] dLdFilters;
    private final double[] softmaxWeights;
    private final double[] softmaxBiases;
    /** The second convolution's filters and gradients, (F2, F1, 3, 3), or null. */
    private final double[] filters2;
    private final double[] dLdFilters2;

    public NetworkSnapshot(long version, Network net) {
        this.version = version;
        this.arch = net.arch;
        this.filters2 = net.conv2 == null ? null : net.conv2.filters().clone();
        this.dLdFilters2 = net.conv2 == null ? null : net.conv2.dLdFilters().clone();
        this.numFilters = net.numFilters;
        this.height = net.height;
        this.width = net.width;
        this.firstMaxOnly = net.pool.firstMaxOnly();
        this.filters = net.conv.filters().clone();
        this.dLdFilters = net.conv.dLdFilters().clone();
        this.softmaxWeights = net.softmax.weights().clone();
        this.softmaxBiases = net.softmax.biases().clone();
    }

    /** Filter f's 3x3 weights, row-major (a copy). */
    public double[] filter(int f) {
        return java.util.Arrays.copyOfRange(filters, f * 9, f * 9 + 9);
    }

    /** The last computed dL/dfilter for filter f, row-major (a copy). */
    public double[] filterGradient(int f) {
        return java.util.Arrays.copyOfRange(dLdFilters, f * 9, f * 9 + 9);
    }

    public double filterValue(int f, int x, int y) {
        return filters[f * 9 + x * 3 + y];
    }

    public double filterGradientValue(int f, int x, int y) {
        return dLdFilters[f * 9 + x * 3 + y];
    }

    /**
     * The second convolution's weight for output filter f, input channel c, row x, column y
     * (one layer: none).
     */
    public double filter2Value(int f, int c, int x, int y) {
        return filters2[((f * arch.filters1() + c) * 3 + x) * 3 + y];
    }

    public double filter2GradientValue(int f, int c, int x, int y) {
        return dLdFilters2[((f * arch.filters1() + c) * 3 + x) * 3 + y];
    }

    /** The second convolution's 3x3 weights for output filter f and input channel c, row-major. */
    public double[] filter2(int f, int c) {
        int o = (f * arch.filters1() + c) * 9;
        return java.util.Arrays.copyOfRange(filters2, o, o + 9);
    }

    public double[] filter2Gradient(int f, int c) {
        int o = (f * arch.filters1() + c) * 9;
        return java.util.Arrays.copyOfRange(dLdFilters2, o, o + 9);
    }

    public double maxAbsFilter2() {
        return filters2 == null ? 0 : maxAbs(filters2);
    }

    public double maxAbsFilter2Gradient() {
        return dLdFilters2 == null ? 0 : maxAbs(dLdFilters2);
    }

    /** Largest |weight| over all filters, for a shared symmetric colour scale. */
    public double maxAbsFilter() {
        return maxAbs(filters);
    }

    public double maxAbsFilterGradient() {
        return maxAbs(dLdFilters);
    }

    /** A new, independent network with these weights, for private forward/backward passes. */
    public Network toNetwork() {
        Network n = new Network(arch, height, width, new java.util.Random(0));
        copyInto(n);
        return n;
    }

    /** Writes these weights into an existing network of the same shape (no allocation). */
    public void copyInto(Network n) {
        if (!n.arch.sameLayers(arch) || n.height != height || n.width != width) {
            throw new IllegalArgumentException("network shape differs from snapshot");
        }
        System.arraycopy(filters, 0, n.conv.filters(), 0, filters.length);
        if (filters2 != null) {
            System.arraycopy(filters2, 0, n.conv2.filters(), 0, filters2.length);
        }
        System.arraycopy(softmaxWeights, 0, n.softmax.weights(), 0, softmaxWeights.length);
        System.arraycopy(softmaxBiases, 0, n.softmax.biases(), 0, softmaxBiases.length);
        n.pool.setFirstMaxOnly(firstMaxOnly);
    }

    /** True if {@code o} holds the same shape and the same weights, bit for bit (gradients aside). */
    public boolean sameWeights(NetworkSnapshot o) {
        return o != null && o.numFilters == numFilters && o.height == height && o.width == width
                && java.util.Arrays.equals(filters, o.filters) && java.util.Arrays.equals(softmaxWeights, o.softmaxWeights)
                && java.util.Arrays.equals(softmaxBiases, o.softmaxBiases);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
