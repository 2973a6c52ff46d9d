package org.cnnexplorer.app.view;

import javafx.scene.canvas.GraphicsContext;
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

    // Marks are drawn as stacked fills (a white halo, then black, then a white hole for a ring):
    // fills are much cheaper than strokes to rasterize, and a map can carry hundreds of marks.

    static void dot(GraphicsContext gc, double px, double py, double r) {
        disc(gc, Color.WHITE, px, py, r + 1);
        disc(gc, Color.BLACK, px, py, r);
    }

    static void ring(GraphicsContext gc, double px, double py, double r) {
        disc(gc, Color.WHITE, px, py, r + 1);
        disc(gc, Color.BLACK, px, py, r);
        disc(gc, Color.WHITE, px, py, r * 0.45);
    }

    private static void disc(GraphicsContext gc, Color c, double px, double py, double r) {
        gc.setFill(c);
        gc.fillOval(px - r, py - r, 2 * r, 2 * r);
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
