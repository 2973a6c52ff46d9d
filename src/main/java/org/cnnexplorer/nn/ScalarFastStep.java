package org.cnnexplorer.nn;

/**
 * {@link FastStep} in plain Java: the reference for {@code VectorFastStep}, which must give the
 * same bits. Every sum over positions is kept as eight partial sums, position p going to lane
 * p % 8, exactly as an eight-lane vector accumulates it.
 */
final class ScalarFastStep extends FastStep {
    private final double[] lanes = new double[9 * 8];

    ScalarFastStep(int filters) {
        super(filters);
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    void convPool(double[] filt) {
        double[] in = x;
        for (int f = 0; f < filters; f++) {
            int k = f * 9;
            int pb = f * 4 * PS;
            for (int ab = 0; ab < 4; ab++) {
                int o = ab * 9;
                int t0 = TAP[o], t1 = TAP[o + 1], t2 = TAP[o + 2], t3 = TAP[o + 3], t4 = TAP[o + 4];
                int t5 = TAP[o + 5], t6 = TAP[o + 6], t7 = TAP[o + 7], t8 = TAP[o + 8];
                double w0 = filt[k], w1 = filt[k + 1], w2 = filt[k + 2], w3 = filt[k + 3], w4 = filt[k + 4];
                double w5 = filt[k + 5], w6 = filt[k + 6], w7 = filt[k + 7], w8 = filt[k + 8];
                int dst = pb + ab * PS;
                for (int i = 0; i < PS; i++) {
                    planes[dst + i] = w0 * in[i + t0] + w1 * in[i + t1] + w2 * in[i + t2]
                            + w3 * in[i + t3] + w4 * in[i + t4] + w5 * in[i + t5]
                            + w6 * in[i + t6] + w7 * in[i + t7] + w8 * in[i + t8];
                }
            }
            int mb = f * PS;
            for (int i = 0; i < PS; i++) {
                pooled[mb + i] = Math.max(Math.max(planes[pb + i], planes[pb + PS + i]),
                        Math.max(planes[pb + 2 * PS + i], planes[pb + 3 * PS + i]));
            }
        }
    }

    @Override
    void softmaxTotals(double[] w, double[] b) {
        int n = flatLen;
        int n8 = n & ~7;
        double[] s = partial;
        for (int k = 0; k < CLASSES; k++) {
            int base = k * n;
            java.util.Arrays.fill(s, 0.0);
            for (int i = 0; i < n8; i += 8) {
                for (int l = 0; l < 8; l++) {
                    s[l] = s[l] + w[base + i + l] * flat[i + l];
                }
            }
            for (int i = n8; i < n; i++) {
                s[i - n8] = s[i - n8] + w[base + i] * flat[i];
            }
            totals[k] = reduce8(s) + b[k];
        }
    }

    @Override
    void softmaxBackprop(double[] w, double lr) {
        int n = flatLen;
        double[] d = dLdT;
        for (int i = 0; i < n; i++) {
            double xi = flat[i];
            double wi = w[i];
            double acc = wi * d[0];
            w[i] = wi - lr * (d[0] * xi);
            for (int k = 1; k < CLASSES; k++) {
                wi = w[k * n + i];
                acc = acc + wi * d[k];
                w[k * n + i] = wi - lr * (d[k] * xi);
            }
            dFlat[i] = acc;
        }
    }

    @Override
    void filterGradient(double[] grad, boolean firstMaxOnly) {
        double[] in = x;
        double[] s = lanes;
        for (int f = 0; f < filters; f++) {
            int pb = f * 4 * PS;
            int mb = f * PS;
            // The routed gradient, phase by phase: dL/dpooled where the phase holds the max.
            for (int i = 0; i < PS; i++) {
                double m = pooled[mb + i];
                double g = dPooled[mb + i];
                boolean taken = false;
                for (int ab = 0; ab < 4; ab++) {
                    boolean isMax = planes[pb + ab * PS + i] == m;
                    boolean keep = firstMaxOnly ? isMax && !taken : isMax;
                    taken |= isMax;
                    routed[ab * PS + i] = keep ? g : 0.0;
                }
            }
            // Tap t: sum over phases, then positions, of routed * input, position i in lane i % 8.
            java.util.Arrays.fill(s, 0.0);
            for (int ab = 0; ab < 4; ab++) {
                int o = ab * 9;
                for (int i = 0; i < PS; i++) {
                    double gr = routed[ab * PS + i];
                    int l = i & 7;
                    for (int t = 0; t < 9; t++) {
                        s[t * 8 + l] = s[t * 8 + l] + gr * in[i + TAP[o + t]];
                    }
                }
            }
            for (int t = 0; t < 9; t++) {
                System.arraycopy(s, t * 8, partial, 0, 8);
                grad[f * 9 + t] = reduce8(partial);
            }
        }
    }
}
