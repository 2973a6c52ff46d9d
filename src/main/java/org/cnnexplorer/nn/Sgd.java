package org.cnnexplorer.nn;

import java.util.List;

/** Plain stochastic gradient descent: value -= learnRate * grad, the article's update. */
public final class Sgd {
    private Sgd() {
    }

    public static void step(List<Param> params, double learnRate) {
        for (Param p : params) {
            step(p, learnRate);
        }
    }

    public static void step(Param p, double learnRate) {
        double[] v = p.value();
        double[] g = p.grad();
        for (int i = 0; i < v.length; i++) {
            v[i] -= learnRate * g[i];
        }
    }
}
