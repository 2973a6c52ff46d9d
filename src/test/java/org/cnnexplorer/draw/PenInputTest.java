package org.cnnexplorer.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pen events to strokes, including the fast strokes a window system delivers without their moves. */
class PenInputTest {
    private final Drawing drawing = new Drawing(280, 280, 12);
    private final PenInput pen = new PenInput(drawing);

    @Test
    void aBurstThatArrivesAsPressAndReleaseIsTheWholeLine() {
        // A 230-px line drawn as one quick burst: GTK delivered the press and the release only.
        pen.press(25, 80);
        pen.release(255, 80);
        List<double[]> points = drawing.strokePoints().get(0);
        assertEquals(2, points.size());
        assertArrayEquals(new double[] {255, 80}, points.get(1));
        for (int x = 25; x <= 255; x += 10) {
            assertEquals(1.0, drawing.raster().at(x, 80), 0.0, "ink at x = " + x);
        }
    }

    @Test
    void theReleasePointClosesAFastZero() {
        pen.press(140, 40);
        pen.move(200, 140);
        pen.move(140, 240);
        pen.move(80, 140);
        pen.release(138, 44);
        // The closing segment runs from (80, 140) to (138, 44); its middle is near (109, 92).
        assertEquals(1.0, drawing.raster().at(109, 92), 0.0, "the closing segment is inked");
        assertEquals(5, drawing.strokePoints().get(0).size());
        assertFalse(pen.isDown());
    }

    @Test
    void aTapIsOneDotAndMovesAfterReleaseDrawNothing() {
        pen.press(100, 100);
        pen.release(100, 100);
        assertEquals(1, drawing.strokePoints().get(0).size(), "releasing where the pen went down adds no point");
        assertNull(pen.move(200, 200));
        assertNull(pen.release(200, 200));
        assertEquals(0.0, drawing.raster().at(150, 150), 0.0);
        assertEquals(1, drawing.strokeCount());
        assertTrue(drawing.raster().at(100, 100) > 0);
    }

    @Test
    void undoDuringAStrokeEndsIt() {
        pen.press(20, 20);
        pen.move(60, 20);
        assertTrue(drawing.undo());
        assertNull(pen.move(100, 20), "the undone stroke is not continued");
        assertNull(pen.release(120, 20));
        assertTrue(drawing.raster().isBlank());
    }
}
