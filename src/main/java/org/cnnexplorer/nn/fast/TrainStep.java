package org.cnnexplorer.nn.fast;

import org.cnnexplorer.nn.Network;

/**
 * The article's {@code train(im, label, lr)} in two halves, so the trainer can look at the loss
 * between them: {@link #forward}, then {@link #backprop}. {@link Steps#forTraining} picks one:
 * the reference layers or a {@link FusedStep}.
 */
public interface TrainStep {
    /**
     * Forward pass of the image of unsigned bytes at {@code offset}, scaled as the article does;
     * returns the ten probabilities (live, overwritten by the next call).
     */
    double[] forward(Network net, byte[] pixels, int offset);

    /** After {@link #forward} on the same network: every parameter's gradient and SGD update. */
    void backprop(Network net, int label, double learnRate);

    /**
     * After {@link #forward}: every parameter's gradient without an update, for a mini-batch.
     * The fused steps fold the update into the gradient and have none.
     */
    default void backward(Network net, int label) {
        throw new UnsupportedOperationException(name() + " has no separate backward pass");
    }

    /** What runs, for people: "vector step, 8 lanes", "scalar step", "layers". */
    String name();

    /** The layer classes one after the other: the reference, and the step for any image size. */
    TrainStep LAYERS = new TrainStep() {
        @Override
        public double[] forward(Network net, byte[] pixels, int offset) {
            return net.forward(pixels, offset);
        }

        @Override
        public void backprop(Network net, int label, double learnRate) {
            net.backprop(label, learnRate);
        }

        @Override
        public void backward(Network net, int label) {
            net.backward(label);
        }

        @Override
        public String name() {
            return "layers";
        }
    };
}
