package org.cnnexplorer.draw;

/**
 * Turns pen (mouse) events into strokes of a {@link Drawing}. Kept apart from JavaFX so it can be
 * tested without a window: the window system may merge or drop the moves of a fast stroke (a quick
 * burst can arrive as a press and a release with no move between), so the release position is
 * always part of the stroke.
 */
public final class PenInput {
    private final Drawing drawing;
    private boolean down;

    public PenInput(Drawing drawing) {
        this.drawing = drawing;
    }

    /** Primary button pressed at (x, y): a new stroke. Returns the touched rectangle. */
    public int[] press(double x, double y) {
        down = true;
        return drawing.begin(x, y);
    }

    /** The pen moved with the button held; null (nothing drawn) when no stroke is under way. */
    public int[] move(double x, double y) {
        return down ? drawing.extend(x, y) : null;
    }

    /** Primary button released at (x, y): the stroke reaches (x, y) and ends. */
    public int[] release(double x, double y) {
        if (!down) {
            return null;
        }
        down = false;
        int[] rect = drawing.extendTo(x, y);
        drawing.end();
        return rect;
    }

    /** Whether a stroke is under way. */
    public boolean isDown() {
        return down;
    }

    /** Forgets a stroke under way (after undo or clear while the button is held). */
    public void cancel() {
        down = false;
        drawing.end();
    }
}
