package org.cnnexplorer.nn.fast;

/**
 * {@link FusedStep} in plain Java: the reference the vector steps must match bit for bit, and the
 * step a JVM without jdk.incubator.vector trains with. Every sum over positions is kept as eight
 * partial sums s0..s7, position p going to s(p % 8), exactly as eight vector lanes accumulate it.
 */
final class ScalarStep extends FusedStep {
    ScalarStep(int filters) {
        super(filters);
    }

    @Override
    public String name() {
        return "scalar step";
    }

    @Override
    public int lanes() {
        return 0;
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
        double[] xs = flat;
        for (int k = 0; k < CLASSES; k++) {
            int base = k * n;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int i = 0; i < n8; i += 8) {
                int j = base + i;
                s0 += w[j] * xs[i];
                s1 += w[j + 1] * xs[i + 1];
                s2 += w[j + 2] * xs[i + 2];
                s3 += w[j + 3] * xs[i + 3];
                s4 += w[j + 4] * xs[i + 4];
                s5 += w[j + 5] * xs[i + 5];
                s6 += w[j + 6] * xs[i + 6];
                s7 += w[j + 7] * xs[i + 7];
            }
            totals[k] = reduce8(s0, s1, s2, s3, s4, s5, s6, s7, w, base, n8, n) + b[k];
        }
    }

    /** The eight partial sums with the tail (positions n8.. of row {@code base}) added to s0.., then {@link #reduce8}. */
    private double reduce8(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7,
                           double[] w, int base, int n8, int n) {
        double[] s = partial;
        s[0] = s0;
        s[1] = s1;
        s[2] = s2;
        s[3] = s3;
        s[4] = s4;
        s[5] = s5;
        s[6] = s6;
        s[7] = s7;
        for (int i = n8; i < n; i++) {
            s[i - n8] = s[i - n8] + w[base + i] * flat[i];
        }
        return reduce8(s);
    }

    @Override
    void softmaxBackprop(double[] w, double lr) {
        softmaxBackpropPlain(w, lr, 0);
    }

    @Override
    void filterGradient(double[] grad, boolean firstMaxOnly) {
        for (int f = 0; f < filters; f++) {
            routePlain(f, firstMaxOnly);
            for (int t = 0; t < 9; t++) {
                grad[f * 9 + t] = tapSum(t);
            }
        }
    }

    /** Tap t's gradient: over the phases, then the positions, routed times the tap's input. */
    private double tapSum(int t) {
        double[] in = x;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int ab = 0; ab < 4; ab++) {
            int g = ab * PS;
            int o = TAP[ab * 9 + t];
            for (int i = 0; i < PS; i += 8) {
                s0 += routed[g + i] * in[o + i];
                s1 += routed[g + i + 1] * in[o + i + 1];
                s2 += routed[g + i + 2] * in[o + i + 2];
                s3 += routed[g + i + 3] * in[o + i + 3];
                s4 += routed[g + i + 4] * in[o + i + 4];
                s5 += routed[g + i + 5] * in[o + i + 5];
                s6 += routed[g + i + 6] * in[o + i + 6];
                s7 += routed[g + i + 7] * in[o + i + 7];
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
