package org.cnnexplorer.train;

/**
 * The article's progress line: the average loss and the accuracy over the last {@code count}
 * training steps (100, or fewer at the end of an epoch). {@code step} counts from 1 within the
 * epoch, {@code globalStep} from 1 over the whole run.
 */
public record WindowStats(int epoch, int step, long globalStep, int count, double averageLoss, int correct) {
    public double accuracy() {
        return (double) correct / count;
    }

    /** "[Step 100] Past 100 steps: Average Loss 2.254 | Accuracy: 18%", as the article prints it. */
    public String articleLine() {
        return String.format(java.util.Locale.ROOT, "[Step %d] Past %d steps: Average Loss %.3f | Accuracy: %d%%",
                step, count, averageLoss, correct * 100 / count);
    }
}
