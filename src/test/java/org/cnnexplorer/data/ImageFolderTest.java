package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void goodPicturesOfAnySizeAreReadLikePredictReadsThem() throws Exception {
        Dataset mnist = BundledMnist.test();
        DigitPictures.writeFolder(dir, mnist, 60);
        ImageFolder.Result r = ImageFolder.read(dir);
        assertEquals(60, r.dataset().count());
        assertEquals(List.of(), r.skipped());
        assertEquals(28, r.dataset().rows());
        assertEquals("60 images read, none skipped", r.summary());
        // Class by class, and within a class in name order.
        int[] expected = java.util.stream.IntStream.range(0, 60).map(mnist::label).sorted().toArray();
        for (int i = 0; i < 60; i++) {
            assertEquals(expected[i], r.dataset().label(i));
        }
        // The same bytes as one picture read alone, the way predict and the canvas read it.
        Path first = dir.resolve("7/img00000.png");
        int at = java.util.Arrays.binarySearch(expected, 7);
        while (at > 0 && expected[at - 1] == 7) {
            at--;
        }
        assertArrayEquals(ImageFolder.toMnist(first), r.dataset().image(at));
        // The pictures, enlarged up to 4x, in both polarities, still read as MNIST digits.
        Network net = PretrainedModel.load();
        int right = 0;
        for (int i = 0; i < 60; i++) {
            if (Network.argmax(net.forward(r.dataset().pixels(), r.dataset().offset(i))) == r.dataset().label(i)) {
                right++;
            }
        }
        assertTrue(right >= 50, right + " of 60 right");
    }

    @Test
    void badFilesAreSkippedOneByOneWithTheReason() throws Exception {
        Dataset mnist = BundledMnist.test();
        DigitPictures.write(dir.resolve("3/good.png"), mnist, 18, 2, true);
        Files.writeString(dir.resolve("3/notes.png"), "not a picture at all");
        byte[] png = Files.readAllBytes(DigitPictures.write(dir.resolve("5/whole.png"), mnist, 8, 3, false));
        Files.write(dir.resolve("5/cut.png"), java.util.Arrays.copyOf(png, png.length / 3));
        Files.delete(dir.resolve("5/whole.png"));
        DigitPictures.writeBlank(dir.resolve("5/blank.png"));
        Files.createDirectories(dir.resolve("5/more"));
        Files.writeString(dir.resolve("5/.DS_Store"), "hidden: ignored");
        Files.createDirectories(dir.resolve("cats"));

        ImageFolder.Result r = ImageFolder.read(dir);
        assertEquals(1, r.dataset().count());
        assertEquals(3, r.dataset().label(0));
        Map<String, String> why = r.skipped().stream().collect(Collectors.toMap(ImageFolder.Skipped::file, ImageFolder.Skipped::reason));
        assertEquals(Map.of("cats/", "not a class folder; class folders are named 0 to 9",
                "3/notes.png", "the file is not an image this program can read (PNG, JPEG, GIF or BMP)",
                "5/blank.png", "the file looks blank: no digit stands out from the background",
                "5/more", "a folder inside a class folder; only pictures directly in 0/ to 9/ are read"),
                without(why, "5/cut.png"));
        assertTrue(why.get("5/cut.png").startsWith("cannot read the file: it is damaged or not a supported image"), why.get("5/cut.png"));
        assertFalse(why.values().stream().anyMatch(m -> m.contains(dir.toString())), "reasons do not repeat the path");
        String s = r.summary();
        assertTrue(s.startsWith("1 image read, 5 skipped ("), s);
        assertTrue(s.contains("1 blank") && s.contains("2 not readable images") && s.contains("2 folders"), s);
    }

    @Test
    void aFolderWithoutClassFoldersIsRefused() throws Exception {
        Files.writeString(dir.resolve("a.png"), "x");
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir));
        assertTrue(e.getMessage().contains("has no class folders: expected subfolders named 0 to 9"), e.getMessage());
        e = assertThrows(DataException.class, () -> ImageFolder.read(dir.resolve("none")));
        assertTrue(e.getMessage().endsWith("is not a folder"), e.getMessage());
    }

    @Test
    void progressIsReportedAndAReadCanBeStopped() throws Exception {
        DigitPictures.writeFolder(dir, BundledMnist.test(), 12);
        List<Integer> done = new ArrayList<>();
        ImageFolder.Result r = ImageFolder.read(dir, (d, total) -> {
            assertEquals(12, total);
            done.add(d);
        }, () -> done.size() >= 5);
        assertTrue(r.cancelled());
        assertEquals(List.of(1, 2, 3, 4, 5), done);
        assertEquals(5, r.dataset().count());
        assertTrue(r.summary().endsWith("; stopped before the end"), r.summary());
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        Map<String, String> c = new java.util.HashMap<>(m);
        c.remove(key);
        return c;
    }
}
