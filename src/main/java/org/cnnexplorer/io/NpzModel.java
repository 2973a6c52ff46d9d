package org.cnnexplorer.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.nn.Network;

/**
 * The network's weights as a NumPy {@code .npz} file, in the article's layout so that weights move
 * between this app and the article's numpy code:
 * <ul>
 * <li>{@code conv_filters} (F, 3, 3): filter f, row, column;</li>
 * <li>{@code softmax_weights} (13 * 13 * F, 10): row {@code (i * 13 + j) * F + f}, because the
 *     article flattens the pooled (13, 13, F) volume in C order, while this project's
 *     {@link org.cnnexplorer.nn.Softmax} flattens (F, 13, 13) and stores the matrix transposed;</li>
 * <li>{@code softmax_biases} (10,).</li>
 * </ul>
 * The other architectures ({@link Architecture}) are named per layer:
 * <ul>
 * <li>two convolutions: {@code conv1_filters} (F1, 3, 3) and {@code conv2_filters} (F2, F1, 3, 3)
 *     (filter, input channel, row, column) instead of {@code conv_filters}; the softmax rows then
 *     follow the pooled (12, 12, F2) volume the same way;</li>
 * <li>ReLU after each convolution: an array {@code relu} of shape (1,) holding 1.0 (0.0 or no such
 *     array: no ReLU). The article's layout has none, so its files are unchanged.</li>
 * </ul>
 * Reads float64 or float32 arrays, stored or deflated (np.savez or np.savez_compressed); other
 * entries are ignored, but a mix of the two layouts is refused. Writes float64, stored, like np.savez.
 */
public final class NpzModel {
    public static final String FILTERS = "conv_filters";
    public static final String WEIGHTS = "softmax_weights";
    public static final String BIASES = "softmax_biases";
    public static final String CONV1 = "conv1_filters";
    public static final String CONV2 = "conv2_filters";
    public static final String RELU = "relu";
    /** Far above the largest model (64 filters: under 1 MB); stops a wrong file from filling memory. */
    private static final int MAX_BYTES = 64 << 20;
    private static final int MAX_FILTERS = 64;
    /** A fixed entry time, so the same weights always give the same bytes. */
    private static final long ENTRY_TIME = 946_684_800_000L; // 2000-01-01

    private NpzModel() {
    }

    /** Loads a model for 28x28 images; the number of filters comes from {@code conv_filters}. */
    public static Network load(Path file) throws ModelFileException {
        String name = String.valueOf(file.getFileName());
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + " is a folder, not a model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, name);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a model for 28x28 images from a stream (a file, or a resource in the jar). */
    public static Network load(InputStream in, String name) throws ModelFileException {
        return load(in, name, 28, 28);
    }

    public static Network load(InputStream in, String name, int height, int width) throws ModelFileException {
        Map<String, Npy> arrays = readArrays(readCapped(in, name), name);
        boolean relu = readRelu(arrays, name);
        boolean two = arrays.containsKey(CONV1) || arrays.containsKey(CONV2);
        if (two && arrays.containsKey(FILTERS)) {
            throw new ModelFileException(name + " mixes two layouts: it has " + FILTERS + " (one convolution) and "
                    + (arrays.containsKey(CONV1) ? CONV1 : CONV2) + " (two); keep one");
        }
        if (two) {
            return loadTwoLayers(arrays, name, height, width, relu);
        }
        Npy filters = require(arrays, FILTERS, name);
        Npy weights = require(arrays, WEIGHTS, name);
        Npy biases = require(arrays, BIASES, name);

        int[] fs = filters.shape();
        if (fs.length != 3 || fs[1] != 3 || fs[2] != 3 || fs[0] < 1 || fs[0] > MAX_FILTERS) {
            throw new ModelFileException(name + ": " + FILTERS + " has shape " + filters.shapeText()
                    + ", expected (F, 3, 3) with F between 1 and " + MAX_FILTERS);
        }
        int f = fs[0];
        Network net = new Network(new Architecture(f, 0, relu, Init.ARTICLE), height, width, new java.util.Random(0));
        readSoftmax(net, weights, biases, name);
        requireFinite(filters, name, FILTERS);
        System.arraycopy(filters.data(), 0, net.conv.filters(), 0, f * 9);
        return net;
    }

    private static Network loadTwoLayers(Map<String, Npy> arrays, String name, int height, int width, boolean relu)
            throws ModelFileException {
        String needs = "; a two-layer model needs " + CONV1 + ", " + CONV2 + ", " + WEIGHTS + " and " + BIASES;
        Npy c1 = requireFor(arrays, CONV1, name, needs);
        Npy c2 = requireFor(arrays, CONV2, name, needs);
        Npy weights = requireFor(arrays, WEIGHTS, name, needs);
        Npy biases = requireFor(arrays, BIASES, name, needs);
        int max = Architecture.MAX_FILTERS_TWO_LAYERS;
        int[] s1 = c1.shape();
        if (s1.length != 3 || s1[1] != 3 || s1[2] != 3 || s1[0] < 1 || s1[0] > max) {
            throw new ModelFileException(name + ": " + CONV1 + " has shape " + c1.shapeText()
                    + ", expected (F1, 3, 3) with F1 between 1 and " + max);
        }
        int f1 = s1[0];
        int[] s2 = c2.shape();
        if (s2.length != 4 || s2[1] != f1 || s2[2] != 3 || s2[3] != 3 || s2[0] < 1 || s2[0] > max) {
            throw new ModelFileException(name + ": " + CONV2 + " has shape " + c2.shapeText()
                    + ", expected (F2, " + f1 + ", 3, 3): F2 between 1 and " + max + ", one 3x3 slice per filter of " + CONV1);
        }
        Network net = new Network(new Architecture(f1, s2[0], relu, Init.ARTICLE), height, width, new java.util.Random(0));
        readSoftmax(net, weights, biases, name);
        requireFinite(c1, name, CONV1);
        requireFinite(c2, name, CONV2);
        System.arraycopy(c1.data(), 0, net.conv.filters(), 0, c1.data().length);
        System.arraycopy(c2.data(), 0, net.conv2.filters(), 0, c2.data().length);
        return net;
    }

    /** The relu flag: no array, or (1,) holding 0 or 1. */
    private static boolean readRelu(Map<String, Npy> arrays, String name) throws ModelFileException {
        Npy r = arrays.get(RELU);
        if (r == null) {
            return false;
        }
        if (r.data().length != 1 || r.shape().length > 1 || (r.data()[0] != 0.0 && r.data()[0] != 1.0)) {
            throw new ModelFileException(name + ": " + RELU + " must be one value, 1 (ReLU after each convolution) or 0; it has shape "
                    + r.shapeText());
        }
        return r.data()[0] == 1.0;
    }

    /** The softmax arrays into {@code net}, converting the article's (H, W, C) rows to (C, H, W). */
    private static void readSoftmax(Network net, Npy weights, Npy biases, String name) throws ModelFileException {
        int f = net.pooledChannels();
        int ph = net.pooledHeight();
        int pw = net.pooledWidth();
        int inputLen = ph * pw * f;
        expectShape(weights, new int[] {inputLen, Network.CLASSES}, name, WEIGHTS,
                " (" + ph + "*" + pw + "*" + f + " rows for " + f + " filters)");
        expectShape(biases, new int[] {Network.CLASSES}, name, BIASES, "");
        requireFinite(weights, name, WEIGHTS);
        requireFinite(biases, name, BIASES);
        double[] w = net.softmax.weights();
        double[] src = weights.data();
        int plane = ph * pw;
        for (int pos = 0; pos < plane; pos++) {
            for (int ch = 0; ch < f; ch++) {
                int row = pos * f + ch;       // the article's (H, W, C) row
                int i = ch * plane + pos;     // this project's (C, H, W) input index
                for (int k = 0; k < Network.CLASSES; k++) {
                    w[k * inputLen + i] = src[row * Network.CLASSES + k];
                }
            }
        }
        System.arraycopy(biases.data(), 0, net.softmax.biases(), 0, Network.CLASSES);
    }

    /** Writes the model atomically: an existing file is replaced only once the new one is complete. */
    public static void save(Network net, Path file) throws IOException {
        AtomicFile.write(file, toBytes(net));
    }

    /** The .npz file's bytes. */
    public static byte[] toBytes(Network net) {
        int f = net.pooledChannels();
        int plane = net.pooledHeight() * net.pooledWidth();
        int inputLen = plane * f;
        double[] w = net.softmax.weights();
        double[] rows = new double[inputLen * Network.CLASSES];
        for (int pos = 0; pos < plane; pos++) {
            for (int ch = 0; ch < f; ch++) {
                int row = pos * f + ch;
                int i = ch * plane + pos;
                for (int k = 0; k < Network.CLASSES; k++) {
                    rows[row * Network.CLASSES + k] = w[k * inputLen + i];
                }
            }
        }
        Map<String, Npy> arrays = new LinkedHashMap<>();
        if (net.conv2 == null) {
            arrays.put(FILTERS, new Npy(new int[] {net.numFilters, 3, 3}, net.conv.filters().clone()));
        } else {
            arrays.put(CONV1, new Npy(new int[] {net.numFilters, 3, 3}, net.conv.filters().clone()));
            arrays.put(CONV2, new Npy(new int[] {f, net.numFilters, 3, 3}, net.conv2.filters().clone()));
        }
        arrays.put(WEIGHTS, new Npy(new int[] {inputLen, Network.CLASSES}, rows));
        arrays.put(BIASES, new Npy(new int[] {Network.CLASSES}, net.softmax.biases().clone()));
        if (net.arch.relu()) {
            arrays.put(RELU, new Npy(new int[] {1}, new double[] {1.0}));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Npy> a : arrays.entrySet()) {
                byte[] npy = a.getValue().toBytes();
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                // Stored, like np.savez: doubles hardly compress, and STORED needs size and CRC up front.
                CRC32 crc = new CRC32();
                crc.update(npy);
                e.setMethod(ZipEntry.STORED);
                e.setSize(npy.length);
                e.setCompressedSize(npy.length);
                e.setCrc(crc.getValue());
                e.setTime(ENTRY_TIME);
                zip.putNextEntry(e);
                zip.write(npy);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Every .npy entry of an .npz file, by array name (the entry name without ".npy"). */
    public static Map<String, Npy> readArrays(byte[] b, String name) throws ModelFileException {
        if (startsWith(b, (byte) 0x93, (byte) 'N', (byte) 'U', (byte) 'M', (byte) 'P', (byte) 'Y')) {
            throw new ModelFileException(name + " is a single .npy array, not an .npz model file; save the three arrays with np.savez");
        }
        if (!startsWith(b, (byte) 'P', (byte) 'K', (byte) 3, (byte) 4)) {
            if (startsWith(b, (byte) 'P', (byte) 'K', (byte) 5, (byte) 6)) {
                throw new ModelFileException(name + " is an empty .npz file: it holds no arrays");
            }
            throw new ModelFileException(name + " is not an .npz model file (not a zip archive)");
        }
        if (!hasEndOfDirectory(b)) {
            throw new ModelFileException(name + " is truncated or corrupt: the zip directory at its end is missing");
        }
        Map<String, Npy> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String entry = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                String array = entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
                arrays.put(array, Npy.read(readCapped(zip, name), name + ": " + array));
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFileException(name + " is truncated or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return arrays;
    }

    private static Npy require(Map<String, Npy> arrays, String array, String name) throws ModelFileException {
        return requireFor(arrays, array, name, "; a model needs " + FILTERS + ", " + WEIGHTS + " and " + BIASES);
    }

    private static Npy requireFor(Map<String, Npy> arrays, String array, String name, String needs) throws ModelFileException {
        Npy a = arrays.get(array);
        if (a == null) {
            throw new ModelFileException(name + " has no " + array + " array (it has: "
                    + (arrays.isEmpty() ? "none" : String.join(", ", arrays.keySet())) + ")" + needs);
        }
        return a;
    }

    private static void expectShape(Npy a, int[] shape, String name, String array, String why) throws ModelFileException {
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new ModelFileException(name + ": " + array + " has shape " + a.shapeText() + ", expected "
                    + Npy.shapeText(shape) + why);
        }
    }

    private static void requireFinite(Npy a, String name, String array) throws ModelFileException {
        for (double v : a.data()) {
            if (!Double.isFinite(v)) {
                throw new ModelFileException(name + ": " + array + " contains " + (Double.isNaN(v) ? "NaN" : "infinite") + " values");
            }
        }
    }

    private static byte[] readCapped(InputStream in, String name) throws ModelFileException {
        try {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new ModelFileException(name + " is too large for a model file (over " + (MAX_BYTES >> 20) + " MB)");
            }
            return b;
        } catch (ZipException | EOFException e) {
            throw new ModelFileException(name + " is truncated or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] b, byte... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A complete zip file ends with an end-of-central-directory record (22 bytes plus a comment). */
    private static boolean hasEndOfDirectory(byte[] b) {
        int lowest = Math.max(0, b.length - 22 - 0xffff);
        for (int i = b.length - 22; i >= lowest; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int commentLen = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + commentLen == b.length) {
                    return true;
                }
            }
        }
        return false;
    }
}
