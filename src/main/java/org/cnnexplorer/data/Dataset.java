package org.cnnexplorer.data;

/**
 * Labelled greyscale images, all of one size, as unsigned bytes (0 = background). Immutable by
 * convention: nobody writes to {@link #pixels()} after loading, so any thread may read it.
 */
public record Dataset(String name, int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public Dataset {
        if (pixels.length != count * rows * cols || labels.length != count) {
            throw new IllegalArgumentException("pixel or label count does not match");
        }
    }

    public int imageSize() {
        return rows * cols;
    }

    public int offset(int index) {
        return index * rows * cols;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The first n images (or all of them if n is larger or negative), sharing no arrays. */
    public Dataset head(int n) {
        if (n < 0 || n >= count) {
            return this;
        }
        byte[] px = java.util.Arrays.copyOf(pixels, n * rows * cols);
        byte[] lb = java.util.Arrays.copyOf(labels, n);
        return new Dataset(name, n, rows, cols, px, lb);
    }

    /** One image, copied. */
    public byte[] image(int index) {
        return java.util.Arrays.copyOfRange(pixels, offset(index), offset(index + 1));
    }
}
