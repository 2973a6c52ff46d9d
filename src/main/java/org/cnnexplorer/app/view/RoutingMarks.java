package org.cnnexplorer.app.view;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.cnnexplorer.train.ImageActivations;

/**
 * Marks drawn over 26x26 (or zoomed) conv-sized maps in the routing view: a filled dot on a
 * block's single max, a ring on each of several tied maxima, and an outline around the zoomed patch.
 * Shapes, not colours, carry the meaning, so they read on any colour map.
 */
final class RoutingMarks {
    private RoutingMarks() {
    }

    /**
     * Marks maxima of filter f in the window of conv positions starting at (row0, col0).
     *
     * @param routedOnly mark only positions that receive gradient (the first of a tie under first-max-only)
     * @param inCorner   small marks in the cells' top-left corners, leaving room for numbers
     */
    static void maxima(GraphicsContext gc, double x0, double y0, double cell, int cols, int rows,
                       ImageActivations a, int f, int row0, int col0, boolean routedOnly, boolean inCorner) {
        double r = inCorner ? Math.max(3, cell * 0.09) : Math.max(2, cell * 0.22);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int cy = row0 + y;
                int cx = col0 + x;
                if (!a.isMax(f, cy, cx) || (routedOnly && !a.receivesGradient(f, cy, cx))) {
                    continue;
                }
                double px = inCorner ? x0 + x * cell + r + 4 : x0 + (x + 0.5) * cell;
                double py = inCorner ? y0 + y * cell + r + 4 : y0 + (y + 0.5) * cell;
                if (a.isTie(f, cy / 2, cx / 2)) {
                    ring(gc, px, py, r);
                } else {
                    dot(gc, px, py, r);
                }
            }
        }
    }

    // A map can carry hundreds of marks, redrawn ten times a second during training. Each is a
    // small picture made once per size (a white halo, a black disc, and for a ring a white hole),
    // copied into place: rasterizing three discs per mark took 40% of the renderer's time on this
    // tab without a graphics card.
    private static final java.util.Map<Long, Image> SPRITES = new java.util.HashMap<>();

    static void dot(GraphicsContext gc, double px, double py, double r) {
        stamp(gc, sprite(false, r), px, py);
    }

    static void ring(GraphicsContext gc, double px, double py, double r) {
        stamp(gc, sprite(true, r), px, py);
    }

    private static void stamp(GraphicsContext gc, Image sprite, double px, double py) {
        double half = sprite.getWidth() / 2;
        // whole pixels, so the picture is copied rather than resampled
        gc.drawImage(sprite, Math.round(px - half), Math.round(py - half));
    }

    /** The mark of radius r centred in a square picture, anti-aliased by each pixel's covered share. */
    static Image sprite(boolean ring, double r) {
        long key = Math.round(r * 8) * 2 + (ring ? 1 : 0);
        Image cached = SPRITES.get(key);
        if (cached != null) {
            return cached;
        }
        int size = 2 * (int) Math.ceil(r + 2);
        int[] argb = new int[size * size];
        double c = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                // premultiplied grey level and alpha, painted over one another like the discs were
                double a = cover(d, r + 1);
                double v = a;                                   // white halo
                double k = cover(d, r);
                v = v * (1 - k);                                // black disc
                a = k + a * (1 - k);
                if (ring) {
                    double h = cover(d, r * 0.45);
                    v = h + v * (1 - h);                        // white hole
                    a = h + a * (1 - h);
                }
                int ai = (int) Math.round(a * 255);
                int vi = (int) Math.round(v * 255);
                argb[y * size + x] = ai << 24 | vi << 16 | vi << 8 | vi;
            }
        }
        WritableImage img = new WritableImage(size, size);
        img.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbPreInstance(), argb, 0, size);
        SPRITES.put(key, img);
        return img;
    }

    /** How much of a pixel at distance d from the centre a disc of radius r covers, 0 to 1. */
    private static double cover(double d, double r) {
        return Math.max(0, Math.min(1, r - d + 0.5));
    }

    /** A black-and-white outline around cells [row0, row0 + n) x [col0, col0 + n). */
    static void outline(GraphicsContext gc, double x0, double y0, double cell, int row0, int col0, int n) {
        double x = x0 + col0 * cell;
        double y = y0 + row0 * cell;
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(4);
        gc.strokeRect(x, y, n * cell, n * cell);
        gc.setStroke(Color.BLACK);
        gc.setLineWidth(2);
        gc.strokeRect(x, y, n * cell, n * cell);
    }
}
