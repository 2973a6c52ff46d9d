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

    /** Polylines of the ten digits on a 280x280 paper, one array per stroke. */
    static final double[][][] DIGITS = {
        {{140, 40, 90, 70, 70, 140, 90, 215, 140, 245, 190, 215, 210, 140, 190, 70, 140, 40}},
        {{150, 40, 150, 245}},
        {{70, 80, 110, 45, 170, 45, 205, 85, 190, 130, 70, 245, 215, 245}},
        {{70, 50, 200, 50, 130, 125, 190, 150, 200, 200, 150, 245, 70, 230}},
        {{100, 40, 60, 170, 215, 170}, {170, 80, 170, 250}},
        {{200, 45, 90, 45, 80, 130, 150, 115, 200, 150, 195, 210, 140, 245, 70, 230}},
        {{180, 40, 110, 90, 80, 170, 100, 235, 160, 240, 195, 195, 170, 145, 110, 150, 85, 190}},
        {{60, 60, 215, 60, 125, 245}},
        {{140, 140, 90, 105, 100, 55, 140, 40, 180, 55, 190, 105, 140, 140, 85, 185, 100, 235, 140, 248, 180, 235, 195, 185, 140, 140}},
        {{195, 90, 160, 45, 110, 50, 90, 95, 120, 130, 180, 120, 195, 90, 185, 170, 160, 245}},
    };

    @Test
    void aSmallDigitIsReadAsIfDrawnWithAFinerPen() throws Exception {
        // The ten digits drawn about 30 pixels tall with the canvas's 24-pixel pen: the pen is most
        // of each. Read as drawn, 4 of them came out wrong (5, 6 and 8 as 0, 3 as 2).
        org.cnnexplorer.nn.Network net = org.cnnexplorer.io.PretrainedModel.load();
        for (int digit = 0; digit < 10; digit++) {
            Drawing d = new Drawing(280, 280, 12);
            for (double[] s : DIGITS[digit]) {
                d.begin(100 + 0.15 * s[0], 100 + 0.15 * s[1]);
                for (int k = 2; k < s.length; k += 2) {
                    d.extend(100 + 0.15 * s[k], 100 + 0.15 * s[k + 1]);
                }
                d.end();
            }
            double[] ink = d.inkForNetwork(org.cnnexplorer.data.DigitPreprocessor.BOX, 3.5, 2.5);
            double[] x = org.cnnexplorer.data.DigitPreprocessor.toMnist(ink, 280, 280);
            assertEquals(digit, org.cnnexplorer.nn.Network.argmax(net.forward(org.cnnexplorer.data.DigitPreprocessor.toBytes(x), 0)));
        }

        // A digit drawn most of the paper's height is read as drawn.
        Drawing big = new Drawing(280, 280, 12);
        big.begin(60, 60);
        big.extend(215, 60);
        big.extend(125, 245);
        big.end();
        assertTrue(big.inkForNetwork(20, 3.5, 2.5) == big.raster().ink());
    }
}
