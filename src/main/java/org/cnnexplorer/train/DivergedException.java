package org.cnnexplorer.train;

/** The loss became NaN or infinite: the learning rate is too large for this network. */
public class DivergedException extends RuntimeException {
    public DivergedException(int epoch, int step, double loss) {
        super(String.format(java.util.Locale.ROOT,
                "training diverged at epoch %d, step %d: the loss is %s; try a smaller learning rate",
                epoch, step, Double.isNaN(loss) ? "NaN" : "infinite"));
    }
}
