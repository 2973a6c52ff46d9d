package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzModelTest {
    @TempDir
    Path dir;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = NpzModelTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static Network load(byte[] b) throws ModelFileException {
        return NpzModel.load(new ByteArrayInputStream(b), "model.npz");
    }

    /** An .npz with the given arrays, written here rather than by NumPy, for the broken cases. */
    static byte[] npz(Map<String, Npy> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Npy> a : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(a.getKey() + ".npy"));
                zip.write(a.getValue().toBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, Npy> validArrays(int f) {
        Map<String, Npy> m = new LinkedHashMap<>();
        m.put("conv_filters", new Npy(new int[] {f, 3, 3}, new double[f * 9]));
        m.put("softmax_weights", new Npy(new int[] {169 * f, 10}, new double[169 * f * 10]));
        m.put("softmax_biases", new Npy(new int[] {10}, new double[10]));
        return m;
    }

    @Test
    void roundTripKeepsEveryWeightAndTheOutput() throws Exception {
        Network net = new Network(8, 28, 28, 42);
        Path file = dir.resolve("m.npz");
        NpzModel.save(net, file);
        Network back = NpzModel.load(file);
        assertEquals(8, back.numFilters);
        for (int p = 0; p < net.params().size(); p++) {
            assertArrayEquals(net.params().get(p).value(), back.params().get(p).value(), 0.0, net.params().get(p).name());
        }
        byte[] image = new byte[28 * 28];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 37);
        }
        assertArrayEquals(net.forward(image, 0).clone(), back.forward(image, 0), 0.0);
        // Same weights, same bytes: nothing time-dependent in the file.
        assertArrayEquals(NpzModel.toBytes(net), Files.readAllBytes(file));
    }

    @Test
    void roundTripWithOtherFilterCounts() throws Exception {
        for (int f : new int[] {1, 3, 64}) {
            Network net = new Network(f, 28, 28, f);
            Network back = load(NpzModel.toBytes(net));
            assertEquals(f, back.numFilters);
            assertArrayEquals(net.softmax.weights(), back.softmax.weights(), 0.0);
        }
    }

    /**
     * NumPy computed the article's forward pass with these weights; the Java network loaded from
     * the same file must agree. This pins the order in which softmax_weights is flattened.
     */
    @ParameterizedTest
    @ValueSource(strings = {"numpy_f8_stored.npz", "numpy_f4_deflated.npz", "numpy_versions.npz"})
    void numpyFilesGiveTheArticlesProbabilities(String fixture) throws Exception {
        byte[] b = resource(fixture);
        Network net = load(b);
        Map<String, Npy> arrays = NpzModel.readArrays(b, fixture);
        Npy images = arrays.get("image");
        Npy expected = arrays.get("expected_probs");
        int n = images.shape()[0];
        for (int img = 0; img < n; img++) {
            byte[] px = new byte[784];
            for (int i = 0; i < 784; i++) {
                px[i] = (byte) images.data()[img * 784 + i];
            }
            double[] p = net.forward(px, 0);
            for (int k = 0; k < 10; k++) {
                assertEquals(expected.data()[img * 10 + k], p[k], 1e-12, fixture + " image " + img + " digit " + k);
            }
        }
    }

    @Test
    void inferTheNumberOfFilters() throws Exception {
        assertEquals(8, load(resource("numpy_f8_stored.npz")).numFilters);
        assertEquals(5, load(resource("numpy_f4_deflated.npz")).numFilters);
        assertEquals(2, load(resource("numpy_versions.npz")).numFilters);
    }

    @Test
    void writerProducesNumpyHeaders() throws Exception {
        byte[] b = NpzModel.toBytes(new Network(8, 28, 28, 1));
        Map<String, Npy> arrays = NpzModel.readArrays(b, "m.npz");
        assertEquals(java.util.List.of("conv_filters", "softmax_weights", "softmax_biases"), java.util.List.copyOf(arrays.keySet()));
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(b))) {
            String[] shapes = {"(8, 3, 3)", "(1352, 10)", "(10,)"};
            for (String shape : shapes) {
                ZipEntry e = zip.getNextEntry();
                byte[] npy = zip.readAllBytes();
                assertEquals(ZipEntry.STORED, e.getMethod());
                assertEquals((byte) 0x93, npy[0]);
                assertEquals("NUMPY", new String(npy, 1, 5, "US-ASCII"));
                assertEquals(1, npy[6]);
                assertEquals(0, npy[7]);
                int len = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
                assertEquals(0, (10 + len) % 64, "data starts on a 64-byte boundary");
                String header = new String(npy, 10, len, "US-ASCII");
                assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }"), header);
                assertTrue(header.endsWith("\n"));
                assertTrue(header.substring(0, len - 1).stripTrailing().endsWith("}"), "padded with spaces");
                int values = arrays.values().stream().filter(a -> a.shapeText().equals(shape)).findFirst().orElseThrow().data().length;
                assertEquals(10 + len + 8 * values, npy.length);
            }
        }
    }

    @Test
    void refusesFortranOrder() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(resource("numpy_fortran.npz")));
        assertEquals("model.npz: softmax_weights is stored in Fortran order; save it in C order (np.ascontiguousarray)", e.getMessage());
    }

    @Test
    void refusesOtherDtypes() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(resource("numpy_int.npz")));
        assertEquals("model.npz: conv_filters has dtype '<i8'; expected float64 ('<f8') or float32 ('<f4')", e.getMessage());
    }

    @Test
    void refusesABareNpy() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(resource("numpy_single.npy")));
        assertTrue(e.getMessage().contains("single .npy array"), e.getMessage());
    }

    @Test
    void namesAMissingArray() throws Exception {
        Map<String, Npy> m = validArrays(8);
        m.put("filters", m.remove("conv_filters"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(npz(m)));
        assertEquals("model.npz has no conv_filters array (it has: softmax_weights, softmax_biases, filters);"
                + " a model needs conv_filters, softmax_weights and softmax_biases", e.getMessage());
    }

    @Test
    void namesAWrongShape() throws Exception {
        Map<String, Npy> m = validArrays(8);
        m.put("softmax_weights", new Npy(new int[] {1352, 9}, new double[1352 * 9]));
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(npz(m)));
        assertTrue(e.getMessage().startsWith("model.npz: softmax_weights has shape (1352, 9), expected (1352, 10)"), e.getMessage());

        Map<String, Npy> m2 = validArrays(4);
        m2.put("conv_filters", new Npy(new int[] {8, 3, 3}, new double[72]));
        e = assertThrows(ModelFileException.class, () -> load(npz(m2)));
        assertTrue(e.getMessage().startsWith("model.npz: softmax_weights has shape (676, 10), expected (1352, 10)"), e.getMessage());

        Map<String, Npy> m3 = validArrays(8);
        m3.put("conv_filters", new Npy(new int[] {8, 9}, new double[72]));
        e = assertThrows(ModelFileException.class, () -> load(npz(m3)));
        assertEquals("model.npz: conv_filters has shape (8, 9), expected (F, 3, 3) with F between 1 and 64", e.getMessage());

        Map<String, Npy> m4 = validArrays(8);
        m4.put("softmax_biases", new Npy(new int[] {1, 10}, new double[10]));
        e = assertThrows(ModelFileException.class, () -> load(npz(m4)));
        assertEquals("model.npz: softmax_biases has shape (1, 10), expected (10,)", e.getMessage());
    }

    @Test
    void refusesNaN() throws Exception {
        Map<String, Npy> m = validArrays(8);
        m.get("softmax_biases").data()[3] = Double.NaN;
        ModelFileException e = assertThrows(ModelFileException.class, () -> load(npz(m)));
        assertEquals("model.npz: softmax_biases contains NaN values", e.getMessage());
    }

    @Test
    void everyTruncationIsAModelFileException() throws Exception {
        for (String fixture : new String[] {"numpy_f8_stored.npz", "numpy_f4_deflated.npz"}) {
            byte[] b = resource(fixture);
            for (int len = 0; len < b.length; len += 997) {
                byte[] cut = java.util.Arrays.copyOf(b, len);
                ModelFileException e = assertThrows(ModelFileException.class, () -> load(cut), fixture + " cut at " + len);
                assertTrue(e.getMessage().startsWith("model.npz "), e.getMessage());
            }
        }
    }

    @Test
    void corruptDataIsAModelFileException() throws Exception {
        for (String fixture : new String[] {"numpy_f8_stored.npz", "numpy_f4_deflated.npz"}) {
            byte[] b = resource(fixture);
            b[b.length / 3] ^= 0x55;
            b[b.length / 3 + 1] ^= 0x55;
            ModelFileException e = assertThrows(ModelFileException.class, () -> load(b), fixture);
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void refusesFilesThatAreNotZips() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> load("hello, I am text\n".getBytes()));
        assertEquals("model.npz is not an .npz model file (not a zip archive)", e.getMessage());
        e = assertThrows(ModelFileException.class, () -> load(new byte[0]));
        assertEquals("model.npz is not an .npz model file (not a zip archive)", e.getMessage());
    }

    @Test
    void namesAMissingFileOrAFolder() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> NpzModel.load(dir.resolve("nope.npz")));
        assertTrue(e.getMessage().endsWith("nope.npz does not exist"), e.getMessage());
        e = assertThrows(ModelFileException.class, () -> NpzModel.load(dir));
        assertTrue(e.getMessage().endsWith("is a folder, not a model file"), e.getMessage());
    }

    @Test
    void saveReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("m.npz");
        Files.writeString(file, "old");
        NpzModel.save(new Network(8, 28, 28, 1), file);
        assertEquals(8, NpzModel.load(file).numFilters);
        try (var s = Files.list(dir)) {
            assertEquals(java.util.List.of(file), s.toList());
        }
    }

    @Test
    void failedSaveLeavesNothingBehind() throws Exception {
        // Renaming over a non-empty folder fails after the temporary file was written.
        Path target = dir.resolve("m.npz");
        Files.createDirectories(target.resolve("inside"));
        assertThrows(IOException.class, () -> NpzModel.save(new Network(8, 28, 28, 1), target));
        try (var s = Files.list(dir)) {
            assertEquals(java.util.List.of(target), s.toList());
        }
        assertThrows(IOException.class, () -> NpzModel.save(new Network(8, 28, 28, 1), dir.resolve("missing/m.npz")));
    }
}
