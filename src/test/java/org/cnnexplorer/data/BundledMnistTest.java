package org.cnnexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The MNIST copy shipped in assets/mnist (and in the jar). */
class BundledMnistTest {
    /** SHA-256 of the uncompressed original files (DESIGN.md, assets/mnist/README.md). */
    static final Map<String, String> SHA256 = Map.of(
            MnistFiles.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            MnistFiles.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            MnistFiles.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            MnistFiles.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    @Test
    void sizesAndFirstLabels() {
        Dataset train = BundledMnist.train();
        Dataset test = BundledMnist.test();
        assertEquals(60000, train.count());
        assertEquals(10000, test.count());
        for (Dataset d : new Dataset[] {train, test}) {
            assertEquals(28, d.rows());
            assertEquals(28, d.cols());
            assertEquals(d.count() * 784, d.pixels().length);
        }
        assertArrayEquals(new byte[] {5, 0, 4, 1, 9}, java.util.Arrays.copyOf(train.labels(), 5));
        assertArrayEquals(new byte[] {7, 2, 1, 0, 4}, java.util.Arrays.copyOf(test.labels(), 5));
    }

    /** The well-known class counts of MNIST. */
    @Test
    void labelCounts() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(BundledMnist.train()));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(BundledMnist.test()));
    }

    private static int[] counts(Dataset d) {
        int[] c = new int[10];
        for (int i = 0; i < d.count(); i++) {
            c[d.label(i)]++;
        }
        return c;
    }

    /** The gzipped files decompress to the original MNIST files, byte for byte. */
    @Test
    void filesMatchTheirChecksums() throws IOException {
        for (Map.Entry<String, String> e : SHA256.entrySet()) {
            Path gz = Path.of("assets", "mnist", e.getKey() + ".gz");
            MessageDigest md = sha256();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            assertEquals(e.getValue(), HexFormat.of().formatHex(md.digest()), gz.toString());
        }
    }

    /**
     * The loader hands back exactly the files' contents: the IDX header rebuilt from the loaded
     * counts and sizes, followed by the loaded bytes, hashes to the original file's checksum.
     */
    @Test
    void loadedDataHashesToTheOriginalFiles() {
        MnistFiles.Split s = BundledMnist.get();
        assertEquals(SHA256.get(MnistFiles.TRAIN_IMAGES), imagesHash(s.train()));
        assertEquals(SHA256.get(MnistFiles.TRAIN_LABELS), labelsHash(s.train()));
        assertEquals(SHA256.get(MnistFiles.TEST_IMAGES), imagesHash(s.test()));
        assertEquals(SHA256.get(MnistFiles.TEST_LABELS), labelsHash(s.test()));
    }

    private static String imagesHash(Dataset d) {
        MessageDigest md = sha256();
        md.update(ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(d.count()).putInt(d.rows()).putInt(d.cols()).array());
        md.update(d.pixels());
        return HexFormat.of().formatHex(md.digest());
    }

    private static String labelsHash(Dataset d) {
        MessageDigest md = sha256();
        md.update(ByteBuffer.allocate(8).putInt(Idx.LABELS_MAGIC).putInt(d.count()).array());
        md.update(d.labels());
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The copy packed into the jar, which {@code java -jar} uses away from the source tree. */
    @Test
    void theFilesAreOnTheClassPath() throws IOException {
        for (String f : SHA256.keySet()) {
            try (InputStream in = MnistFiles.class.getResourceAsStream(MnistFiles.BUNDLED_RESOURCE + f + ".gz")) {
                assertNotNull(in, f + ".gz is not packed as a resource");
                assertEquals(0x1f, in.read());
                assertEquals(0x8b, in.read());
            }
        }
    }

    @Test
    void loadWithoutAFolderIsTheBundledSet() throws DataException {
        MnistFiles.Split s = MnistFiles.load(null);
        assertEquals(60000, s.train().count());
        assertArrayEquals(BundledMnist.test().pixels(), s.test().pixels());
    }
}
