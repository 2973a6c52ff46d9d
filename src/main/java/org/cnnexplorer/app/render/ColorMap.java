package org.cnnexplorer.app.render;

import javafx.scene.paint.Color;

/**
 * A 256-entry colour table (opaque ARGB ints), built once by interpolating a few control colours.
 * Lookups are one array read, so painting a heatmap costs one multiply and one clamp per pixel.
 *
 * <p>{@link #DIVERGING} (blue, white, red) is for signed values such as weights and gradients: use
 * it with a symmetric range [-m, m] so that white means exactly zero. {@link #SEQUENTIAL}
 * (viridis-like, dark purple to yellow) is for activations. Both vary in lightness from end to end,
 * so they stay readable for colour-blind viewers and in greyscale.
 */
public final class ColorMap {
    public static final int SIZE = 256;

    /** Blue (negative), white (zero), red (positive); after ColorBrewer's RdBu, reversed. */
    public static final ColorMap DIVERGING = new ColorMap("blue-white-red",
            0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f);

    /** Perceptually uniform dark purple to yellow, sampled from matplotlib's viridis. */
    public static final ColorMap SEQUENTIAL = new ColorMap("viridis",
            0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725);

    /** Black to white, for input images (0 = black background, like MNIST). */
    public static final ColorMap GREYS = new ColorMap("greys", 0x000000, 0xffffff);

    private final String name;
    private final int[] argb = new int[SIZE];

    /** A map through evenly spaced RGB control colours (0xRRGGBB), first to last. */
    public ColorMap(String name, int... rgb) {
        if (rgb.length < 2) {
            throw new IllegalArgumentException("a colour map needs at least two colours");
        }
        this.name = name;
        int segments = rgb.length - 1;
        for (int i = 0; i < SIZE; i++) {
            double t = (double) i / (SIZE - 1) * segments;
            int s = Math.min((int) t, segments - 1);
            double f = t - s;
            argb[i] = 0xff000000 | mix(rgb[s], rgb[s + 1], f);
        }
    }

    public String name() {
        return name;
    }

    /** Entry i (0..255) as opaque ARGB. */
    public int argb(int i) {
        return argb[i];
    }

    /** The table index of v on the scale [lo, hi], clamped; NaN maps to the middle. */
    public static int index(double v, double lo, double hi) {
        if (!(hi > lo)) {
            return SIZE / 2;
        }
        double t = (v - lo) / (hi - lo);
        if (!(t >= 0)) {
            return Double.isNaN(t) ? SIZE / 2 : 0;
        }
        return t >= 1 ? SIZE - 1 : (int) (t * SIZE);
    }

    /** v on [lo, hi] as ARGB. */
    public int argb(double v, double lo, double hi) {
        return argb[index(v, lo, hi)];
    }

    /** v on the symmetric scale [-maxAbs, maxAbs], so 0 is the middle colour. */
    public int argbSymmetric(double v, double maxAbs) {
        return argb(v, -maxAbs, maxAbs);
    }

    public Color color(double v, double lo, double hi) {
        return toColor(argb(v, lo, hi));
    }

    public static Color toColor(int argb) {
        return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }

    /** Relative luminance (0..1) of an ARGB colour, to choose black or white text on it. */
    public static double luminance(int argb) {
        double r = ((argb >> 16) & 0xff) / 255.0;
        double g = ((argb >> 8) & 0xff) / 255.0;
        double b = (argb & 0xff) / 255.0;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    /** Black or white, whichever reads better on the given background. */
    public static Color textColorOn(int argb) {
        return luminance(argb) > 0.45 ? Color.BLACK : Color.WHITE;
    }

    private static int mix(int a, int b, double f) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
