package org.cnnexplorer.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DrawingTest {
    @Test
    void aLineIsAsWideAsThePenWithASoftEdge() {
        InkRaster r = new InkRaster(100, 100);
        r.line(20, 50.25, 80, 50.25, 5);
        assertEquals(1.0, r.at(50, 50), 0.0);
        assertEquals(1.0, r.at(50, 46), 0.0);       // pixel centre 4.75 from the line
        assertEquals(0.75, r.at(50, 45), 1e-12, "antialiased edge");
        assertEquals(0.0, r.at(50, 44), 0.0);
        assertEquals(1.0, r.at(16, 49), 0.0, "round cap reaches past the end point");
        assertEquals(0.0, r.at(10, 49), 0.0);
    }

    @Test
    void undoTakesBackStrokesAndClears() {
        Drawing d = new Drawing(64, 64, 3);
        d.begin(10, 10);
        d.extend(40, 40);
        d.end();
        double[] one = d.raster().copy();
        d.begin(50, 10);
        d.extend(10, 50);
        d.end();
        double[] two = d.raster().copy();
        assertEquals(2, d.strokeCount());

        assertTrue(d.clear());
        assertTrue(d.raster().isBlank());
        assertTrue(d.undo());
        assertArrayEquals(two, d.raster().ink(), 0.0);
        assertTrue(d.undo());
        assertArrayEquals(one, d.raster().ink(), 0.0);
        assertTrue(d.undo());
        assertTrue(d.isEmpty());
        assertTrue(d.raster().isBlank());
        assertFalse(d.undo());
        assertFalse(d.clear());
    }

    @Test
    void aSmallDigitIsReadAsIfDrawnWithAFinerPen() throws Exception {
        // A 7 about 30 pixels tall, drawn with the canvas's 24-pixel pen: the pen is most of it.
        Drawing d = new Drawing(280, 280, 12);
        d.begin(120, 120);
        d.extend(150, 120);
        d.extend(130, 152);
        d.end();
        org.cnnexplorer.nn.Network net = org.cnnexplorer.io.PretrainedModel.load();
        double[] ink = d.inkForNetwork(org.cnnexplorer.data.DigitPreprocessor.BOX, 3.5, 2.5);
        double[] x = org.cnnexplorer.data.DigitPreprocessor.toMnist(ink, 280, 280);
        assertEquals(7, org.cnnexplorer.nn.Network.argmax(net.forward(org.cnnexplorer.data.DigitPreprocessor.toBytes(x), 0)));
        assertTrue(ink != d.raster().ink(), "drawn again, finer");

        // A digit drawn most of the paper's height is read as drawn.
        Drawing big = new Drawing(280, 280, 12);
        big.begin(60, 60);
        big.extend(215, 60);
        big.extend(125, 245);
        big.end();
        assertTrue(big.inkForNetwork(20, 3.5, 2.5) == big.raster().ink());
    }
}
