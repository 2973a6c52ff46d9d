package org.cnnexplorer.nn;

/**
 * The shape of a network beyond the article's: one or two 3x3 convolutions (the second sees every
 * filter of the first), optionally a ReLU after each, then 2x2 max pooling and softmax; plus how
 * the weights are first drawn. {@link #article} with 8 filters is the article's network.
 *
 * @param filters1 filters of the first convolution
 * @param filters2 filters of the second convolution, or 0 for a single convolution
 * @param relu     a ReLU after each convolution
 * @param init     how the weights are first drawn
 */
public record Architecture(int filters1, int filters2, boolean relu, Init init) {
    /** Filters per layer of a two-layer network (each layer's cost grows with the product). */
    public static final int MAX_FILTERS_TWO_LAYERS = 32;
    /** Filters of a one-layer network, as before the options came. */
    public static final int MAX_FILTERS_ONE_LAYER = 64;

    public Architecture {
        if (init == null) {
            throw new IllegalArgumentException("init must be given");
        }
        int max = filters2 == 0 ? MAX_FILTERS_ONE_LAYER : MAX_FILTERS_TWO_LAYERS;
        if (filters1 < 1 || filters1 > max || filters2 < 0 || filters2 > max) {
            throw new IllegalArgumentException("filters must be between 1 and " + max + " per layer");
        }
    }

    /** The article's network with {@code filters} filters: one convolution, no ReLU, its initialisation. */
    public static Architecture article(int filters) {
        return new Architecture(filters, 0, false, Init.ARTICLE);
    }

    public int convLayers() {
        return filters2 == 0 ? 1 : 2;
    }

    /** Filters of the last convolution: the channels that are pooled. */
    public int lastFilters() {
        return filters2 == 0 ? filters1 : filters2;
    }

    /** Filters of convolution layer 1 or 2. */
    public int filters(int layer) {
        return layer == 1 ? filters1 : filters2;
    }

    /** One convolution without ReLU: the article's layers (whatever the initialisation). */
    public boolean isArticleShape() {
        return filters2 == 0 && !relu;
    }

    /** Same layers and sizes (the initialisation aside): weights of one fit the other. */
    public boolean sameLayers(Architecture o) {
        return filters1 == o.filters1 && filters2 == o.filters2 && relu == o.relu;
    }

    public Architecture withInit(Init i) {
        return new Architecture(filters1, filters2, relu, i);
    }

    /** "8", or "8,16": the {@code --filters} value. */
    public String filtersText() {
        return filters2 == 0 ? Integer.toString(filters1) : filters1 + "," + filters2;
    }

    /** For people: "conv 8 → pool → softmax", "conv 8 → ReLU → conv 16 → ReLU → pool → softmax". */
    public String describe() {
        String r = relu ? " → ReLU" : "";
        String convs = "conv " + filters1 + r + (filters2 == 0 ? "" : " → conv " + filters2 + r);
        return convs + " → pool → softmax";
    }
}
