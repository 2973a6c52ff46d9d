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

    private void redraw() {
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
