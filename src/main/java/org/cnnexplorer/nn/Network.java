package org.cnnexplorer.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The article's CNN: Conv3x3(F) -> MaxPool2 -> Softmax(13 * 13 * F, 10) on a 28x28 image scaled
 * to [-0.5, 0.5], with the cross-entropy loss L = -ln(p_c).
 *
 * <p>{@link #trainStep} is the article's {@code train(im, label, lr)}: forward, the initial
 * gradient, backward through all three layers, then the SGD update. The pieces are public so the
 * views can stop between them. Not thread-safe: one thread trains, others read snapshots.
 */
public final class Network {
    public static final int CLASSES = 10;

    public final int numFilters;
    public final int height;
    public final int width;
    public final Conv3x3 conv;
    public final MaxPool2 pool;
    public final Softmax softmax;
    private final List<Param> params;
    private final Tensor input;
    private final Tensor dLdOut = Tensor.vector(CLASSES);
    private double[] probs;
    /** The fused training step for the article's 28x28 input, or null for other shapes. */
    private FastStep fast;
    /** Whether the last forward pass was {@link #trainForward}'s fused one (its caches feed {@link #backprop}). */
    private boolean fusedForward;

    public Network(int numFilters, int height, int width, long seed) {
        this(numFilters, height, width, new Random(seed));
    }

    public Network(int numFilters, long seed) {
        this(numFilters, 28, 28, seed);
    }

    /** Draws the filters first, then the softmax weights, from one generator. */
    public Network(int numFilters, int height, int width, Random rng) {
        if (numFilters < 1 || numFilters > 64) {
            throw new IllegalArgumentException("number of filters must be between 1 and 64, got " + numFilters);
        }
        if (height < 4 || width < 4) {
            throw new IllegalArgumentException("images must be at least 4x4");
        }
        this.numFilters = numFilters;
        this.height = height;
        this.width = width;
        this.conv = new Conv3x3(numFilters, rng);
        this.conv.setComputeInputGradient(false);
        this.pool = new MaxPool2();
        this.softmax = new Softmax(pooledHeight() * pooledWidth() * numFilters, CLASSES, rng);
        List<Param> all = new ArrayList<>(conv.params());
        all.addAll(softmax.params());
        this.params = List.copyOf(all);
        this.input = new Tensor(1, height, width);
        this.fast = FastStep.supports(height, width, CLASSES) ? FastStep.best(numFilters) : null;
    }

    /**
     * How {@link #trainStep} and {@link #trainForward} / {@link #backprop} run. By default VECTOR
     * when this JVM has jdk.incubator.vector (and eight-lane double vectors) and the input is
     * 28x28, LAYERED otherwise: SCALAR is the vector step's plain-Java reference, bit for bit the
     * same but slower than the layers.
     */
    public enum StepPath {
        /** The layer classes one after the other (the reference). */
        LAYERED,
        /** {@link FastStep} in plain Java. */
        SCALAR,
        /** {@link FastStep} with jdk.incubator.vector; bit-identical to SCALAR. */
        VECTOR
    }

    public StepPath stepPath() {
        return fast == null ? StepPath.LAYERED : fast instanceof ScalarFastStep ? StepPath.SCALAR : StepPath.VECTOR;
    }

    /**
     * Chooses the training step's implementation (by default the fastest one available). Throws if
     * it is not available here: VECTOR needs {@code --add-modules jdk.incubator.vector} and
     * eight-lane double vectors, SCALAR and VECTOR need a 28x28 input.
     */
    public void setStepPath(StepPath path) {
        fusedForward = false;
        if (path == StepPath.LAYERED) {
            fast = null;
            return;
        }
        if (!FastStep.supports(height, width, CLASSES)) {
            throw new IllegalStateException("the fused step needs a 28x28 input");
        }
        FastStep f = path == StepPath.SCALAR ? new ScalarFastStep(numFilters) : FastStep.vectorOrNull(numFilters);
        if (f == null) {
            throw new IllegalStateException("the vector step is not available in this JVM");
        }
        fast = f;
    }

    /** The fused step in use (for timing its stages), or null on the layered path. */
    public FastStep fastStep() {
        return fast;
    }

    public int convHeight() {
        return height - 2;
    }

    public int convWidth() {
        return width - 2;
    }

    public int pooledHeight() {
        return (height - 2) / 2;
    }

    public int pooledWidth() {
        return (width - 2) / 2;
    }

    /** conv_filters, softmax_weights (transposed, see {@link Softmax}), softmax_biases. */
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

    /** Forward pass of the current input; returns the ten probabilities (live). */
    public double[] forward() {
        fusedForward = false;
        Tensor out = conv.forward(input);
        out = pool.forward(out);
        probs = softmax.forward(out).data;
        return probs;
    }

    public double[] forward(byte[] pixels, int offset) {
        setInput(pixels, offset);
        return forward();
    }

    /**
     * The forward pass of a training step: the fused one when available, which leaves the layers'
     * caches (and {@link #input()}) as they were and keeps its own for {@link #backprop}; the
     * layered {@link #forward(byte[], int)} otherwise. Returns the probabilities (live). Its
     * results agree with the layered pass to rounding, not bit for bit (see {@link FastStep}).
     */
    public double[] trainForward(byte[] pixels, int offset) {
        if (fast == null) {
            return forward(pixels, offset);
        }
        probs = fast.forward(conv.filters, softmax.weights, softmax.biases, pixels, offset);
        fusedForward = true;
        return probs;
    }

    /** Probabilities of the last forward pass (live). */
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
        java.util.Arrays.fill(dLdOut.data, 0.0);
        dLdOut.data[label] = -1.0 / probs[label];
        return dLdOut;
    }

    /** Backward through softmax, pooling and convolution; fills every parameter's gradient. Returns dL/dinput only if the conv computes it. */
    public Tensor backward(int label) {
        fusedForward = false;
        Tensor g = softmax.backward(initialGradient(label));
        g = pool.backward(g);
        return conv.backward(g);
    }

    public void applyGradients(double learnRate) {
        Sgd.step(params, learnRate);
    }

    /**
     * One SGD step on one image, the article's {@code train(im, label, lr)}; returns the loss
     * before the update. {@link #trainForward} then {@link #backprop}: with the fused step
     * ({@link #stepPath()} not LAYERED) the weights agree with {@link #backward} then
     * {@link #applyGradients} to rounding; on the layered path bit for bit. Either way the
     * softmax's dL/dw is left uncomputed, and the layers' caches are those of an earlier
     * {@link #forward()} when the fused step runs.
     */
    public double trainStep(byte[] pixels, int offset, int label, double learnRate) {
        trainForward(pixels, offset);
        double loss = loss(label);
        backprop(label, learnRate);
        return loss;
    }

    /**
     * After a forward pass: backward and update in one go, the article's backprop chain. Fills
     * dL/dfilters and dL/db, not dL/dw. After {@link #trainForward} it takes the fused step.
     */
    public void backprop(int label, double learnRate) {
        if (fusedForward) {
            fusedForward = false;
            fast.backprop(this, label, learnRate);
            return;
        }
        Tensor g = softmax.backprop(initialGradient(label), learnRate);
        g = pool.backward(g);
        conv.backprop(g, learnRate);
    }

    /** Copies every parameter value from a network of the same shape. */
    public void copyWeightsFrom(Network other) {
        if (other.numFilters != numFilters || other.height != height || other.width != width) {
            throw new IllegalArgumentException("networks differ in shape");
        }
        for (int p = 0; p < params.size(); p++) {
            double[] src = other.params.get(p).value();
            System.arraycopy(src, 0, params.get(p).value(), 0, src.length);
        }
    }

    /** A new network with the same weights and options (fresh caches). */
    public Network copy() {
        Network n = new Network(numFilters, height, width, new Random(0));
        n.copyWeightsFrom(this);
        n.pool.setFirstMaxOnly(pool.firstMaxOnly());
        if (n.stepPath() != stepPath()) {
            n.setStepPath(stepPath());
        }
        return n;
    }
}
