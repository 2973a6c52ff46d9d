package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** The default limits with every image changed. */
    static final Augmentation.Limits ALL = new Augmentation.Limits(Augmentation.MAX_DEGREES, Augmentation.MAX_SHIFT,
            Augmentation.MAX_THICKEN, Augmentation.MAX_THIN, 1);
    @Test
    void theSameSeedEpochAndImageGiveTheSameBytes() {
        Dataset t = BundledMnist.test();
        Augmentation a = new Augmentation(1, ALL);
        Augmentation b = new Augmentation(1, ALL);
        Augmentation c = new Augmentation(2, ALL);
        byte[] x = a.apply(t, 3, 1, new byte[784]);
        assertArrayEquals(x, b.apply(t, 3, 1, new byte[784]));
        assertFalse(java.util.Arrays.equals(x, a.apply(t, 3, 2, new byte[784])), "another epoch, another change");
        assertFalse(java.util.Arrays.equals(x, c.apply(t, 3, 1, new byte[784])), "another seed, another change");
        assertFalse(java.util.Arrays.equals(x, t.image(3)), "the image is changed");
        // No state carries between calls: the order of the calls does not matter.
        a.apply(t, 99, 5, new byte[784]);
        assertArrayEquals(x, a.apply(t, 3, 1, new byte[784]));
    }

    @Test
    void changesStayWithinTheirBoundsAndCoverThem() {
        Augmentation a = new Augmentation(7, ALL);
        double maxDeg = 0;
        double maxShift = 0;
        int thicker = 0;
        int thinner = 0;
        for (int i = 0; i < 2000; i++) {
            Augmentation.Change c = a.change(1, i);
            assertTrue(Math.abs(c.degrees()) <= Augmentation.MAX_DEGREES);
            assertTrue(Math.abs(c.dx()) <= Augmentation.MAX_SHIFT && Math.abs(c.dy()) <= Augmentation.MAX_SHIFT);
            assertTrue(c.stroke() >= -Augmentation.MAX_THIN && c.stroke() <= Augmentation.MAX_THICKEN);
            maxDeg = Math.max(maxDeg, Math.abs(c.degrees()));
            maxShift = Math.max(maxShift, Math.abs(c.dx()));
            thicker += c.stroke() > 0 ? 1 : 0;
            thinner += c.stroke() < 0 ? 1 : 0;
        }
        assertTrue(maxDeg > 0.95 * Augmentation.MAX_DEGREES && maxShift > 0.95 * Augmentation.MAX_SHIFT, "the whole range is used");
        assertTrue(thicker > 800 && thinner > 800, thicker + " thicker, " + thinner + " thinner");
    }

    @Test
    void digitsChangeOnlySlightly() {
        Dataset t = BundledMnist.test();
        Augmentation a = new Augmentation(3, ALL);
        byte[] out = new byte[784];
        double worstMass = 0;
        double meanMass = 0;
        for (int i = 0; i < 500; i++) {
            a.apply(t, i, 1, out);
            double before = mass(t.image(i));
            double after = mass(out);
            worstMass = Math.max(worstMass, Math.abs(after / before - 1));
            meanMass += Math.abs(after / before - 1) / 500;
            // The ink's centre moves by about the shift, no more.
            double[] c0 = DigitPreprocessor.centreOfMass(ink(t.image(i)), 28, 28);
            double[] c1 = DigitPreprocessor.centreOfMass(ink(out), 28, 28);
            assertTrue(Math.hypot(c1[0] - c0[0], c1[1] - c0[1]) < Augmentation.MAX_SHIFT * Math.sqrt(2) + 1.5, "image " + i);
        }
        // Stroke width changes ink mass: by a fifth on average, never by half.
        assertTrue(worstMass < 0.5, "ink mass changed by up to " + worstMass);
        assertTrue(meanMass < 0.2 && meanMass > 0.03, "ink mass changed by " + meanMass + " on average");
    }

    @Test
    void aShareOfTheImagesIsLeftAsItIs() {
        Dataset t = BundledMnist.test();
        Augmentation half = new Augmentation(4, new Augmentation.Limits(10, 1, 0.3, 0.2, 0.5));
        int unchanged = 0;
        for (int i = 0; i < 1000; i++) {
            if (half.change(1, i) == Augmentation.NONE) {
                unchanged++;
                assertArrayEquals(t.image(i), half.apply(t, i, 1, new byte[784]));
            }
        }
        assertTrue(unchanged > 450 && unchanged < 550, unchanged + " of 1000 unchanged");
        assertTrue(java.util.stream.IntStream.range(0, 100).noneMatch(i -> new Augmentation(4).change(1, i) == Augmentation.NONE) == (Augmentation.SHARE == 1));
    }

    @Test
    void noChangeLeavesTheImageAsItIs() {
        Dataset t = BundledMnist.test();
        byte[] out = Augmentation.apply(t.pixels(), t.offset(0), 28, 28, new Augmentation.Change(0, 0, 0, 0), new byte[784]);
        assertArrayEquals(t.image(0), out);
        // A whole-pixel shift moves the ink exactly.
        out = Augmentation.apply(t.pixels(), t.offset(0), 28, 28, new Augmentation.Change(0, 1, 2, 0), new byte[784]);
        for (int y = 2; y < 28; y++) {
            for (int x = 1; x < 28; x++) {
                assertEquals(t.pixels()[t.offset(0) + (y - 2) * 28 + x - 1], out[y * 28 + x]);
            }
        }
    }

    private static double mass(byte[] img) {
        double s = 0;
        for (byte b : img) {
            s += b & 0xff;
        }
        return s;
    }

    private static double[] ink(byte[] img) {
        double[] v = new double[img.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (img[i] & 0xff) / 255.0;
        }
        return v;
    }
}
