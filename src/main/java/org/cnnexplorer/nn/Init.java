package org.cnnexplorer.nn;

import java.util.Locale;
import java.util.Random;

/**
 * How a layer's weights are first drawn. All three draw from a normal distribution and differ in
 * its spread:
 * <ul>
 * <li>{@link #ARTICLE}: the article's N(0, 1) / n, with n = 9 for a filter and the input length for
 *     the softmax layer (for one 3x3 filter on one channel this is a standard deviation of 1/9);</li>
 * <li>{@link #GLOROT}: standard deviation sqrt(2 / (fan_in + fan_out)), which keeps the variance of
 *     activations and of gradients about the same from layer to layer (Glorot and Bengio, 2010);</li>
 * <li>{@link #HE}: standard deviation sqrt(2 / fan_in), which makes up for ReLU zeroing half of its
 *     inputs (He et al., 2015).</li>
 * </ul>
 */
public enum Init {
    ARTICLE, GLOROT, HE;

    /**
     * One weight. {@code articleDivisor} is the article's n; the fans count the inputs and outputs
     * a weight connects (a 3x3 filter over C channels has fan_in 9C).
     */
    double draw(Random rng, int articleDivisor, int fanIn, int fanOut) {
        return switch (this) {
            // Division, as in the article (and the bits the reference run was made with).
            case ARTICLE -> rng.nextGaussian() / articleDivisor;
            case GLOROT -> rng.nextGaussian() * Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
        };
    }

    /** "article", "glorot" or "he". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scheme named by {@link #key()}, or null. */
    public static Init parse(String s) {
        for (Init i : values()) {
            if (i.key().equalsIgnoreCase(s.trim())) {
                return i;
            }
        }
        return null;
    }
}
