package org.cnnexplorer.nn;

import java.util.Random;

/** Small helpers shared by the layer tests. */
final class NnTestUtil {
    private NnTestUtil() {
    }

    /** A tensor of uniform values in [lo, hi). */
    static Tensor randomTensor(Random rng, int c, int h, int w, double lo, double hi) {
        Tensor t = new Tensor(c, h, w);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return t;
    }

    /** A tensor of the given shape holding {@code values} (row-major, channel after channel). */
    static Tensor tensor(int c, int h, int w, double... values) {
        Tensor t = new Tensor(c, h, w);
        if (values.length != t.data.length) {
            throw new IllegalArgumentException("expected " + t.data.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, t.data, 0, values.length);
        return t;
    }

    /** A tensor shaped like {@code shape} holding {@code values}. */
    static Tensor like(Tensor shape, double[] values) {
        return tensor(shape.channels, shape.height, shape.width, values);
    }

    static double[] gaussian(Random rng, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextGaussian();
        }
        return r;
    }

    /** sum of t .* r: the scalar loss L = sum(out * R) used to check a layer on its own. */
    static double dot(Tensor t, double[] r) {
        if (t.data.length != r.length) {
            throw new IllegalArgumentException("length mismatch");
        }
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += t.data[i] * r[i];
        }
        return s;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * The smallest gap, over all 2x2 pooling blocks of {@code t}, between a block's largest value
     * and its second largest. Zero means a tie somewhere.
     */
    static double minPoolGap(Tensor t) {
        double min = Double.POSITIVE_INFINITY;
        for (int c = 0; c < t.channels; c++) {
            for (int i = 0; i + 1 < t.height; i += 2) {
                for (int j = 0; j + 1 < t.width; j += 2) {
                    double[] v = {t.get(c, i, j), t.get(c, i, j + 1), t.get(c, i + 1, j), t.get(c, i + 1, j + 1)};
                    java.util.Arrays.sort(v);
                    min = Math.min(min, v[3] - v[2]);
                }
            }
        }
        return min;
    }

    /**
     * A random tensor whose 2x2 pooling blocks have no near-ties: in each block the max exceeds
     * the runner-up by at least {@code gap} (blocks are redrawn until they do).
     */
    static Tensor randomTensorWithoutTies(Random rng, int c, int h, int w, double gap) {
        Tensor t = randomTensor(rng, c, h, w, -1, 1);
        while (minPoolGap(t) < gap) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i + 1 < h; i += 2) {
                    for (int j = 0; j + 1 < w; j += 2) {
                        double[] v = {t.get(ch, i, j), t.get(ch, i, j + 1), t.get(ch, i + 1, j), t.get(ch, i + 1, j + 1)};
                        java.util.Arrays.sort(v);
                        if (v[3] - v[2] < gap) {
                            t.set(ch, i, j, -1 + 2 * rng.nextDouble());
                            t.set(ch, i, j + 1, -1 + 2 * rng.nextDouble());
                            t.set(ch, i + 1, j, -1 + 2 * rng.nextDouble());
                            t.set(ch, i + 1, j + 1, -1 + 2 * rng.nextDouble());
                        }
                    }
                }
            }
        }
        return t;
    }
}
