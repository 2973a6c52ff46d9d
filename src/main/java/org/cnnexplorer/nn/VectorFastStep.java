package org.cnnexplorer.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FastStep} with jdk.incubator.vector: the same loops as {@link ScalarFastStep}, eight
 * positions at a time, giving the same bits (multiply then add, never fused; eight-lane partial
 * sums added up by {@link FastStep#reduce8}). Only loaded, by name, when the module is present
 * (see {@link FastStep#vectorOrNull}); needs the CPU's preferred double vector to have eight lanes
 * (AVX-512), otherwise the constructor throws and the scalar twin is used.
 */
final class VectorFastStep extends FastStep {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    VectorFastStep(int filters) {
        super(filters);
        if (S.length() != 8) {
            throw new UnsupportedOperationException("needs 8 double lanes, the CPU offers " + S.length());
        }
    }

    @Override
    public String name() {
        return "vector (DoubleVector " + S.vectorBitSize() + " bits)";
    }

    @Override
    void convPool(double[] filt) {
        for (int f = 0; f < filters; f++) {
            convPoolFilter(filt, f);
        }
    }

    /** One filter's four phase planes, then its pooled plane. */
    private void convPoolFilter(double[] filt, int f) {
        double[] in = x;
        int k = f * 9;
        int pb = f * 4 * PS;
        for (int ab = 0; ab < 4; ab++) {
            int o = ab * 9;
            int t0 = TAP[o], t1 = TAP[o + 1], t2 = TAP[o + 2], t3 = TAP[o + 3], t4 = TAP[o + 4];
            int t5 = TAP[o + 5], t6 = TAP[o + 6], t7 = TAP[o + 7], t8 = TAP[o + 8];
            DoubleVector w0 = DoubleVector.broadcast(S, filt[k]), w1 = DoubleVector.broadcast(S, filt[k + 1]);
            DoubleVector w2 = DoubleVector.broadcast(S, filt[k + 2]), w3 = DoubleVector.broadcast(S, filt[k + 3]);
            DoubleVector w4 = DoubleVector.broadcast(S, filt[k + 4]), w5 = DoubleVector.broadcast(S, filt[k + 5]);
            DoubleVector w6 = DoubleVector.broadcast(S, filt[k + 6]), w7 = DoubleVector.broadcast(S, filt[k + 7]);
            DoubleVector w8 = DoubleVector.broadcast(S, filt[k + 8]);
            int dst = pb + ab * PS;
            for (int i = 0; i < PS; i += 8) {
                // The nine taps in order, multiply then add, as the scalar twin's expression.
                DoubleVector acc = DoubleVector.fromArray(S, in, i + t0).mul(w0);
                acc = acc.add(DoubleVector.fromArray(S, in, i + t1).mul(w1));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t2).mul(w2));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t3).mul(w3));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t4).mul(w4));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t5).mul(w5));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t6).mul(w6));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t7).mul(w7));
                acc = acc.add(DoubleVector.fromArray(S, in, i + t8).mul(w8));
                acc.intoArray(planes, dst + i);
            }
        }
        int mb = f * PS;
        for (int i = 0; i < PS; i += 8) {
            DoubleVector p0 = DoubleVector.fromArray(S, planes, pb + i);
            DoubleVector p1 = DoubleVector.fromArray(S, planes, pb + PS + i);
            DoubleVector p2 = DoubleVector.fromArray(S, planes, pb + 2 * PS + i);
            DoubleVector p3 = DoubleVector.fromArray(S, planes, pb + 3 * PS + i);
            p0.lanewise(VectorOperators.MAX, p1).lanewise(VectorOperators.MAX, p2.lanewise(VectorOperators.MAX, p3))
                    .intoArray(pooled, mb + i);
        }
    }

    @Override
    void softmaxTotals(double[] w, double[] b) {
        int n = flatLen;
        int n8 = n & ~7;
        double[] xs = flat;
        // Five rows at a time share each input load (ten accumulators, one input in registers).
        for (int k = 0; k < CLASSES; k += 5) {
            int b0 = k * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n, b4 = b3 + n;
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
            for (int i = 0; i < n8; i += 8) {
            DoubleVector xv = DoubleVector.fromArray(S, xs, i);
                a0 = a0.add(DoubleVector.fromArray(S, w, b0 + i).mul(xv));
                a1 = a1.add(DoubleVector.fromArray(S, w, b1 + i).mul(xv));
                a2 = a2.add(DoubleVector.fromArray(S, w, b2 + i).mul(xv));
                a3 = a3.add(DoubleVector.fromArray(S, w, b3 + i).mul(xv));
                a4 = a4.add(DoubleVector.fromArray(S, w, b4 + i).mul(xv));
            }
            totals[k] = finish(a0, w, b0, n8, n) + b[k];
            totals[k + 1] = finish(a1, w, b1, n8, n) + b[k + 1];
            totals[k + 2] = finish(a2, w, b2, n8, n) + b[k + 2];
            totals[k + 3] = finish(a3, w, b3, n8, n) + b[k + 3];
            totals[k + 4] = finish(a4, w, b4, n8, n) + b[k + 4];
        }
    }

    /** The lanes of a dot product's partial sums, the scalar tail added to lanes 0.., then {@link #reduce8}. */
    private double finish(DoubleVector acc, double[] w, int base, int n8, int n) {
        double[] s = partial;
        acc.intoArray(s, 0);
        for (int i = n8; i < n; i++) {
            s[i - n8] = s[i - n8] + w[base + i] * flat[i];
        }
        return reduce8(s);
    }

    @Override
    void softmaxBackprop(double[] w, double lr) {
        int n = flatLen;
        int n8 = n & ~7;
        double[] d = dLdT;
        double[] xs = flat;
        for (int i = 0; i < n8; i += 8) {
            DoubleVector xv = DoubleVector.fromArray(S, xs, i);
            DoubleVector wv = DoubleVector.fromArray(S, w, i);
            DoubleVector acc = wv.mul(d[0]);
            wv.sub(xv.mul(d[0]).mul(lr)).intoArray(w, i);
            for (int k = 1; k < CLASSES; k++) {
                int j = k * n + i;
                wv = DoubleVector.fromArray(S, w, j);
                acc = acc.add(wv.mul(d[k]));
                wv.sub(xv.mul(d[k]).mul(lr)).intoArray(w, j);
            }
            acc.intoArray(dFlat, i);
        }
        for (int i = n8; i < n; i++) {
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

    /**
     * The routed gradient of phase (a, b) is dL/dpooled where that phase holds the block's max
     * (the first such phase only, with firstMaxOnly), else 0. First the four routed planes, then
     * tap t's gradient sums them times the tap's input, phase by phase (a method each, so C2
     * compiles each loop on its own).
     */
    @Override
    void filterGradient(double[] grad, boolean firstMaxOnly) {
        for (int f = 0; f < filters; f++) {
            route(f, firstMaxOnly);
            tapSums(grad, f);
        }
    }

    private void route(int f, boolean firstMaxOnly) {
        DoubleVector zero = DoubleVector.zero(S);
        VectorMask<Double> first = S.maskAll(firstMaxOnly);
        int pb = f * 4 * PS;
        int mb = f * PS;
        for (int i = 0; i < PS; i += 8) {
            DoubleVector m = DoubleVector.fromArray(S, pooled, mb + i);
            DoubleVector g = DoubleVector.fromArray(S, dPooled, mb + i);
            VectorMask<Double> e0 = DoubleVector.fromArray(S, planes, pb + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e1 = DoubleVector.fromArray(S, planes, pb + PS + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e2 = DoubleVector.fromArray(S, planes, pb + 2 * PS + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e3 = DoubleVector.fromArray(S, planes, pb + 3 * PS + i).compare(VectorOperators.EQ, m);
            // With firstMaxOnly (first all true) a phase after an earlier maximum gets nothing.
            VectorMask<Double> e01 = e0.or(e1);
            zero.blend(g, e0).intoArray(routed, i);
            zero.blend(g, e1.andNot(e0.and(first))).intoArray(routed, PS + i);
            zero.blend(g, e2.andNot(e01.and(first))).intoArray(routed, 2 * PS + i);
            zero.blend(g, e3.andNot(e01.or(e2).and(first))).intoArray(routed, 3 * PS + i);
        }
    }

    private void tapSums(double[] grad, int f) {
        double[] in = x;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero, s8 = zero;
        for (int ab = 0; ab < 4; ab++) {
            int o = ab * 9;
            int t0 = TAP[o], t1 = TAP[o + 1], t2 = TAP[o + 2], t3 = TAP[o + 3], t4 = TAP[o + 4];
            int t5 = TAP[o + 5], t6 = TAP[o + 6], t7 = TAP[o + 7], t8 = TAP[o + 8];
            int gb = ab * PS;
            for (int i = 0; i < PS; i += 8) {
                DoubleVector gr = DoubleVector.fromArray(S, routed, gb + i);
                s0 = s0.add(gr.mul(DoubleVector.fromArray(S, in, i + t0)));
                s1 = s1.add(gr.mul(DoubleVector.fromArray(S, in, i + t1)));
                s2 = s2.add(gr.mul(DoubleVector.fromArray(S, in, i + t2)));
                s3 = s3.add(gr.mul(DoubleVector.fromArray(S, in, i + t3)));
                s4 = s4.add(gr.mul(DoubleVector.fromArray(S, in, i + t4)));
                s5 = s5.add(gr.mul(DoubleVector.fromArray(S, in, i + t5)));
                s6 = s6.add(gr.mul(DoubleVector.fromArray(S, in, i + t6)));
                s7 = s7.add(gr.mul(DoubleVector.fromArray(S, in, i + t7)));
                s8 = s8.add(gr.mul(DoubleVector.fromArray(S, in, i + t8)));
            }
        }
        double[] s = partial;
        int k = f * 9;
        grad[k] = lanesSum(s0, s);
        grad[k + 1] = lanesSum(s1, s);
        grad[k + 2] = lanesSum(s2, s);
        grad[k + 3] = lanesSum(s3, s);
        grad[k + 4] = lanesSum(s4, s);
        grad[k + 5] = lanesSum(s5, s);
        grad[k + 6] = lanesSum(s6, s);
        grad[k + 7] = lanesSum(s7, s);
        grad[k + 8] = lanesSum(s8, s);
    }

    private static double lanesSum(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        return reduce8(scratch);
    }
}
