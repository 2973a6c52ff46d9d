package org.cnnexplorer.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The article's CNN: Conv3x3(F) -> MaxPool2 -> Softmax(13 * 13 * F, 10) on a 28x28 image scaled
 * to [-0.5, 0.5], with the cross-entropy loss L = -ln(p_c), made of the reference layers.
 * An {@link Architecture} may add a ReLU after each convolution and a second convolution that
 * sees every filter of the first: Conv3x3(F1) -> [ReLU] -> Conv3x3(F2 over F1 channels) -> [ReLU]
 * -> MaxPool2 -> Softmax(12 * 12 * F2, 10) on 28x28 images.
 *
 * <p>{@link #trainStep} is the article's {@code train(im, label, lr)}: {@link #forward}, the
 * initial gradient, {@link #backprop} through all three layers with the SGD update. The pieces are
 * public so the views can stop between them, and {@link #backward} computes every gradient without
 * changing a weight. The trainer's faster step ({@code nn.fast}) works on the same parameters and
 * calls {@link #forgetForwardPass} when it has changed them. Not thread-safe: one thread trains,
 * others read snapshots.
 */
public final class Network {
    public static final int CLASSES = 10;

    public final Architecture arch;
    /** Filters of the first convolution. */
    public final int numFilters;
    public final int height;
    public final int width;
    /** The first convolution. */
    public final Conv3x3 conv;
    /** ReLU after the first convolution, or null. */
    public final Relu relu1;
    /** The second convolution, or null. */
    public final Conv3x3 conv2;
    /** ReLU after the second convolution, or null. */
    public final Relu relu2;
    public final MaxPool2 pool;
    public final Softmax softmax;
    private final List<Param> params;
    private final Tensor input;
    private double[] probs;
    private Tensor firstOutput;
    private Tensor poolInput;
    private Tensor pooled;

    public Network(int numFilters, int height, int width, long seed) {
        this(numFilters, height, width, new Random(seed));
    }

    public Network(int numFilters, long seed) {
        this(numFilters, 28, 28, seed);
    }

    /** Draws the filters first, then the softmax weights, from one generator. */
    public Network(int numFilters, int height, int width, Random rng) {
        this(checkedArticle(numFilters), height, width, rng);
    }

    public Network(Architecture arch, long seed) {
        this(arch, 28, 28, new Random(seed));
    }

    /** Draws the first convolution's filters, then the second's, then the softmax weights, from one generator. */
    public Network(Architecture arch, int height, int width, Random rng) {
        int convs = arch.convLayers();
        if (height < 2 * convs + 2 || width < 2 * convs + 2) {
            throw new IllegalArgumentException("images must be at least " + (2 * convs + 2) + "x" + (2 * convs + 2));
        }
        this.arch = arch;
        this.numFilters = arch.filters1();
        this.height = height;
        this.width = width;
        this.conv = new Conv3x3(arch.filters1(), 1, rng, arch.init(), convs == 1 ? "conv_filters" : "conv1_filters");
        this.relu1 = arch.relu() ? new Relu() : null;
        this.conv2 = convs == 2 ? new Conv3x3(arch.filters2(), arch.filters1(), rng, arch.init(), "conv2_filters") : null;
        this.relu2 = convs == 2 && arch.relu() ? new Relu() : null;
        this.pool = new MaxPool2();
        this.softmax = new Softmax(pooledHeight() * pooledWidth() * arch.lastFilters(), CLASSES, rng, arch.init());
        List<Param> all = new ArrayList<>(conv.params());
        if (conv2 != null) {
            all.addAll(conv2.params());
        }
        all.addAll(softmax.params());
        this.params = List.copyOf(all);
        this.input = new Tensor(1, height, width);
    }

    private static Architecture checkedArticle(int numFilters) {
        if (numFilters < 1 || numFilters > Architecture.MAX_FILTERS_ONE_LAYER) {
            throw new IllegalArgumentException("number of filters must be between 1 and 64, got " + numFilters);
        }
        return Architecture.article(numFilters);
    }

    /** Filters of the last convolution: the channels that are pooled. */
    public int pooledChannels() {
        return arch.lastFilters();
    }

    /** Height of the last convolution's output, the maps that are pooled (26 for the article, 24 with two). */
    public int convHeight() {
        return height - 2 * arch.convLayers();
    }

    public int convWidth() {
        return width - 2 * arch.convLayers();
    }

    public int pooledHeight() {
        return convHeight() / 2;
    }

    public int pooledWidth() {
        return convWidth() / 2;
    }

    /**
     * conv_filters (or conv1_filters and conv2_filters), softmax_weights (transposed, see
     * {@link Softmax}), softmax_biases.
     */
    public List<Param> params() {
        return params;
    }

    /** The article's preprocessing: (image / 255) - 0.5, from unsigned bytes at {@code offset}. */
    public Tensor setInput(byte[] pixels, int offset) {
        double[] d = input.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = (pixels[offset + i] & 0xff) / 255.0 - 0.5;
        }
        return input;
    }

    /** An input already scaled to [-0.5, 0.5], row-major. */
    public Tensor setInput(double[] scaled) {
        if (scaled.length != input.data.length) {
            throw new IllegalArgumentException("expected " + input.data.length + " pixels, got " + scaled.length);
        }
        System.arraycopy(scaled, 0, input.data, 0, scaled.length);
        return input;
    }

    /** The current input (live). */
    public Tensor input() {
        return input;
    }

    /** Forward pass of the current input through the layers; returns the ten probabilities. */
    public double[] forward() {
        Tensor out = conv.forward(input);
        if (relu1 != null) {
            out = relu1.forward(out);
        }
        firstOutput = out;
        if (conv2 != null) {
            out = conv2.forward(out);
            if (relu2 != null) {
                out = relu2.forward(out);
            }
        }
        poolInput = out;
        pooled = pool.forward(out);
        probs = softmax.forward(pooled).data;
        return probs;
    }

    /** The first convolution's output of the last forward pass, after its ReLU if any; or null. */
    public Tensor firstConvOutput() {
        return firstOutput;
    }

    /** What the last forward pass pooled: the last convolution's output (after ReLU); or null. */
    public Tensor poolInput() {
        return poolInput;
    }

    /** The pooled output of the last forward pass, or null. */
    public Tensor pooledOutput() {
        return pooled;
    }

    public double[] forward(byte[] pixels, int offset) {
        setInput(pixels, offset);
        return forward();
    }

    /** Probabilities of the last forward pass, or null after {@link #forgetForwardPass}. */
    public double[] probabilities() {
        return probs;
    }

    /** Cross-entropy loss of the last forward pass: -ln(p_label). */
    public double loss(int label) {
        return -Math.log(probs[label]);
    }

    /** argmax of the last forward pass; the first of equal maxima, like numpy's argmax. */
    public int predicted() {
        return argmax(probs);
    }

    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The article's initial gradient: dL/dout(i) = -1 / p_i for the true class, 0 elsewhere. */
    public Tensor initialGradient(int label) {
        if (probs == null) {
            throw new IllegalStateException("the initial gradient needs a forward pass first");
        }
        Tensor dLdOut = Tensor.vector(CLASSES);
        dLdOut.data[label] = -1.0 / probs[label];
        return dLdOut;
    }

    /**
     * Backward through softmax, pooling and convolution after {@link #forward}: fills every
     * parameter's gradient and changes no weight. Returns dL/dinput.
     */
    public Tensor backward(int label) {
        Tensor g = softmax.backward(initialGradient(label));
        g = pool.backward(g);
        if (conv2 != null) {
            if (relu2 != null) {
                g = relu2.backward(g);
            }
            g = conv2.backward(g);
        }
        if (relu1 != null) {
            g = relu1.backward(g);
        }
        return conv.backward(g);
    }

    /** The SGD update with the gradients of the last {@link #backward}. */
    public void applyGradients(double learnRate) {
        Sgd.step(params, learnRate);
    }

    /**
     * One SGD step on one image through the layers, the article's {@code train(im, label, lr)};
     * returns the loss before the update.
     */
    public double trainStep(byte[] pixels, int offset, int label, double learnRate) {
        forward(pixels, offset);
        double loss = loss(label);
        backprop(label, learnRate);
        return loss;
    }

    /**
     * After {@link #forward}: the article's backprop chain, each layer's {@code backprop(gradient,
     * learnRate)} in turn (gradient, then update). The weights end exactly as after
     * {@link #backward} then {@link #applyGradients}.
     */
    public void backprop(int label, double learnRate) {
        Tensor g = softmax.backprop(initialGradient(label), learnRate);
        g = pool.backward(g);
        if (conv2 != null) {
            if (relu2 != null) {
                g = relu2.backward(g);
            }
            g = conv2.backprop(g, learnRate);
        }
        if (relu1 != null) {
            g = relu1.backward(g);
        }
        conv.backprop(g, learnRate);
    }

    /**
     * Drops every cached forward pass (the layers' inputs, the probabilities): for code that
     * changed the weights another way, so that no cache describes weights that are gone. A
     * backward then needs a new forward pass.
     */
    public void forgetForwardPass() {
        conv.forget();
        if (relu1 != null) {
            relu1.forget();
        }
        if (conv2 != null) {
            conv2.forget();
        }
        if (relu2 != null) {
            relu2.forget();
        }
        pool.forget();
        softmax.forget();
        probs = null;
        firstOutput = null;
        poolInput = null;
        pooled = null;
    }

    /** Copies every parameter value from a network of the same shape. */
    public void copyWeightsFrom(Network other) {
        if (!other.arch.sameLayers(arch) || other.height != height || other.width != width) {
            throw new IllegalArgumentException("networks differ in shape");
        }
        for (int p = 0; p < params.size(); p++) {
            double[] src = other.params.get(p).value();
            System.arraycopy(src, 0, params.get(p).value(), 0, src.length);
        }
    }

    /** A new network with the same weights and options (fresh caches). */
    public Network copy() {
        Network n = new Network(arch, height, width, new Random(0));
        n.copyWeightsFrom(this);
        n.pool.setFirstMaxOnly(pool.firstMaxOnly());
        n.conv.setComputeInputGradient(conv.computesInputGradient());
        return n;
    }
}
