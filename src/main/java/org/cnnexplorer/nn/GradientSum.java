package org.cnnexplorer.nn;

import java.util.List;

/**
 * Mini-batch SGD: adds up each parameter's gradient over the images of a batch, then moves every
 * value against the batch's mean gradient, value -= learnRate * (sum / n).
 */
public final class GradientSum {
    private final List<Param> params;
    private final double[][] sums;
    private int count;

    public GradientSum(List<Param> params) {
        this.params = params;
        this.sums = new double[params.size()][];
        for (int p = 0; p < sums.length; p++) {
            sums[p] = new double[params.get(p).size()];
        }
    }

    /** Adds the gradients of the last backward pass. */
    public void add() {
        for (int p = 0; p < sums.length; p++) {
            double[] g = params.get(p).grad();
            double[] s = sums[p];
            for (int i = 0; i < s.length; i++) {
                s[i] += g[i];
            }
        }
        count++;
    }

    /** Images added since the last update. */
    public int count() {
        return count;
    }

    /** The update with the mean gradient, then starts a new batch (nothing happens with none added). */
    public void applyMean(double learnRate) {
        if (count == 0) {
            return;
        }
        for (int p = 0; p < sums.length; p++) {
            double[] v = params.get(p).value();
            double[] s = sums[p];
            for (int i = 0; i < s.length; i++) {
                v[i] -= learnRate * (s[i] / count);
                s[i] = 0.0;
            }
        }
        count = 0;
    }
}
