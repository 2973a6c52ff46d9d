package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and the MNIST folder loader, on small files made here. */
class IdxTest {
    @TempDir
    Path dir;

    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);   // big-endian, like IDX
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] labels(int magic, int count, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(count).put(labels);
        return b.array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] randomPixels(Random rng, int n) {
        byte[] px = new byte[n];
        rng.nextBytes(px);
        px[0] = 0;
        px[1] = (byte) 255;
        return px;
    }

    static byte[] randomLabels(Random rng, int n) {
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) {
            lb[i] = (byte) rng.nextInt(10);
        }
        return lb;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static Idx.Images readImages(Path p) throws DataException, IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return Idx.readImages(in, p.getFileName().toString());
        }
    }

    private static byte[] readLabels(Path p) throws DataException, IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return Idx.readLabels(in, p.getFileName().toString());
        }
    }

    /** Asserts that reading {@code p} as images (or labels) fails with a message naming the file and saying {@code why}. */
    private static DataException assertBadImages(Path p, String why) {
        DataException e = assertThrows(DataException.class, () -> readImages(p));
        assertMessage(e, p.getFileName().toString(), why);
        return e;
    }

    private static DataException assertBadLabels(Path p, String why) {
        DataException e = assertThrows(DataException.class, () -> readLabels(p));
        assertMessage(e, p.getFileName().toString(), why);
        return e;
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
        }
    }

    @Test
    void rawImagesAndLabelsRoundTrip() throws Exception {
        Random rng = new Random(1);
        byte[] px = randomPixels(rng, 3 * 5 * 6);
        byte[] lb = randomLabels(rng, 3);
        Idx.Images im = readImages(write("im", images(Idx.IMAGES_MAGIC, 3, 5, 6, px)));
        assertEquals(3, im.count());
        assertEquals(5, im.rows());
        assertEquals(6, im.cols());
        assertArrayEquals(px, im.pixels());
        assertArrayEquals(lb, readLabels(write("lb", labels(Idx.LABELS_MAGIC, 3, lb))));
    }

    @Test
    void gzippedImagesAndLabelsRoundTrip() throws Exception {
        Random rng = new Random(2);
        byte[] px = randomPixels(rng, 70 * 28 * 28);
        byte[] lb = randomLabels(rng, 70);
        Idx.Images im = readImages(write("im.gz", gzip(images(Idx.IMAGES_MAGIC, 70, 28, 28, px))));
        assertEquals(70, im.count());
        assertArrayEquals(px, im.pixels());
        assertArrayEquals(lb, readLabels(write("lb.gz", gzip(labels(Idx.LABELS_MAGIC, 70, lb)))));
    }

    @Test
    void emptySetsAreFine() throws Exception {
        assertEquals(0, readImages(write("im", images(Idx.IMAGES_MAGIC, 0, 28, 28, new byte[0]))).count());
        assertEquals(0, readLabels(write("lb", labels(Idx.LABELS_MAGIC, 0, new byte[0]))).length);
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] lb = {1, 2, 3, 4};
        // a label file read as images, and the other way round
        assertBadImages(write("labels-as-images", labels(Idx.LABELS_MAGIC, 4, lb)),
                "not an IDX image file (magic 0x00000801, expected 0x00000803)");
        assertBadLabels(write("images-as-labels", images(Idx.IMAGES_MAGIC, 1, 4, 4, new byte[16])),
                "not an IDX label file (magic 0x00000803, expected 0x00000801)");
        assertBadImages(write("zero-magic.gz", gzip(images(0, 1, 4, 4, new byte[16]))), "(magic 0x00000000, expected 0x00000803)");
        // A PNG read as IDX: its magic in hex shows the file's first four bytes.
        assertBadImages(write("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}), "(magic 0x89504e47,");
    }

    @Test
    void truncatedHeader() throws Exception {
        byte[] full = images(Idx.IMAGES_MAGIC, 2, 4, 4, new byte[32]);
        assertBadImages(write("short-header", Arrays.copyOf(full, 10)), "truncated");
        assertBadImages(write("empty", new byte[0]), "truncated");
        assertBadLabels(write("short-label-header", Arrays.copyOf(labels(Idx.LABELS_MAGIC, 2, new byte[2]), 6)), "truncated");
        assertBadImages(write("short-header.gz", gzip(Arrays.copyOf(full, 10))), "truncated");
    }

    @Test
    void truncatedBody() throws Exception {
        byte[] full = images(Idx.IMAGES_MAGIC, 3, 4, 5, new byte[60]);
        DataException e = assertBadImages(write("short-body", Arrays.copyOf(full, full.length - 7)), "truncated");
        assertMessage(e, "60", "53");
        assertBadImages(write("short-body.gz", gzip(Arrays.copyOf(full, full.length - 1))), "truncated");
        assertBadLabels(write("short-labels", Arrays.copyOf(labels(Idx.LABELS_MAGIC, 5, new byte[5]), 11)), "truncated");
    }

    /** A gzip stream cut short (a partial download) is an error naming the file, not a short data set. */
    @Test
    void truncatedGzipStream() throws Exception {
        Random rng = new Random(3);
        byte[] gz = gzip(images(Idx.IMAGES_MAGIC, 50, 28, 28, randomPixels(rng, 50 * 28 * 28)));
        assertBadImages(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), "cut.gz");
    }

    /** A gzip stream cut inside the data is reported as truncated data, not as a short header. */
    @Test
    void truncatedGzipStreamIsNotReportedAsAnIncompleteHeader() throws Exception {
        Random rng = new Random(3);
        byte[] gz = gzip(images(Idx.IMAGES_MAGIC, 50, 28, 28, randomPixels(rng, 50 * 28 * 28)));
        DataException e = assertBadImages(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), "truncated");
        assertTrue(!e.getMessage().contains("header"), "the 16-byte header was complete: " + e.getMessage());
    }

    /** A 16-byte file whose header claims 2 GB of images is truncated, not an OutOfMemoryError. */
    @Test
    void aHeaderClaimingHugeCountsInATinyFileIsADataException() throws Exception {
        assertBadImages(write("liar", images(Idx.IMAGES_MAGIC, 2_090_000, 32, 32, new byte[0])), "truncated");
    }

    @Test
    void corruptGzip() throws Exception {
        byte[] junk = new byte[200];
        new Random(4).nextBytes(junk);
        junk[0] = 0x1f;
        junk[1] = (byte) 0x8b;
        assertBadImages(write("junk.gz", junk), "junk.gz");
    }

    @Test
    void labelOutOfRange() throws Exception {
        assertBadLabels(write("ten", labels(Idx.LABELS_MAGIC, 3, new byte[] {1, 10, 2})), "label 1 is 10");
        assertBadLabels(write("big.gz", gzip(labels(Idx.LABELS_MAGIC, 3, new byte[] {1, 2, (byte) 200}))), "label 2 is 200");
    }

    @Test
    void implausibleDimensions() throws Exception {
        assertBadImages(write("tiny", images(Idx.IMAGES_MAGIC, 1, 2, 2, new byte[4])), "implausible");
        assertBadImages(write("negative", images(Idx.IMAGES_MAGIC, -1, 28, 28, new byte[0])), "implausible");
        assertBadImages(write("huge", images(Idx.IMAGES_MAGIC, 1, 100_000, 28, new byte[0])), "implausible");
        assertBadLabels(write("negative-labels", labels(Idx.LABELS_MAGIC, -5, new byte[0])), "implausible");
    }

    @Test
    void readsFromAnyStream() throws Exception {
        byte[] px = randomPixels(new Random(5), 32);
        Idx.Images im = Idx.readImages(new ByteArrayInputStream(images(Idx.IMAGES_MAGIC, 2, 4, 4, px)), "memory");
        assertArrayEquals(px, im.pixels());
    }

    // --- MnistFiles.load(dir) ---

    private Path mnistFolder(String name, int train, int test, boolean gz) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Random rng = new Random(name.hashCode());
        writeSet(d, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, train, rng, gz);
        writeSet(d, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, test, rng, gz);
        return d;
    }

    private static void writeSet(Path d, String images, String labels, int n, Random rng, boolean gz) throws IOException {
        byte[] im = images(Idx.IMAGES_MAGIC, n, 6, 5, randomPixels(rng, n * 30));
        byte[] lb = labels(Idx.LABELS_MAGIC, n, randomLabels(rng, n));
        Files.write(d.resolve(gz ? images + ".gz" : images), gz ? gzip(im) : im);
        Files.write(d.resolve(gz ? labels + ".gz" : labels), gz ? gzip(lb) : lb);
    }

    @Test
    void loadsAFolderRawOrGzipped() throws Exception {
        for (boolean gz : new boolean[] {false, true}) {
            Path d = mnistFolder("mnist-" + gz, 7, 4, gz);
            MnistFiles.Split s = MnistFiles.load(d);
            assertEquals(7, s.train().count());
            assertEquals(4, s.test().count());
            assertEquals(6, s.train().rows());
            assertEquals(5, s.train().cols());
            assertEquals(7 * 30, s.train().pixels().length);
            // the pixels are the file's, byte for byte
            byte[] file = Files.readAllBytes(d.resolve(MnistFiles.TEST_IMAGES + (gz ? ".gz" : "")));
            if (!gz) {
                assertArrayEquals(Arrays.copyOfRange(file, 16, file.length), s.test().pixels());
            }
        }
    }

    @Test
    void acceptsTheDottedFileNames() throws Exception {
        Path d = mnistFolder("dotted", 3, 2, true);
        Files.move(d.resolve("train-images-idx3-ubyte.gz"), d.resolve("train-images.idx3-ubyte.gz"));
        Files.move(d.resolve("t10k-labels-idx1-ubyte.gz"), d.resolve("t10k-labels.idx1-ubyte.gz"));
        assertEquals(3, MnistFiles.load(d).train().count());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        Path d = mnistFolder("mismatch", 5, 4, false);
        Files.write(d.resolve(MnistFiles.TRAIN_LABELS), labels(Idx.LABELS_MAGIC, 4, new byte[4]));
        DataException e = assertThrows(DataException.class, () -> MnistFiles.load(d));
        assertMessage(e, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, "5", "4");
    }

    @Test
    void missingFile() throws Exception {
        Path d = mnistFolder("missing", 3, 3, true);
        Files.delete(d.resolve(MnistFiles.TEST_LABELS + ".gz"));
        DataException e = assertThrows(DataException.class, () -> MnistFiles.load(d));
        assertMessage(e, MnistFiles.TEST_LABELS);
    }

    @Test
    void aFolderThatIsNotIdx() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMessage(assertThrows(DataException.class, () -> MnistFiles.load(empty)), MnistFiles.TRAIN_IMAGES);

        // files with the right names but other contents
        Path text = Files.createDirectories(dir.resolve("text"));
        for (String f : new String[] {MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS}) {
            Files.writeString(text.resolve(f), "this is not an IDX file, just some text\n", StandardCharsets.UTF_8);
        }
        assertMessage(assertThrows(DataException.class, () -> MnistFiles.load(text)), MnistFiles.TRAIN_IMAGES, "not an IDX");

        // one good folder with one bad file: the message names that file
        Path oneBad = mnistFolder("one-bad", 3, 3, false);
        Files.writeString(oneBad.resolve(MnistFiles.TEST_IMAGES), "<html>404</html>", StandardCharsets.UTF_8);
        assertMessage(assertThrows(DataException.class, () -> MnistFiles.load(oneBad)), MnistFiles.TEST_IMAGES);

        // a file where a folder was expected, and a folder that does not exist
        Path file = write("not-a-folder", new byte[] {1, 2, 3});
        assertMessage(assertThrows(DataException.class, () -> MnistFiles.load(file)), "not-a-folder", "not a folder");
        Path nowhere = dir.resolve("nowhere");
        assertMessage(assertThrows(DataException.class, () -> MnistFiles.load(nowhere)), "nowhere");
    }

    @Test
    void datasetHeadAndImage() throws Exception {
        Dataset train = MnistFiles.load(mnistFolder("head", 6, 2, false)).train();
        Dataset h = train.head(2);
        assertEquals(2, h.count());
        assertNotSame(train.pixels(), h.pixels());
        assertArrayEquals(Arrays.copyOf(train.pixels(), 60), h.pixels());
        assertArrayEquals(Arrays.copyOf(train.labels(), 2), h.labels());
        assertSame(train, train.head(-1));
        assertSame(train, train.head(6));
        assertSame(train, train.head(100));
        assertArrayEquals(Arrays.copyOfRange(train.pixels(), 90, 120), train.image(3));
        assertEquals(90, train.offset(3));
        assertEquals(30, train.imageSize());
        assertThrows(IllegalArgumentException.class, () -> new Dataset("x", 2, 4, 4, new byte[31], new byte[2]));
    }
}
