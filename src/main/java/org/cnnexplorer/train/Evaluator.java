package org.cnnexplorer.train;

import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;

/** Runs the forward pass over a test set, the article's "Testing the CNN". */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvalResult evaluate(Network net, Dataset test) {
        return evaluate(net, test, null);
    }

    /** @param cancelled checked now and then; evaluation stops early (returning what it has) when it says so. */
    public static EvalResult evaluate(Network net, Dataset test, java.util.function.BooleanSupplier cancelled) {
        return evaluate(net, test, cancelled, null);
    }

    /** @param progress told the number of images done every 256 images (may be null) */
    public static EvalResult evaluate(Network net, Dataset test, java.util.function.BooleanSupplier cancelled,
                                      java.util.function.IntConsumer progress) {
        int n = test.count();
        int[][] confusion = new int[10][10];
        int[] predicted = new int[n];
        float[] probs = new float[n * 10];
        double loss = 0;
        int correct = 0;
        int done = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    break;
                }
                if (progress != null) {
                    progress.accept(i);
                }
            }
            double[] p = net.forward(test.pixels(), test.offset(i));
            int label = test.label(i);
            loss += net.loss(label);
            int pred = Network.argmax(p);
            predicted[i] = pred;
            for (int k = 0; k < 10; k++) {
                probs[i * 10 + k] = (float) p[k];
            }
            confusion[label][pred]++;
            if (pred == label) {
                correct++;
            }
            done++;
        }
        return new EvalResult(done, done == 0 ? 0 : loss / done, correct, confusion, predicted, probs);
    }
}
