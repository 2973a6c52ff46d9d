package org.cnnexplorer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads (and writes) the IDX format of MNIST: a big-endian int32 magic (0x00000803 for images, 0x00000801 for
 * labels: two zero bytes, the type 0x08 for unsigned bytes, and the number of dimensions),
 * the dimension sizes as int32, then unsigned bytes. Gzipped input is recognised by its header.
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_ITEMS = 10_000_000;

    private Idx() {
    }

    /** Images as one unsigned-byte array, image n at offset n * rows * cols. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    public static Images readImages(InputStream raw, String name) throws DataException {
        try (DataInputStream in = open(raw)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataException(name + " is not an IDX image file (magic " + hex(magic) + ", expected " + hex(IMAGES_MAGIC) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || count > MAX_ITEMS || rows < 4 || cols < 4 || rows > 1024 || cols > 1024) {
                throw new DataException(name + " has implausible dimensions: " + count + " images of " + rows + "x" + cols);
            }
            byte[] px = readFully(in, (long) count * rows * cols, name, "images");
            return new Images(count, rows, cols, px);
        } catch (EOFException e) {
            throw new DataException(name + " is truncated: its header is incomplete");
        } catch (IOException e) {
            throw new DataException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    public static byte[] readLabels(InputStream raw, String name) throws DataException {
        try (DataInputStream in = open(raw)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataException(name + " is not an IDX label file (magic " + hex(magic) + ", expected " + hex(LABELS_MAGIC) + ")");
            }
            int count = in.readInt();
            if (count < 0 || count > MAX_ITEMS) {
                throw new DataException(name + " has an implausible label count: " + count);
            }
            byte[] labels = readFully(in, count, name, "labels");
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] > 9) {
                    throw new DataException(name + ": label " + i + " is " + (labels[i] & 0xff) + ", not a digit 0-9");
                }
            }
            return labels;
        } catch (EOFException e) {
            throw new DataException(name + " is truncated: its header is incomplete");
        } catch (IOException e) {
            throw new DataException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** A magic number the way the IDX format describes it: 0x00000803. */
    static String hex(int magic) {
        return String.format("0x%08x", magic);
    }

    /** The IDX image file of {@code d}: magic 2051, count, rows, cols, then the pixels (not gzipped). */
    public static byte[] imagesFile(Dataset d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + d.pixels().length);
        b.putInt(IMAGES_MAGIC).putInt(d.count()).putInt(d.rows()).putInt(d.cols()).put(d.pixels());
        return b.array();
    }

    /** The IDX label file of {@code d}: magic 2049, count, then the labels. */
    public static byte[] labelsFile(Dataset d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + d.count());
        b.putInt(LABELS_MAGIC).putInt(d.count()).put(d.labels());
        return b.array();
    }

    /**
     * Reads exactly {@code total} bytes. The array grows as data arrives, so a corrupt header
     * claiming billions of bytes in a tiny file is reported as truncated instead of exhausting memory.
     */
    private static byte[] readFully(DataInputStream in, long total, String name, String what) throws IOException, DataException {
        if (total > Integer.MAX_VALUE - 16) {
            throw new DataException(name + " claims " + total + " bytes of " + what + ", more than one file can hold here");
        }
        int want = (int) total;
        byte[] dst = new byte[Math.min(want, 1 << 20)];
        int off = 0;
        try {
            while (off < want) {
                if (off == dst.length) {
                    dst = Arrays.copyOf(dst, (int) Math.min(want, 2L * dst.length));
                }
                int n = in.read(dst, off, dst.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            // a gzip stream that ends early
        }
        if (off < want) {
            throw new DataException(name + " is truncated: it should hold " + want + " bytes of " + what + " but has only " + off);
        }
        return dst;
    }

    private static DataInputStream open(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16) : b;
        return new DataInputStream(in);
    }
}
