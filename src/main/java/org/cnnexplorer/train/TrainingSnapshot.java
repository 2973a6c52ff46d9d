package org.cnnexplorer.train;

/**
 * What the window shows of a training run at one moment, published by the training thread at most
 * ~30 times a second: the weights (and latest filter gradients), where the run is, and the image
 * just trained on with its activations and max-pool routing under the updated weights.
 * Immutable: every array is a copy made when publishing, never on other steps.
 *
 * @param imagesSeen       training steps on these weights since the last reset (over all runs)
 * @param stepsPerSecond   measured over the last second of stepping (evaluation excluded); 0 if unknown
 * @param imageIndex       index into the training set of {@link #current}, or -1 before the first step
 * @param current          the last training image's activations, or null before the first step
 */
public record TrainingSnapshot(NetworkSnapshot network, int epoch, int epochs, int stepInEpoch, int stepsPerEpoch,
                               long globalStep, long totalSteps, long imagesSeen, double lastLoss,
                               double stepsPerSecond, int imageIndex, ImageActivations current) {

    /** Fraction of the run done, 0..1. */
    public double fraction() {
        return totalSteps == 0 ? 0 : (double) globalStep / totalSteps;
    }

    public long stepsLeft() {
        return totalSteps - globalStep;
    }

    /** Seconds until the run ends at the measured speed, or NaN if unknown. */
    public double secondsLeft() {
        return stepsPerSecond > 0 ? stepsLeft() / stepsPerSecond : Double.NaN;
    }
}
