package org.cnnexplorer.lesson;

import org.cnnexplorer.explain.BackpropTrace;
import org.cnnexplorer.nn.Network;

/**
 * What a question is asked about: the weights as they are now, one image, its label and the
 * learning rate of the next step. Everything a question reveals is computed from these, so an
 * answer follows training, a loaded model or another image. The weights are copied on first use;
 * the caller's network is never changed.
 */
public final class LessonInput {
    private final Network weights;
    private final double[] image;
    private final int label;
    private final double learnRate;
    private final String description;
    private BackpropTrace trace;
    private double[] probabilities;

    /**
     * @param weights     the network whose weights to use (not changed)
     * @param scaledImage the image scaled to [-0.5, 0.5], row-major
     * @param label       the true digit, or -1 when unknown (a drawing)
     * @param learnRate   the learning rate of the next SGD step
     * @param description one line naming the image, for the reveal ("test image 42, a 4")
     */
    public LessonInput(Network weights, double[] scaledImage, int label, double learnRate, String description) {
        if (scaledImage.length != weights.height * weights.width) {
            throw new IllegalArgumentException("image has " + scaledImage.length + " pixels, the network expects "
                    + weights.height * weights.width);
        }
        if (label < -1 || label >= Network.CLASSES) {
            throw new IllegalArgumentException("label must be a digit or -1, got " + label);
        }
        this.weights = weights.copy();
        this.image = scaledImage.clone();
        this.label = label;
        this.learnRate = learnRate;
        this.description = description;
    }

    /** From MNIST bytes, scaled the article's way: byte / 255 - 0.5. */
    public static double[] scale(byte[] pixels, int offset, int count) {
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = (pixels[offset + i] & 0xff) / 255.0 - 0.5;
        }
        return d;
    }

    /** A private copy of the weights (callers may run passes on it). */
    public Network network() {
        return weights.copy();
    }

    public double[] image() {
        return image.clone();
    }

    public boolean labelKnown() {
        return label >= 0;
    }

    /** The true digit; for a drawing (label unknown) the network's own reading stands in. */
    public int label() {
        return label >= 0 ? label : predicted();
    }

    public double learnRate() {
        return learnRate;
    }

    public String description() {
        return description;
    }

    public int numFilters() {
        return weights.numFilters;
    }

    public boolean firstMaxOnly() {
        return weights.pool.firstMaxOnly();
    }

    /** The forward pass's ten probabilities. */
    public double[] probabilities() {
        if (probabilities == null) {
            Network n = weights.copy();
            n.setInput(image);
            probabilities = n.forward().clone();
        }
        return probabilities.clone();
    }

    /** True when the weights give no usable answer (diverged training: NaN or a zero probability for the label). */
    public boolean diverged() {
        double[] p = probabilities();
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return p[label()] <= 0;
    }

    public int predicted() {
        return Network.argmax(probabilities());
    }

    /** One whole training step on this image, recorded (computed once). */
    public BackpropTrace trace() {
        if (trace == null) {
            trace = BackpropTrace.record(weights, image, label(), learnRate);
        }
        return trace;
    }

    /** The same step with another learning rate (not cached). */
    public BackpropTrace traceWithLearnRate(double lr) {
        return BackpropTrace.record(weights, image, label(), lr);
    }
}
