package org.cnnexplorer.draw;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A digit drawn with a round pen: the strokes, their raster, and an undo history in which both a
 * stroke and "clear" can be undone. Coordinates are the raster's pixels. Not thread-safe (the FX
 * thread draws).
 */
public final class Drawing {
    /** A polyline of (x, y) points, in drawing order. */
    public record Stroke(List<double[]> points) {
    }

    private final InkRaster raster;
    private final double radius;
    private final List<Stroke> strokes = new ArrayList<>();
    /** Undo history: a Stroke that was added, or the list of strokes a "clear" removed. */
    private final Deque<Object> history = new ArrayDeque<>();
    private List<double[]> current;
    private long version;

    /** @param radius the pen's radius in raster pixels */
    public Drawing(int width, int height, double radius) {
        this.raster = new InkRaster(width, height);
        this.radius = radius;
    }

    public InkRaster raster() {
        return raster;
    }

    public double radius() {
        return radius;
    }

    /** Grows with every change, so viewers can tell whether to recompute. */
    public long version() {
        return version;
    }

    public int strokeCount() {
        return strokes.size();
    }

    public boolean isEmpty() {
        return strokes.isEmpty();
    }

    public boolean canUndo() {
        return !history.isEmpty();
    }

    /** Pen down: starts a stroke with a dot. Returns the touched rectangle (see {@link InkRaster#line}). */
    public int[] begin(double x, double y) {
        current = new ArrayList<>();
        current.add(new double[] {x, y});
        Stroke s = new Stroke(current);
        strokes.add(s);
        history.push(s);
        version++;
        return raster.dot(x, y, radius);
    }

    /** Pen moved: extends the current stroke (ignored when the pen is up). */
    public int[] extend(double x, double y) {
        if (current == null) {
            return null;
        }
        double[] last = current.get(current.size() - 1);
        current.add(new double[] {x, y});
        version++;
        return raster.line(last[0], last[1], x, y, radius);
    }

    /**
     * Extends the current stroke to (x, y) unless that is where it already is; returns the touched
     * rectangle, or null when nothing was drawn.
     */
    public int[] extendTo(double x, double y) {
        if (current == null) {
            return null;
        }
        double[] last = current.get(current.size() - 1);
        if (last[0] == x && last[1] == y) {
            return null;
        }
        return extend(x, y);
    }

    /** The points of each stroke, copied (for tests and replay). */
    public List<List<double[]>> strokePoints() {
        List<List<double[]>> out = new ArrayList<>();
        for (Stroke s : strokes) {
            List<double[]> p = new ArrayList<>();
            for (double[] q : s.points()) {
                p.add(q.clone());
            }
            out.add(p);
        }
        return out;
    }

    /** Pen up. */
    public void end() {
        current = null;
    }

    /** Removes everything (undoable). Returns false when there was nothing to clear. */
    public boolean clear() {
        end();
        if (strokes.isEmpty()) {
            return false;
        }
        history.push(new ArrayList<>(strokes));
        strokes.clear();
        raster.clear();
        version++;
        return true;
    }

    /** Takes back the last stroke or the last clear. Returns false when there is nothing to undo. */
    @SuppressWarnings("unchecked")
    public boolean undo() {
        end();
        if (history.isEmpty()) {
            return false;
        }
        Object last = history.pop();
        if (last instanceof Stroke s) {
            strokes.remove(s);
        } else {
            strokes.addAll((List<Stroke>) last);
        }
        redraw();
        version++;
        return true;
    }

    /**
     * The ink the network should read. A digit drawn small with a wide pen is mostly pen: scaled to
     * MNIST's 20-pixel box its strokes would come out far thicker than MNIST's (a 30-pixel 7 drawn
     * with a 24-pixel pen becomes a blob read as 8). When the strokes would come out wider than
     * {@code maxWidth} pixels, the strokes are drawn again with a pen that makes them
     * {@code width} pixels wide; otherwise this is the raster itself.
     *
     * @param box the longer side of the scaled box (MNIST: 20)
     */
    public double[] inkForNetwork(int box, double maxWidth, double width) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Stroke s : strokes) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (strokes.isEmpty()) {
            return raster.ink();
        }
        // The ink's box is the pen's path grown by the pen on each side.
        double path = Math.max(maxX - minX, maxY - minY);
        double out = 2 * radius * box / (path + 2 * radius);
        if (out <= maxWidth) {
            return raster.ink();
        }
        // Solve 2r * box / (path + 2r) = width for r.
        double r = width * path / (2 * (box - width));
        InkRaster thin = new InkRaster(raster.width, raster.height);
        paint(thin, Math.max(0.5, r));
        return thin.ink();
    }

    private void redraw() {
        paint(raster, radius);
    }

    private void paint(InkRaster raster, double radius) {
        raster.clear();
        for (Stroke s : strokes) {
            List<double[]> p = s.points();
            raster.dot(p.get(0)[0], p.get(0)[1], radius);
            for (int i = 1; i < p.size(); i++) {
                raster.line(p.get(i - 1)[0], p.get(i - 1)[1], p.get(i)[0], p.get(i)[1], radius);
            }
        }
    }
}
