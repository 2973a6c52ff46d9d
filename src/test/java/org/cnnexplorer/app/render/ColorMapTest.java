package org.cnnexplorer.app.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Colour tables and the pixel painter, without any window. */
class ColorMapTest {
    @Test
    void divergingIsWhiteAtZeroAndBlueRedAtTheEnds() {
        ColorMap m = ColorMap.DIVERGING;
        int zero = m.argbSymmetric(0, 0.3);
        assertTrue(ColorMap.luminance(zero) > 0.9, "zero should be near white");
        int neg = m.argbSymmetric(-0.3, 0.3);
        int pos = m.argbSymmetric(0.3, 0.3);
        assertTrue((neg & 0xff) > ((neg >> 16) & 0xff), "negative end is blue");
        assertTrue(((pos >> 16) & 0xff) > (pos & 0xff), "positive end is red");
        // values beyond the scale clamp to the ends
        assertEquals(neg, m.argbSymmetric(-5, 0.3));
        assertEquals(pos, m.argbSymmetric(5, 0.3));
    }

    @Test
    void divergingLightnessFallsAwayFromZeroOnBothSides() {
        // Readable without hue: |v| alone decides how dark a cell is, on either side.
        ColorMap m = ColorMap.DIVERGING;
        for (double v = 0.1; v <= 1.0; v += 0.1) {
            double l = ColorMap.luminance(m.argbSymmetric(v, 1));
            double lNeg = ColorMap.luminance(m.argbSymmetric(-v, 1));
            double lCloser = ColorMap.luminance(m.argbSymmetric(v - 0.1, 1));
            assertTrue(l <= lCloser + 1e-9, "lightness should not rise away from zero at " + v);
            assertTrue(Math.abs(l - lNeg) < 0.2, "both sides similarly dark at " + v);
        }
    }

    @Test
    void sequentialGetsLighterFromLowToHigh() {
        double prev = -1;
        for (int i = 0; i < ColorMap.SIZE; i += 15) {
            double l = ColorMap.luminance(ColorMap.SEQUENTIAL.argb(i));
            assertTrue(l > prev, "viridis-like map should brighten monotonically");
            prev = l;
        }
    }

    @Test
    void indexClampsAndHandlesDegenerateScales() {
        assertEquals(0, ColorMap.index(-1, 0, 1));
        assertEquals(255, ColorMap.index(2, 0, 1));
        assertEquals(128, ColorMap.index(Double.NaN, 0, 1));
        assertEquals(128, ColorMap.index(3, 1, 1), "an empty scale shows the middle colour");
        assertEquals(255, ColorMap.index(1, 0, 1));
    }

    @Test
    void painterColoursEachValue() {
        double[] v = {9, -1, 0, 1, 0.5};
        int[] out = new int[4];
        HeatmapPainter.paint(v, 1, 2, 2, ColorMap.SEQUENTIAL, -1, 1, out);
        assertEquals(ColorMap.SEQUENTIAL.argb(0), out[0]);
        assertEquals(ColorMap.SEQUENTIAL.argb(128), out[1]);
        assertEquals(ColorMap.SEQUENTIAL.argb(255), out[2]);
        assertEquals(ColorMap.SEQUENTIAL.argb(192), out[3]);
        assertArrayEquals(new double[] {-1, 1}, HeatmapPainter.range(v, 1, 3));
        assertEquals(9, HeatmapPainter.maxAbs(v, 0, 5));
        double[] flat = HeatmapPainter.nonEmpty(-0.5, -0.5);
        assertTrue(flat[0] < -0.5 && flat[1] > -0.5);
    }

    @Test
    void bytesUseTheWholeMap() {
        byte[] px = {0, (byte) 255, (byte) 128};
        int[] out = new int[3];
        HeatmapPainter.paintBytes(px, 0, 3, 1, ColorMap.GREYS, out);
        assertEquals(0xff000000, out[0]);
        assertEquals(0xffffffff, out[1]);
    }
}
