package org.cnnexplorer.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cnnexplorer.nn.Network;

/**
 * One trainable number of the article's CNN, named the way the article indexes it:
 * a convolution filter weight filter f (x, y); a softmax weight from pooled cell (row, col) of
 * filter f to class k; or the bias of class k.
 */
public record WeightRef(Kind kind, int f, int x, int y, int k) {
    public enum Kind { CONV_FILTER, SOFTMAX_WEIGHT, SOFTMAX_BIAS, CONV2_FILTER }

    public static WeightRef filter(int f, int x, int y) {
        return new WeightRef(Kind.CONV_FILTER, f, x, y, -1);
    }

    /** The softmax weight from pooled cell (row, col) of filter f to class k. */
    public static WeightRef weight(int f, int row, int col, int k) {
        return new WeightRef(Kind.SOFTMAX_WEIGHT, f, row, col, k);
    }

    /** The second convolution's weight of output filter f on input channel c, row x, column y. */
    public static WeightRef filter2(int f, int c, int x, int y) {
        return new WeightRef(Kind.CONV2_FILTER, f, x, y, c);
    }

    public static WeightRef bias(int k) {
        return new WeightRef(Kind.SOFTMAX_BIAS, -1, -1, -1, k);
    }

    /** Checks the indices against a network's shape. */
    public void validate(Network net) {
        boolean ok = switch (kind) {
            case CONV_FILTER -> f >= 0 && f < net.numFilters && x >= 0 && x < 3 && y >= 0 && y < 3;
            case CONV2_FILTER -> net.conv2 != null && f >= 0 && f < net.conv2.numFilters && k >= 0 && k < net.numFilters
                    && x >= 0 && x < 3 && y >= 0 && y < 3;
            case SOFTMAX_WEIGHT -> f >= 0 && f < net.pooledChannels() && x >= 0 && x < net.pooledHeight()
                    && y >= 0 && y < net.pooledWidth() && k >= 0 && k < Network.CLASSES;
            case SOFTMAX_BIAS -> k >= 0 && k < Network.CLASSES;
        };
        if (!ok) {
            throw new IllegalArgumentException(this + " is outside the network");
        }
    }

    /** The array this number lives in (live) and its index there. */
    double[] array(Network net) {
        return switch (kind) {
            case CONV_FILTER -> net.conv.filters();
            case CONV2_FILTER -> net.conv2.filters();
            case SOFTMAX_WEIGHT -> net.softmax.weights();
            case SOFTMAX_BIAS -> net.softmax.biases();
        };
    }

    double[] gradient(Network net) {
        return switch (kind) {
            case CONV_FILTER -> net.conv.dLdFilters();
            case CONV2_FILTER -> net.conv2.dLdFilters();
            case SOFTMAX_WEIGHT -> net.softmax.dLdW();
            case SOFTMAX_BIAS -> net.softmax.dLdB();
        };
    }

    int index(Network net) {
        return switch (kind) {
            case CONV_FILTER -> f * 9 + x * 3 + y;
            case CONV2_FILTER -> ((f * net.numFilters + k) * 3 + x) * 3 + y;
            case SOFTMAX_WEIGHT -> k * net.softmax.inputLen + (f * net.pooledHeight() + x) * net.pooledWidth() + y;
            case SOFTMAX_BIAS -> k;
        };
    }

    /**
     * "filter 3 (1, 2)", "w[f 2, (5, 7) → class 3]", "bias 4". Filters are numbered from 1 as in the
     * other views; rows, columns and classes from 0 as in the article's equations.
     */
    public String label() {
        return switch (kind) {
            case CONV_FILTER -> String.format(Locale.ROOT, "filter %d (%d, %d)", f + 1, x, y);
            case CONV2_FILTER -> String.format(Locale.ROOT, "layer 2 filter %d, channel %d (%d, %d)", f + 1, k + 1, x, y);
            case SOFTMAX_WEIGHT -> String.format(Locale.ROOT, "w[f %d, (%d, %d) → class %d]", f + 1, x, y, k);
            case SOFTMAX_BIAS -> "bias " + k;
        };
    }

    /**
     * {@code n} distinct numbers picked at random, about a third from each kind (the conv filters
     * are few, so they are well represented); with two convolutions, a quarter from each.
     */
    public static List<WeightRef> random(Network net, int n, Random rng) {
        List<WeightRef> out = new ArrayList<>();
        int guard = 0;
        while (out.size() < n && guard++ < 100 * n) {
            WeightRef w = switch (out.size() % (net.conv2 == null ? 3 : 4)) {
                case 0 -> filter(rng.nextInt(net.numFilters), rng.nextInt(3), rng.nextInt(3));
                case 3 -> filter2(rng.nextInt(net.conv2.numFilters), rng.nextInt(net.numFilters), rng.nextInt(3), rng.nextInt(3));
                case 1 -> weight(rng.nextInt(net.pooledChannels()), rng.nextInt(net.pooledHeight()),
                        rng.nextInt(net.pooledWidth()), rng.nextInt(Network.CLASSES));
                default -> bias(rng.nextInt(Network.CLASSES));
            };
            if (!out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
