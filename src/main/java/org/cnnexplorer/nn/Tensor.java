package org.cnnexplorer.nn;

import java.util.Arrays;

/**
 * A dense volume of doubles in channel-major (C, H, W) order: the value at channel c, row y,
 * column x is {@code data[(c * height + y) * width + x]}. Vectors are (n, 1, 1).
 */
public final class Tensor {
    public final int channels;
    public final int height;
    public final int width;
    public final double[] data;

    public Tensor(int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("tensor dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = new double[channels * height * width];
    }

    /** A (n, 1, 1) vector. */
    public static Tensor vector(int n) {
        return new Tensor(n, 1, 1);
    }

    public int size() {
        return data.length;
    }

    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }

    public double get(int c, int y, int x) {
        return data[index(c, y, x)];
    }

    public void set(int c, int y, int x, double v) {
        data[index(c, y, x)] = v;
    }

    public boolean sameShape(Tensor o) {
        return channels == o.channels && height == o.height && width == o.width;
    }

    public Tensor copy() {
        Tensor t = new Tensor(channels, height, width);
        System.arraycopy(data, 0, t.data, 0, data.length);
        return t;
    }

    /** One channel as a fresh row-major (H, W) array. */
    public double[] channel(int c) {
        return Arrays.copyOfRange(data, c * height * width, (c + 1) * height * width);
    }

    public String shape() {
        return "(" + channels + ", " + height + ", " + width + ")";
    }

    @Override
    public String toString() {
        return "Tensor" + shape();
    }
}
