package org.cnnexplorer.app.render;

/**
 * Turns a grid of numbers into ARGB pixels through a {@link ColorMap}: the pure half of a heatmap,
 * with no JavaFX scene involved, so it can be tested and reused off the FX thread.
 */
public final class HeatmapPainter {
    private HeatmapPainter() {
    }

    /**
     * Colours {@code rows * cols} values, row-major from {@code values[offset]}, on the scale
     * [lo, hi] into {@code argb[0 ..]}.
     */
    public static void paint(double[] values, int offset, int cols, int rows, ColorMap map, double lo, double hi, int[] argb) {
        int n = cols * rows;
        if (argb.length < n || values.length < offset + n) {
            throw new IllegalArgumentException("arrays too small for a " + cols + "x" + rows + " map");
        }
        for (int i = 0; i < n; i++) {
            argb[i] = map.argb(values[offset + i], lo, hi);
        }
    }

    /** Unsigned bytes (0..255) through the whole map, e.g. an MNIST image in greys. */
    public static void paintBytes(byte[] values, int offset, int cols, int rows, ColorMap map, int[] argb) {
        int n = cols * rows;
        for (int i = 0; i < n; i++) {
            argb[i] = map.argb(values[offset + i] & 0xff);
        }
    }

    /** Smallest and largest of {@code n} values from {@code offset}; {0, 0} when n is 0. */
    public static double[] range(double[] values, int offset, int n) {
        if (n == 0) {
            return new double[] {0, 0};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            double v = values[i];
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        return new double[] {lo, hi};
    }

    /** Largest |value| of {@code n} values from {@code offset}: the half-width of a symmetric scale. */
    public static double maxAbs(double[] values, int offset, int n) {
        double m = 0;
        for (int i = offset; i < offset + n; i++) {
            double a = Math.abs(values[i]);
            if (a > m) {
                m = a;
            }
        }
        return m;
    }

    /** A scale that is never empty: a flat map still gets a small range around its value. */
    public static double[] nonEmpty(double lo, double hi) {
        if (hi > lo) {
            return new double[] {lo, hi};
        }
        double pad = Math.max(1e-12, Math.abs(lo) * 1e-6);
        return new double[] {lo - pad, hi + pad};
    }
}
