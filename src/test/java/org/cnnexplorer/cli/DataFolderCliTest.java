package org.cnnexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.Datasets;
import org.cnnexplorer.data.DigitPictures;
import org.cnnexplorer.data.MyDigitsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --data with folders of pictures in class folders and with My digits folders; --augment. */
class DataFolderCliTest {
    @TempDir
    static Path shared;
    /** 100 MNIST test digits as pictures of several sizes in both polarities, in 0/ to 9/. */
    static Path pictures;

    @TempDir
    Path dir;

    @BeforeAll
    static void writePictures() throws Exception {
        pictures = shared.resolve("pictures");
        DigitPictures.writeFolder(pictures, BundledMnist.test(), 100);
    }

    @Test
    void evalTestsEveryPictureInTheFolder() {
        CliRun r = CliRun.of("eval", "--data", pictures.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.outLines().size(), r.out());
        assertTrue(r.outLines().get(0).startsWith("Test Loss: "));
        double acc = Double.parseDouble(r.outLines().get(1).substring("Test Accuracy: ".length()));
        assertTrue(acc >= 0.85, "the bundled model reads the pictures: " + acc);
        assertEquals(List.of(pictures + ": 100 images read, none skipped"), r.errLines());
        // --test N takes N spread over the digits, not the first N (all zeros); its accuracy is not 0 or 1.
        r = CliRun.of("eval", "--data", pictures.toString(), "--test", "10");
        assertEquals(0, r.code(), r.err());
        r = CliRun.of("eval", "--data", pictures.toString(), "--test", "101");
        assertEquals(2, r.code());
        assertEquals(List.of(pictures + ": 100 images read, none skipped",
                "error: --test 101 is more than the 100 test images there are; use --test all"), r.errLines());
    }

    @Test
    void badPicturesAreNamedOneLineEachAndSkipped() throws Exception {
        Path d = dir.resolve("mixed");
        DigitPictures.writeFolder(d, BundledMnist.test(), 20);
        Files.writeString(d.resolve("4/readme.png"), "hello");
        DigitPictures.writeBlank(d.resolve("9/empty.png"));
        CliRun r = CliRun.of("eval", "--data", d.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(
                "skipped " + d.resolve("4/readme.png") + ": the file is not an image this program can read (PNG, JPEG, GIF or BMP)",
                "skipped " + d.resolve("9/empty.png") + ": the file looks blank: no digit stands out from the background",
                d + ": 20 images read, 2 skipped (1 not readable image, 1 blank)"), r.errLines());

        // Nothing usable: exit 1, after naming every file.
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad.resolve("1"));
        Files.writeString(bad.resolve("1/a.png"), "x");
        r = CliRun.of("train", "--data", bad.toString());
        assertEquals(1, r.code());
        assertEquals(3, r.errLines().size(), r.err());
        assertEquals("error: " + bad.resolve("1") .getParent() + " has no usable pictures: 0 images read, 1 skipped (1 not readable image)",
                r.errLines().get(2));
        assertEquals("", r.out());
    }

    @Test
    void trainHoldsOutASeededFifthOrUsesTrainAndTest() throws Exception {
        CliRun a = CliRun.of("train", "--data", pictures.toString(), "--epochs", "1", "--seed", "4");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.errLines().contains("holding out 20 of 100 images (20% of each digit, seed 4) as the test set"), a.err());
        CliRun b = CliRun.of("train", "--data", pictures.toString(), "--epochs", "1", "--seed", "4");
        assertEquals(a.out(), b.out(), "same seed, same split and run");
        assertTrue(a.out().contains("[Step 80] Past 80 steps"), a.out());

        Path split = dir.resolve("split");
        DigitPictures.writeFolder(split.resolve("train"), BundledMnist.test(), 30);
        DigitPictures.writeFolder(split.resolve("test"), Datasets.select("t", BundledMnist.test(), java.util.stream.IntStream.range(30, 50).toArray()), 20);
        CliRun c = CliRun.of("train", "--data", split.toString(), "--epochs", "1");
        assertEquals(0, c.code(), c.err());
        assertEquals(List.of(split.resolve("train") + ": 30 images read, none skipped", split.resolve("test") + ": 20 images read, none skipped"),
                c.errLines().subList(0, 2));
        assertTrue(c.out().contains("[Step 30] Past 30 steps"), c.out());
        // eval on such a folder tests its test/ part.
        CliRun e = CliRun.of("eval", "--data", split.toString());
        assertEquals(List.of(split.resolve("test") + ": 20 images read, none skipped"), e.errLines());
    }

    @Test
    void myDigitsFoldersAreDataToo() throws Exception {
        Dataset mine = Datasets.select("mine", BundledMnist.test(), java.util.stream.IntStream.range(0, 40).toArray());
        MyDigitsFiles.save(dir, mine);
        CliRun e = CliRun.of("eval", "--data", dir.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals("", e.err());
        CliRun t = CliRun.of("train", "--data", dir.toString(), "--epochs", "1");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.errLines().contains("holding out 9 of 40 images (20% of each digit, seed 1) as the test set"), t.err());
    }

    @Test
    void foldersOfNeitherKindAreRefused() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "x");
        CliRun r = CliRun.of("train", "--data", dir.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("error: " + dir + " is neither an MNIST folder (train-images-idx3-ubyte and the other three IDX files) "
                + "nor a folder of pictures in subfolders 0 to 9 nor a My digits folder"), r.errLines());
        Files.createDirectories(dir.resolve("test/3"));
        r = CliRun.of("train", "--data", dir.toString());
        assertEquals(List.of("error: " + dir + " has test/ but no train/ with class folders 0 to 9 to train on"), r.errLines());
    }

    @Test
    void augmentIsSeededAndChangesTheRun() {
        CliRun plain = CliRun.of("train", "--train", "300", "--test", "200", "--epochs", "2");
        CliRun a = CliRun.of("train", "--train", "300", "--test", "200", "--epochs", "2", "--augment");
        CliRun b = CliRun.of("train", "--train", "300", "--test", "200", "--epochs", "2", "--augment");
        CliRun c = CliRun.of("train", "--train", "300", "--test", "200", "--epochs", "2", "--augment", "--seed", "2");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out(), "same seed, same run");
        assertNotEquals(plain.out(), a.out());
        assertNotEquals(a.out(), c.out());
        assertEquals(plain.outLines().size(), a.outLines().size());
        CliRun bad = CliRun.of("train", "--augment=yes");
        assertEquals(2, bad.code());
        assertEquals(List.of("error: --augment takes no value, got \"yes\""), bad.errLines());
    }
}
