package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    @Test
    void holdOutTakesASeededFifthOfEachDigit() throws DataException {
        Dataset all = BundledMnist.test().head(1000);
        MnistFiles.Split a = Datasets.holdOut(all, 0.2, 1, "x");
        MnistFiles.Split b = Datasets.holdOut(all, 0.2, 1, "x");
        MnistFiles.Split c = Datasets.holdOut(all, 0.2, 2, "x");
        assertArrayEquals(a.test().pixels(), b.test().pixels(), "same seed, same split");
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertFalse(java.util.Arrays.equals(a.test().pixels(), c.test().pixels()), "another seed, another split");
        assertEquals(1000, a.train().count() + a.test().count());
        int[] perDigit = new int[10];
        int[] heldPerDigit = new int[10];
        for (int i = 0; i < all.count(); i++) {
            perDigit[all.label(i)]++;
        }
        for (int i = 0; i < a.test().count(); i++) {
            heldPerDigit[a.test().label(i)]++;
        }
        for (int d = 0; d < 10; d++) {
            assertEquals(Math.round(0.2 * perDigit[d]), heldPerDigit[d], "digit " + d);
        }
        // Every image lands in exactly one part.
        Set<String> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {a.train(), a.test()}) {
            for (int i = 0; i < part.count(); i++) {
                seen.add(java.util.Arrays.toString(part.image(i)) + part.label(i));
            }
        }
        Set<String> everything = new HashSet<>();
        for (int i = 0; i < all.count(); i++) {
            everything.add(java.util.Arrays.toString(all.image(i)) + all.label(i));
        }
        assertEquals(everything, seen);
    }

    @Test
    void tinySetsStillHoldOutOne() throws DataException {
        Dataset two = BundledMnist.test().head(2);
        MnistFiles.Split s = Datasets.holdOut(two, 0.2, 1, "two");
        assertEquals(1, s.train().count());
        assertEquals(1, s.test().count());
        DataException e = assertThrows(DataException.class, () -> Datasets.holdOut(two.head(1), 0.2, 1, "one"));
        assertEquals("one has 1 usable image; holding out a test set needs at least 2", e.getMessage());
    }

    @Test
    void concatSelectAndSpread() {
        Dataset t = BundledMnist.test();
        Dataset ab = Datasets.concat("ab", t.head(3), Datasets.select("s", t, new int[] {9, 4}));
        assertEquals(5, ab.count());
        assertArrayEquals(t.image(2), ab.image(2));
        assertArrayEquals(t.image(9), ab.image(3));
        assertEquals(t.label(4), ab.label(4));
        Dataset sp = Datasets.spread(t, 4);
        assertArrayEquals(t.image(7500), sp.image(3));
        assertTrue(Datasets.spread(t, -1) == t);
    }

    @Test
    void myDigitsRoundTripThroughIdxFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(0, MyDigitsFiles.load(dir).count(), "a new folder is an empty set");
        Dataset d = Datasets.select("mine", BundledMnist.test(), new int[] {5, 0, 77});
        MyDigitsFiles.save(dir, d);
        Dataset back = MyDigitsFiles.load(dir);
        assertArrayEquals(d.pixels(), back.pixels());
        assertArrayEquals(d.labels(), back.labels());
        // The files are MNIST's format: the ordinary IDX reader takes them.
        try (var in = java.nio.file.Files.newInputStream(dir.resolve(MyDigitsFiles.IMAGES))) {
            assertEquals(3, Idx.readImages(in, "x").count());
        }
        java.nio.file.Files.delete(dir.resolve(MyDigitsFiles.LABELS));
        DataException e = assertThrows(DataException.class, () -> MyDigitsFiles.load(dir));
        assertTrue(e.getMessage().endsWith("has my-digits-images-idx3-ubyte but not my-digits-labels-idx1-ubyte; a My digits folder needs both"), e.getMessage());
    }
}
