package org.cnnexplorer.train;

import java.util.Arrays;

/**
 * A bounded series of (x, y...) points for long runs: it keeps every point until it holds
 * {@code capacity}, then merges neighbours pairwise (averaging y, weighted by how many raw points
 * each holds; keeping the later x and tag) and from then on averages twice as many raw points
 * into each new point. Long runs are therefore decimated, not truncated, in bounded memory.
 *
 * <p>Not thread-safe: one thread (the FX thread) adds and reads.
 */
public final class DecimatedSeries {
    private final int capacity;
    private final int columns;
    private final double[] xs;
    private final double[][] ys;
    private final int[] counts;
    private final int[] tags;
    private int size;
    private int bucket = 1;
    private long rebuilds;
    private long added;
    // the raw points of the bucket being filled
    private final double[] pendingY;
    private int pendingCount;
    private double pendingX;
    private int pendingTag;

    /** @param capacity points kept at most (even, at least 2); @param columns y values per point */
    public DecimatedSeries(int capacity, int columns) {
        if (capacity < 2 || capacity % 2 != 0 || columns < 1) {
            throw new IllegalArgumentException("capacity must be even and at least 2, columns at least 1");
        }
        this.capacity = capacity;
        this.columns = columns;
        this.xs = new double[capacity];
        this.ys = new double[columns][capacity];
        this.counts = new int[capacity];
        this.tags = new int[capacity];
        this.pendingY = new double[columns];
    }

    /** Adds one raw point; {@code tag} is carried along (e.g. the epoch) and merged as "the later one". */
    public void add(double x, int tag, double... y) {
        if (y.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values");
        }
        added++;
        for (int c = 0; c < columns; c++) {
            pendingY[c] += y[c];
        }
        pendingX = x;
        pendingTag = tag;
        pendingCount++;
        if (pendingCount == bucket) {
            if (size == capacity) {
                halve();
            }
            xs[size] = pendingX;
            tags[size] = pendingTag;
            counts[size] = pendingCount;
            for (int c = 0; c < columns; c++) {
                ys[c][size] = pendingY[c] / pendingCount;
                pendingY[c] = 0;
            }
            size++;
            pendingCount = 0;
        }
    }

    /** Points kept (the raw points of an unfinished bucket are not yet among them). */
    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int column, int i) {
        return ys[column][i];
    }

    public int tag(int i) {
        return tags[i];
    }

    /** How many raw points point i averages. */
    public int count(int i) {
        return counts[i];
    }

    /** Raw points per new point now (1 until the first merge, then 2, 4, ...). */
    public int bucket() {
        return bucket;
    }

    /** Raw points ever added. */
    public long added() {
        return added;
    }

    /** Grows each time existing points were merged, so a reader knows to redraw everything. */
    public long rebuilds() {
        return rebuilds;
    }

    public void clear() {
        size = 0;
        bucket = 1;
        pendingCount = 0;
        added = 0;
        Arrays.fill(pendingY, 0);
        rebuilds++;
    }

    private void halve() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int b = a + 1;
            int n = counts[a] + counts[b];
            for (int c = 0; c < columns; c++) {
                ys[c][i] = (ys[c][a] * counts[a] + ys[c][b] * counts[b]) / n;
            }
            xs[i] = xs[b];
            tags[i] = tags[b];
            counts[i] = n;
        }
        size = half;
        bucket *= 2;
        rebuilds++;
    }
}
