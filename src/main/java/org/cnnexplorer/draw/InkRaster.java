package org.cnnexplorer.draw;

import java.util.Arrays;

/**
 * A greyscale picture of pen strokes: ink coverage from 0 (paper) to 1 (full ink) per pixel,
 * row-major. Strokes are round-capped lines; each pixel's coverage is the antialiased distance
 * from its centre to the line (1 inside the radius, fading to 0 over one pixel at the edge), and
 * overlapping strokes take the larger coverage, the way a felt pen does not get darker when it
 * crosses its own line.
 */
public final class InkRaster {
    public final int width;
    public final int height;
    private final double[] ink;

    public InkRaster(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive");
        }
        this.width = width;
        this.height = height;
        this.ink = new double[width * height];
    }

    public void clear() {
        Arrays.fill(ink, 0.0);
    }

    /** Live coverage values (row-major); do not modify. */
    public double[] ink() {
        return ink;
    }

    public double at(int x, int y) {
        return ink[y * width + x];
    }

    /** A copy of the coverage values. */
    public double[] copy() {
        return ink.clone();
    }

    public boolean isBlank() {
        for (double v : ink) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Inks a round-capped line from (x0, y0) to (x1, y1) of the given radius (coordinates in
     * pixels, pixel (i, j)'s centre at (i + 0.5, j + 0.5)). Returns the touched rectangle as
     * {minX, minY, maxX, maxY} (inclusive), or null if it is off the raster.
     */
    public int[] line(double x0, double y0, double x1, double y1, double radius) {
        double reach = radius + 1;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int maxX = Math.min(width - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int maxY = Math.min(height - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        if (minX > maxX || minY > maxY) {
            return null;
        }
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++) {
            double py = y + 0.5;
            for (int x = minX; x <= maxX; x++) {
                double px = x + 0.5;
                // Distance from the pixel centre to the nearest point of the segment.
                double t = len2 == 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
                t = Math.max(0, Math.min(1, t));
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                double d = Math.sqrt(ex * ex + ey * ey);
                double cover = Math.min(1, radius + 0.5 - d);
                int i = y * width + x;
                if (cover > ink[i]) {
                    ink[i] = cover;
                }
            }
        }
        return new int[] {minX, minY, maxX, maxY};
    }

    /** A single round dot (a tap of the pen). */
    public int[] dot(double x, double y, double radius) {
        return line(x, y, x, y, radius);
    }
}
