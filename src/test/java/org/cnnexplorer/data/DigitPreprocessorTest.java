package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DigitPreprocessorTest {
    static Dataset test;

    @BeforeAll
    static void load() throws DataException {
        test = MnistFiles.loadBundled().test().head(200);
    }

    static double[] ink(Dataset d, int i) {
        byte[] b = d.image(i);
        double[] ink = new double[b.length];
        for (int k = 0; k < b.length; k++) {
            ink[k] = (b[k] & 0xff) / 255.0;
        }
        return ink;
    }

    static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** An image with a filled rectangle of the given ink. */
    static double[] rect(int w, int h, int x0, int y0, int x1, int y1, double value) {
        double[] img = new double[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                img[y * w + x] = value;
            }
        }
        return img;
    }

    @Test
    void mnistDigitsComeBackAlmostUnchanged() {
        int close = 0;
        for (int i = 0; i < test.count(); i++) {
            double[] in = ink(test, i);
            double c = correlation(in, DigitPreprocessor.toMnist(in, 28, 28));
            if (i < 5) {
                assertTrue(c > 0.99, "image " + i + ": correlation " + c);
            }
            if (c > 0.9) {
                close++;
            }
        }
        // A few thin strokes move by one pixel when their centre of mass is half-way between two.
        assertTrue(close >= test.count() * 95 / 100, close + " of " + test.count());
    }

    @Test
    void aBigCopyIsAveragedBackToTheSameDigit() {
        // Each MNIST pixel blown up to a 10x10 block: averaging 10x10 blocks gives the pixels back.
        // Digits with strokes thinner than MIN_WIDTH are thickened first, at each size's own
        // resolution, so those come back nearly the same rather than exactly.
        int exact = 0;
        int thickened = 0;
        for (int i = 0; i < 10; i++) {
            double[] small = ink(test, i);
            double[] big = new double[280 * 280];
            for (int y = 0; y < 280; y++) {
                for (int x = 0; x < 280; x++) {
                    big[y * 280 + x] = small[(y / 10) * 28 + x / 10];
                }
            }
            double[] a = DigitPreprocessor.toMnist(small, 28, 28);
            double[] b = DigitPreprocessor.toMnist(big, 280, 280);
            if (widthOut(small, 28) >= DigitPreprocessor.MIN_WIDTH) {
                assertArrayEquals(a, b, 1e-12, "image " + i);
                exact++;
            } else {
                assertTrue(correlation(a, b) > 0.97, "image " + i + ": correlation " + correlation(a, b));
                thickened++;
            }
        }
        assertTrue(exact >= 5 && thickened >= 1, exact + " exact, " + thickened + " thickened");
    }

    /** The stroke width a picture's digit would have at 28x28 without thickening. */
    static double widthOut(double[] ink, int size) {
        DigitPreprocessor.Box box = DigitPreprocessor.inkBounds(ink, size, size, DigitPreprocessor.NOISE);
        return DigitPreprocessor.strokeWidth(ink, size, box, 1.0) * DigitPreprocessor.BOX / Math.max(box.width(), box.height());
    }

    /** A polyline drawn with a round pen of the given radius and ink on a 280x280 picture. */
    static double[] drawn(double radius, double ink, double[]... strokes) {
        org.cnnexplorer.draw.Drawing d = new org.cnnexplorer.draw.Drawing(280, 280, radius);
        for (double[] s : strokes) {
            d.begin(s[0], s[1]);
            for (int k = 2; k < s.length; k += 2) {
                d.extend(s[k], s[k + 1]);
            }
            d.end();
        }
        double[] img = d.raster().copy();
        for (int i = 0; i < img.length; i++) {
            img[i] *= ink;
        }
        return img;
    }

    static final double[] SEVEN = {60, 60, 215, 60, 125, 245};
    static final double[][] FOUR = {{100, 40, 60, 170, 215, 170}, {170, 80, 170, 250}};

    @Test
    void hairlineDigitsComeOutWithMnistStrokesAndAreReadRight() throws Exception {
        org.cnnexplorer.nn.Network net = org.cnnexplorer.io.PretrainedModel.load();
        // A 1-pixel 7 and 4 on 280x280 pictures (issue 7: both were read as 1, at 96% and 98%).
        double[][] sevens = {drawn(0.5, 1, SEVEN), drawn(0.5, 0.3, SEVEN)};
        for (double[] seven : sevens) {
            assertEquals(7, predict(net, seven));
        }
        assertEquals(4, predict(net, drawn(0.5, 1, FOUR)));
        for (double[] img : new double[][] {sevens[0], sevens[1], drawn(0.5, 1, FOUR), drawn(1.5, 1, SEVEN)}) {
            double[] out = DigitPreprocessor.toMnist(img, 280, 280);
            double w = widthOut(out, 28);
            assertTrue(w >= 1.8 && w <= 3.2, "stroke width at 28x28: " + w);
            double max = 0;
            for (double v : out) {
                max = Math.max(max, v);
            }
            assertEquals(1.0, max, 1e-9, "a faint stroke comes out as full ink");
        }
    }

    @Test
    void theCanvasPensStrokesAreLeftAsTheyAre() {
        // The canvas's 24-pixel pen on a digit most of the paper's height is MNIST-like already.
        double[] seven = drawn(12, 1, SEVEN);
        DigitPreprocessor.Prepared p = DigitPreprocessor.prepare(seven, 280, 280);
        assertEquals(DigitPreprocessor.inkBounds(seven, 280, 280, DigitPreprocessor.NOISE), p.crop(), "not thickened: the crop is the ink's box");
        double w = widthOut(p.pixels(), 28);
        assertTrue(w > 2 && w < 3, "stroke width " + w);
    }

    @Test
    void aThickenedHairlineKeepsItsPlaceOnTheCanvas() {
        // The crop (drawn as a dashed box on the canvas) grows by the added width, around the line.
        double[] seven = drawn(0.5, 1, SEVEN);
        DigitPreprocessor.Box ink = DigitPreprocessor.inkBounds(seven, 280, 280, DigitPreprocessor.NOISE);
        DigitPreprocessor.Box crop = DigitPreprocessor.prepare(seven, 280, 280).crop();
        assertTrue(crop.x0() < ink.x0() && crop.y0() < ink.y0() && crop.x1() > ink.x1() && crop.y1() > ink.y1(), crop + " around " + ink);
        assertEquals(ink.x0() - crop.x0(), crop.x1() - ink.x1(), 2, "grown evenly");
        assertTrue(ink.x0() - crop.x0() < 20, "by about the added width: " + crop + " around " + ink);
    }

    static int predict(org.cnnexplorer.nn.Network net, double[] img280) {
        double[] p = net.forward(DigitPreprocessor.toBytes(DigitPreprocessor.toMnist(img280, 280, 280)), 0);
        return org.cnnexplorer.nn.Network.argmax(p);
    }

    @Test
    void longerSideBecomesTwentyAndTheAspectRatioStays() {
        // A 40x10 bar in a 100x60 picture becomes 20x5.
        DigitPreprocessor.Prepared p = DigitPreprocessor.prepare(rect(100, 60, 50, 3, 90, 13, 1.0), 100, 60);
        DigitPreprocessor.Box box = DigitPreprocessor.inkBounds(p.pixels(), 28, 28, 0.0);
        assertEquals(20, box.width());
        assertEquals(5, box.height());
        assertEquals(0.5, p.scale());
        // A small 3x6 mark is enlarged to 10x20.
        box = DigitPreprocessor.inkBounds(DigitPreprocessor.toMnist(rect(50, 50, 2, 40, 5, 46, 1.0), 50, 50), 28, 28, 0.0);
        assertEquals(10, box.width());
        assertEquals(20, box.height());
    }

    @Test
    void greyLevelsAreKeptRelativeToTheStrongestInk() {
        // A uniformly grey block comes out as full ink; a darker core stays darker than its rim.
        double[] out = DigitPreprocessor.toMnist(rect(90, 90, 10, 20, 70, 80, 0.6), 90, 90);
        for (double v : out) {
            assertTrue(v == 0 || Math.abs(v - 1.0) < 1e-12, "value " + v);
        }
        double[] rimmed = rect(90, 90, 10, 20, 70, 80, 0.4);
        for (int y = 35; y < 65; y++) {
            for (int x = 25; x < 55; x++) {
                rimmed[y * 90 + x] = 0.8;
            }
        }
        java.util.Set<Double> levels = new java.util.TreeSet<>();
        for (double v : DigitPreprocessor.toMnist(rimmed, 90, 90)) {
            levels.add(Math.round(v * 1e9) / 1e9);
        }
        assertTrue(levels.contains(0.5) && levels.contains(1.0), "levels " + levels);
        // A partly covered last column: a 30x45 box scaled by 4/9 is 13.33 wide, its 14th column a third full.
        double[] third = DigitPreprocessor.toMnist(rect(60, 60, 0, 0, 30, 45, 1.0), 60, 60);
        DigitPreprocessor.Box box = DigitPreprocessor.inkBounds(third, 28, 28, 0.0);
        assertEquals(14, box.width());
        assertEquals(1.0 / 3, third[(box.y0() + 5) * 28 + box.x1() - 1], 1e-9);
        assertEquals(1.0, third[(box.y0() + 5) * 28 + box.x0()], 1e-12);
    }

    @Test
    void centreOfMassLandsOnPixelFourteen() {
        // An off-centre shape, heavier at the bottom, in a 200x150 picture.
        double[] img = rect(200, 150, 120, 30, 170, 130, 0.4);
        for (int y = 90; y < 130; y++) {
            for (int x = 120; x < 170; x++) {
                img[y * 200 + x] = 1.0;
            }
        }
        double[] out = DigitPreprocessor.toMnist(img, 200, 150);
        double[] com = DigitPreprocessor.centreOfMass(out, 28, 28);
        assertEquals(14, com[0], 0.5);
        assertEquals(14, com[1], 0.5);
        for (double v : out) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void aLopsidedDigitIsKeptInsideTheField() {
        // All mass in the left column of a 20-wide box: centring would push it off the right edge.
        double[] img = rect(40, 40, 5, 5, 25, 25, 0.0);
        for (int y = 5; y < 25; y++) {
            img[y * 40 + 5] = 1.0;
        }
        img[5 * 40 + 24] = 0.2;
        double sumIn = 0;
        for (double v : img) {
            sumIn += v;
        }
        DigitPreprocessor.Prepared p = DigitPreprocessor.prepare(img, 40, 40);
        assertEquals(8, p.left());
        double sumOut = 0;
        for (double v : p.pixels()) {
            sumOut += v;
        }
        assertEquals(sumIn, sumOut, 1e-9, "nothing fell off");
    }

    @Test
    void noiseDoesNotWidenTheBox() {
        double[] img = rect(100, 100, 40, 20, 60, 80, 1.0);
        img[0] = 0.05;
        img[99 * 100 + 99] = 0.08;
        DigitPreprocessor.Prepared p = DigitPreprocessor.prepare(img, 100, 100);
        assertEquals(new DigitPreprocessor.Box(40, 20, 60, 80), p.crop());
    }

    @Test
    void anEmptyImageGivesZeros() {
        DigitPreprocessor.Prepared p = DigitPreprocessor.prepare(new double[64 * 48], 64, 48);
        assertTrue(p.empty());
        assertArrayEquals(new double[784], p.pixels());
        double[] faint = new double[30 * 30];
        java.util.Arrays.fill(faint, 0.05);
        assertTrue(DigitPreprocessor.prepare(faint, 30, 30).empty());
        assertFalse(DigitPreprocessor.prepare(ink(test, 0), 28, 28).empty());
    }

    @Test
    void bytesAndScaledInputMatchTheNetworksPreprocessing() {
        double[] ink = {0, 1, 0.5, 0.999, 1.5, -0.2, 0.001};
        assertArrayEquals(new byte[] {0, (byte) 255, (byte) 128, (byte) 255, (byte) 255, 0, 0}, DigitPreprocessor.toBytes(ink));
        assertArrayEquals(new double[] {-0.5, 0.5, 0, 0.499, 0.5, -0.5, -0.499}, DigitPreprocessor.toScaled(ink), 1e-12);
        // MNIST bytes survive the trip to ink and back.
        double[] in = ink(test, 3);
        assertArrayEquals(test.image(3), DigitPreprocessor.toBytes(in));
    }
}
