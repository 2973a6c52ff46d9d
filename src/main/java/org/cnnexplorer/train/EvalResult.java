package org.cnnexplorer.train;

/**
 * A network's results on a test set: average loss, accuracy, the confusion matrix
 * ({@code confusion[label][predicted]}), and per image its prediction and ten probabilities
 * ({@code probabilities[i * 10 + k]}).
 */
public record EvalResult(int count, double loss, int correct, int[][] confusion, int[] predicted, float[] probabilities) {
    public double accuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }

    public double probability(int image, int digit) {
        return probabilities[image * 10 + digit];
    }
}
