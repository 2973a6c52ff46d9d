package org.cnnexplorer.data;

/**
 * Turns a greyscale picture of one digit into a 28x28 image the way MNIST's were made: crop to the
 * ink, scale so the longer side is 20 pixels (keeping the aspect ratio and the grey levels), then
 * place it in a 28x28 field with its centre of mass at pixel (14, 14), the field's centre.
 *
 * <p>Two steps make other pictures look like MNIST's digits, whose strokes are full ink and 2-3
 * pixels wide at 28x28. The strongest ink becomes 1, so a faint pencil line is read as ink. And
 * strokes that would come out thinner than {@link #MIN_WIDTH} pixels (a 1-pixel line on a 280x280
 * picture becomes a 0.1-pixel grey smear, which the network reads as a 1) are thickened first,
 * like a wider pen retracing them, until they come out {@link #MIN_WIDTH} wide.
 *
 * <p>Images are row-major {@code double[width * height]} of ink: 0 is background, 1 full ink.
 * Pure Java, so both the command line and the drawing canvas can use it.
 */
public final class DigitPreprocessor {
    public static final int SIZE = 28;
    /** MNIST digits were scaled to fit a 20x20 box. */
    public static final int BOX = 20;
    /** Ink at or below this is noise as far as the bounding box is concerned. */
    public static final double NOISE = 0.1;
    /**
     * The thinnest stroke, in 28x28 pixels, that comes out of the preprocessing. MNIST's training
     * digits have strokes about 2.5 pixels wide (median; 10% are under 1.8, 1% under 1.4, by
     * {@link #strokeWidth}); thinner strokes are thickened to this.
     */
    public static final double MIN_WIDTH = 2.0;
    /** Above this many pixels the picture is first shrunk (keeping hairlines) before thickening. */
    private static final int THICKEN_PIXELS = 1 << 20;

    private DigitPreprocessor() {
    }

    /** The ink's bounding box, {@code x0 <= x < x1}, {@code y0 <= y < y1}. */
    public record Box(int x0, int y0, int x1, int y1) {
        public int width() {
            return x1 - x0;
        }

        public int height() {
            return y1 - y0;
        }
    }

    /**
     * The result and how it was made: {@code pixels} is the 28x28 ink; {@code crop} the ink's box in
     * the input, {@code scale} output pixels per input pixel, and ({@code left}, {@code top}) where
     * the scaled box landed in the 28x28 field. {@code crop} is null when there was no ink.
     */
    public record Prepared(double[] pixels, Box crop, double scale, int left, int top) {
        public boolean empty() {
            return crop == null;
        }
    }

    /** The 28x28 MNIST-style ink of a picture; all zeros if it has no ink. */
    public static double[] toMnist(double[] ink, int width, int height) {
        return prepare(ink, width, height).pixels();
    }

    public static Prepared prepare(double[] ink, int width, int height) {
        if (width <= 0 || height <= 0 || ink.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " pixels, got " + ink.length);
        }
        Box box = inkBounds(ink, width, height, NOISE);
        if (box == null) {
            return new Prepared(new double[SIZE * SIZE], null, 0, 0, 0);
        }
        double strongest = 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                strongest = Math.max(strongest, ink[y * width + x]);
            }
        }
        strongest = Math.min(1, strongest);
        // Total width to add (input pixels) so the strokes come out MIN_WIDTH wide: the stroke
        // grows by 2r and so does the box, (w + 2r) * BOX / (longer + 2r) = MIN_WIDTH.
        double w = strokeWidth(ink, width, box, strongest);
        int longer = Math.max(box.width(), box.height());
        double add = (MIN_WIDTH * longer - BOX * w) / (BOX - MIN_WIDTH);
        if (add <= 0) {
            return scaleAndCentre(ink, width, box, strongest);
        }
        Thick t = thicken(ink, width, height, box, strongest, add / 2);
        Box tb = inkBounds(t.ink, t.width, t.height, NOISE);
        Prepared p = scaleAndCentre(t.ink, t.width, tb, 1);
        // The crop in the input's pixels (it may reach past the input's edge by the added width).
        Box crop = new Box(t.x0 + tb.x0() * t.step, t.y0 + tb.y0() * t.step, t.x0 + tb.x1() * t.step, t.y0 + tb.y1() * t.step);
        return new Prepared(p.pixels(), crop, p.scale() / t.step, p.left(), p.top());
    }

    /** Crops {@code ink} to {@code box}, scales the longer side to 20 and centres it by mass; ink / strongest is the result's ink. */
    private static Prepared scaleAndCentre(double[] ink, int width, Box box, double strongest) {
        double[] out = new double[SIZE * SIZE];
        double gain = 1 / strongest;
        double scale = (double) BOX / Math.max(box.width(), box.height());
        // The longer side becomes exactly 20; the shorter one is rounded up and its last
        // column or row is only partly covered.
        int tw = Math.min(BOX, (int) Math.ceil(box.width() * scale - 1e-9));
        int th = Math.min(BOX, (int) Math.ceil(box.height() * scale - 1e-9));
        double[][] wx = coverage(box.x0(), box.width(), tw, scale);
        double[][] wy = coverage(box.y0(), box.height(), th, scale);

        // Separable box filter: first along rows, then along columns.
        double[] rows = new double[box.height() * tw];
        for (int y = 0; y < box.height(); y++) {
            int src = (box.y0() + y) * width;
            for (int tx = 0; tx < tw; tx++) {
                double[] w = wx[tx];
                int first = (int) w[0];
                double s = 0;
                for (int k = 1; k < w.length; k++) {
                    s += w[k] * clamp01(gain * ink[src + first + k - 1]);
                }
                rows[y * tw + tx] = s;
            }
        }
        double[] scaled = new double[th * tw];
        for (int ty = 0; ty < th; ty++) {
            double[] w = wy[ty];
            int first = (int) w[0] - box.y0();
            for (int tx = 0; tx < tw; tx++) {
                double s = 0;
                for (int k = 1; k < w.length; k++) {
                    s += w[k] * rows[(first + k - 1) * tw + tx];
                }
                scaled[ty * tw + tx] = Math.min(1.0, s);
            }
        }

        double[] com = centreOfMass(scaled, tw, th);
        int left = place(com[0], tw);
        int top = place(com[1], th);
        for (int ty = 0; ty < th; ty++) {
            System.arraycopy(scaled, ty * tw, out, (top + ty) * SIZE + left, tw);
        }
        return new Prepared(out, box, scale, left, top);
    }

    /**
     * About how wide the strokes inside {@code box} are, in pixels: twice the ink's area over its
     * outline's length (a stroke of width w and length L has area wL and an outline of about 2L).
     * The outline is counted along pixel edges, which overstates a slanted one by 4/pi on average,
     * hence the factor. Ink is taken relative to {@code strongest}; the outline is where it
     * crosses one half.
     */
    public static double strokeWidth(double[] ink, int width, Box box, double strongest) {
        double area = 0;
        long edges = 0;
        double half = 0.5 * strongest;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double v = ink[y * width + x];
                area += Math.min(1, v / strongest);
                boolean in = v >= half;
                boolean right = x + 1 < box.x1() && ink[y * width + x + 1] >= half;
                boolean below = y + 1 < box.y1() && ink[(y + 1) * width + x] >= half;
                edges += (in != right ? 1 : 0) + (in != below ? 1 : 0)
                        + (in && x == box.x0() ? 1 : 0) + (in && y == box.y0() ? 1 : 0);
            }
        }
        return edges == 0 ? 0 : 8 * area / (Math.PI * edges);
    }

    /** A thickened copy of part of a picture: pixel (x, y) of it is input pixel (x0 + x * step, y0 + y * step). */
    private record Thick(double[] ink, int width, int height, int x0, int y0, int step) {
    }

    /**
     * The ink in {@code box} (relative to {@code strongest}) with every stroke widened by
     * {@code r} pixels on each side, the way a round pen of radius r retracing it would: each
     * pixel gets the coverage of its distance to the nearest pixel of the stroke's core (ink at
     * least half the strongest). Large pictures are first shrunk by taking the darkest pixel of
     * each block, which keeps hairlines.
     */
    private static Thick thicken(double[] ink, int width, int height, Box box, double strongest, double r) {
        int step = 1;
        while ((long) (box.width() / step + 1) * (box.height() / step + 1) > THICKEN_PIXELS) {
            step++;
        }
        r /= step;
        int pad = (int) Math.ceil(r) + 2;
        int bw = (box.width() + step - 1) / step;
        int bh = (box.height() + step - 1) / step;
        int tw = bw + 2 * pad;
        int th = bh + 2 * pad;
        double[] core = new double[tw * th];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                double m = 0;
                for (int sy = box.y0() + y * step; sy < Math.min(box.y1(), box.y0() + (y + 1) * step); sy++) {
                    for (int sx = box.x0() + x * step; sx < Math.min(box.x1(), box.x0() + (x + 1) * step); sx++) {
                        m = Math.max(m, ink[sy * width + sx]);
                    }
                }
                core[(y + pad) * tw + x + pad] = Math.min(1, m / strongest);
            }
        }
        double[] d2 = new double[tw * th];
        for (int i = 0; i < d2.length; i++) {
            d2[i] = core[i] >= 0.5 ? 0 : Double.POSITIVE_INFINITY;
        }
        DistanceTransform.squared(d2, tw, th);
        double[] out = new double[tw * th];
        for (int i = 0; i < out.length; i++) {
            double cover = Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(d2[i])));
            out[i] = Math.max(core[i], cover);
        }
        return new Thick(out, tw, th, box.x0() - pad * step, box.y0() - pad * step, step);
    }

    /** Bounding box of the pixels with ink above {@code threshold}, or null if there are none. */
    public static Box inkBounds(double[] ink, int width, int height, double threshold) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > threshold) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1);
    }

    /**
     * Centre of mass {x, y} in pixel indices (like scipy's center_of_mass); (width / 2, height / 2)
     * if there is no ink. MNIST's digits have theirs at about (14, 14).
     */
    public static double[] centreOfMass(double[] ink, int width, int height) {
        double m = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = ink[y * width + x];
                m += v;
                mx += v * x;
                my += v * y;
            }
        }
        return m == 0 ? new double[] {width / 2.0, height / 2.0} : new double[] {mx / m, my / m};
    }

    /** MNIST's bytes: round(255 * ink), 0 = background. */
    public static byte[] toBytes(double[] ink) {
        byte[] b = new byte[ink.length];
        for (int i = 0; i < ink.length; i++) {
            b[i] = (byte) Math.round(255 * clamp01(ink[i]));
        }
        return b;
    }

    /** The network's input without rounding to bytes: ink - 0.5, i.e. (255 * ink) / 255 - 0.5. */
    public static double[] toScaled(double[] ink) {
        double[] s = new double[ink.length];
        for (int i = 0; i < ink.length; i++) {
            s[i] = clamp01(ink[i]) - 0.5;
        }
        return s;
    }

    /**
     * For each of {@code n} output pixels, the input pixels it covers along one axis and how much:
     * {@code {first, w1, w2, ...}} with {@code first} the first input index. Output pixel t covers
     * input [t / scale, (t + 1) / scale); the weights are the overlaps times scale, so a pixel
     * fully inside the input averages what it covers.
     */
    private static double[][] coverage(int start, int len, int n, double scale) {
        double[][] w = new double[n][];
        for (int t = 0; t < n; t++) {
            double a = t / scale;
            double b = Math.min(len, (t + 1) / scale);
            int first = (int) Math.floor(a);
            int last = Math.min(len - 1, (int) Math.ceil(b) - 1);
            double[] row = new double[Math.max(1, last - first + 1) + 1];
            row[0] = start + first;
            for (int i = first; i <= last; i++) {
                double overlap = Math.min(b, i + 1) - Math.max(a, i);
                row[i - first + 1] = Math.max(0, overlap) * scale;
            }
            w[t] = row;
        }
        return w;
    }

    /** Where a box of {@code size} goes so its centre of mass {@code com} lands on pixel 14, kept inside the field. */
    private static int place(double com, int size) {
        long offset = Math.round(SIZE / 2 - com);
        return (int) Math.max(0, Math.min(SIZE - size, offset));
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
