package org.cnnexplorer.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a picture of a digit (PNG, or anything else javax.imageio reads) as ink: 0 = background,
 * 1 = full ink, whatever the colours. The background is what the border mostly is: a light border
 * means dark ink on light paper, a dark one light ink on dark; a transparent border means the
 * opaque strokes are the ink. Contrast is stretched so the strongest ink is 1, and noise (as much
 * as the border itself varies) becomes 0, so a clean picture keeps its grey levels exactly.
 */
public final class ImageInk {
    /** 50 megapixels: far more than a digit needs, and a bound on memory. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** Below this much contrast between ink and background, the picture counts as blank. */
    public static final double MIN_CONTRAST = 0.15;

    private ImageInk() {
    }

    /** Ink values, row-major; {@code blank} when nothing stands out from the background. */
    public record Ink(int width, int height, double[] values, boolean lightOnDark, boolean blank) {
    }

    /** Thrown with a message for the user. */
    public static final class ImageException extends Exception {
        public ImageException(String message) {
            super(message);
        }
    }

    public static Ink read(Path file) throws ImageException {
        if (!Files.isRegularFile(file)) {
            // A pipe, a device or a link to one exists but is no picture (and reading it could block or never end).
            throw new ImageException(Files.isDirectory(file) ? file + " is a folder, not an image"
                    : Files.exists(file) ? file + " is not a regular file (a pipe or device)" : file + " does not exist");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageException(file + " is not an image this program can read (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ImageException(file + " is too large (" + reader.getWidth(0) + "x" + reader.getHeight(0) + "); scale it down first");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports broken files with IIOException and sometimes with runtime exceptions.
            throw new ImageException("cannot read " + file + ": it is damaged or not a supported image"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage().replace('\n', ' ') + ")"));
        }
        return fromImage(img);
    }

    public static Ink fromImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] lum = new double[w * h];
        double[] alpha = new double[w * h];
        channels(img, lum, alpha);

        // The signal: opacity on a transparent background, else brightness over white paper.
        double[] raw;
        boolean lightOnDark = false;
        double sign = 1;
        if (img.getColorModel().hasAlpha() && median(border(alpha, w, h)) < 0.5) {
            raw = alpha;
        } else {
            raw = lum;
            for (int i = 0; i < lum.length; i++) {
                lum[i] = alpha[i] * lum[i] + (1 - alpha[i]);
            }
            lightOnDark = median(border(lum, w, h)) < 0.5;
            sign = lightOnDark ? 1 : -1;
        }
        double[] rim = border(raw, w, h);
        double background = median(rim);
        for (int i = 0; i < rim.length; i++) {
            rim[i] = Math.abs(rim[i] - background);
        }
        // Robust noise level of the background (1.4826 * MAD estimates a standard deviation even
        // if some strokes touch the border); within 5 of those of the background is not ink.
        double noise = 1.4826 * median(rim);

        double[] ink = new double[w * h];
        double strongest = 0;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, sign * (raw[i] - background));
            strongest = Math.max(strongest, ink[i]);
        }
        if (strongest < MIN_CONTRAST) {
            return new Ink(w, h, new double[w * h], lightOnDark, true);
        }
        double floor = Math.min(5 * noise, 0.3 * strongest);
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, Math.min(1, (ink[i] - floor) / (strongest - floor)));
        }
        return new Ink(w, h, ink, lightOnDark, false);
    }

    /**
     * Brightness (0 black, 1 white) and opacity of every pixel. Grey images are read from their
     * samples: getRGB would treat the grey as linear light and brighten mid-greys.
     */
    private static void channels(BufferedImage img, double[] lum, double[] alpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        boolean grey = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && (bands == 1 || bands == 2) && img.getColorModel().getNumComponents() == bands;
        if (grey) {
            double max = (1 << r.getSampleModel().getSampleSize(0)) - 1;
            double maxA = bands == 2 ? (1 << r.getSampleModel().getSampleSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    lum[y * w + x] = r.getSample(x, y, 0) / max;
                    alpha[y * w + x] = bands == 2 ? r.getSample(x, y, 1) / maxA : 1;
                }
            }
            return;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                lum[y * w + x] = (0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff)) / 255;
                alpha[y * w + x] = (p >>> 24) / 255.0;
            }
        }
    }

    /** The outermost ring of pixels. */
    private static double[] border(double[] v, int w, int h) {
        if (w <= 2 || h <= 2) {
            return v.clone();
        }
        double[] b = new double[2 * w + 2 * (h - 2)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            b[n++] = v[x];
            b[n++] = v[(h - 1) * w + x];
        }
        for (int y = 1; y < h - 1; y++) {
            b[n++] = v[y * w];
            b[n++] = v[y * w + w - 1];
        }
        return b;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
