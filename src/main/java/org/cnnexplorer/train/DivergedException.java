package org.cnnexplorer.train;

/**
 * The loss became NaN or infinite: the learning rate is too large for this network, or, when it
 * happens on the very first step, the weights trained from give the true digit no probability.
 */
public class DivergedException extends RuntimeException {
    public DivergedException(int epoch, int step, double loss, boolean firstStep) {
        super(firstStep
                ? String.format(java.util.Locale.ROOT,
                        "the loss is %s on the first step (epoch %d, step %d): these weights give the true digit no "
                                + "probability, so no learning rate can train them; train new weights (Reset) or open another model",
                        what(loss), epoch, step)
                : String.format(java.util.Locale.ROOT,
                        "training diverged at epoch %d, step %d: the loss is %s; try a smaller learning rate",
                        epoch, step, what(loss)));
    }

    private static String what(double loss) {
        return Double.isNaN(loss) ? "NaN" : "infinite";
    }
}
