package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FusedStep} on 2-lane double vectors (NEON's and SSE's width; emulated where the CPU has no such
 * registers): the loops of {@link ScalarStep}, 2 positions at a time, giving the same bits.
 * Multiply then add, never fused. The eight partial sums of a reduction are kept in four registers, four slices of two:
 * slice q holds the partial sums q to q + 1 and takes positions q, q + 8, q + 16, ..., so each
 * partial sum adds the same products in the same order as the scalar twin's. Loaded by name only
 * when jdk.incubator.vector is present (see {@link Steps}).
 *
 * <p>Vector2Step, Vector4Step and Vector8Step are one text with a different species: the Vector API
 * compiles to vector instructions only when the species is a constant, so each lane count needs
 * its own class.
 */
final class Vector2Step extends FusedStep {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_128;
    private static final int L = 2;
    /** The eight partial sums of each of the ten softmax rows, or of the nine taps. */
    private final double[] sums = new double[CLASSES * 8];

    Vector2Step(int filters) {
        super(filters);
    }

    @Override
    public String name() {
        return "vector step, 2 lanes";
    }

    @Override
    public int lanes() {
        return L;
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
            for (int i = 0; i < PS; i += L) {
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
        for (int i = 0; i < PS; i += L) {
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
        for (int q = 0; q < 8; q += L) {
            totalsSlice(w, 0, q, n8);
            totalsSlice(w, 5, q, n8);
        }
        for (int k = 0; k < CLASSES; k++) {
            // The positions past the last multiple of 8 go to partial sums 0.., as in the scalar twin.
            for (int i = n8; i < n; i++) {
                sums[k * 8 + i - n8] = sums[k * 8 + i - n8] + w[k * n + i] * flat[i];
            }
            totals[k] = reduce8(sums, k * 8) + b[k];
        }
    }

    /** Partial sums q to q + L - 1 of rows k to k + 4: five rows share each input load. */
    private void totalsSlice(double[] w, int k, int q, int n8) {
        int n = flatLen;
        double[] xs = flat;
        int b0 = k * n + q, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n, b4 = b3 + n;
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
        // From 0 with q added to the indices, as in tapSlice.
        for (int i = 0; i < n8; i += 8) {
            DoubleVector xv = DoubleVector.fromArray(S, xs, i + q);
            a0 = a0.add(DoubleVector.fromArray(S, w, b0 + i).mul(xv));
            a1 = a1.add(DoubleVector.fromArray(S, w, b1 + i).mul(xv));
            a2 = a2.add(DoubleVector.fromArray(S, w, b2 + i).mul(xv));
            a3 = a3.add(DoubleVector.fromArray(S, w, b3 + i).mul(xv));
            a4 = a4.add(DoubleVector.fromArray(S, w, b4 + i).mul(xv));
        }
        a0.intoArray(sums, k * 8 + q);
        a1.intoArray(sums, (k + 1) * 8 + q);
        a2.intoArray(sums, (k + 2) * 8 + q);
        a3.intoArray(sums, (k + 3) * 8 + q);
        a4.intoArray(sums, (k + 4) * 8 + q);
    }

    @Override
    void softmaxBackprop(double[] w, double lr) {
        int n = flatLen;
        int nv = n & -L;
        double[] d = dLdT;
        double[] xs = flat;
        for (int i = 0; i < nv; i += L) {
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
        for (int i = nv; i < n; i++) {
            double xi = xs[i];
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

    /**
     * In plain Java ({@link FusedStep#routePlain}): two-lane masks run boxed on x86 in JDK 17,
     * ten times slower than this. Routing only copies values, so the bits are the same.
     */
    private void route(int f, boolean firstMaxOnly) {
        routePlain(f, firstMaxOnly);
    }

    private void tapSums(double[] grad, int f) {
        for (int q = 0; q < 8; q += L) {
            tapSlice(q);
        }
        for (int t = 0; t < 9; t++) {
            grad[f * 9 + t] = reduce8(sums, t * 8);
        }
    }

    /** Partial sums q to q + L - 1 of the nine taps, into {@link #sums} (a method of its own so its nine vectors stay in registers). */
    private void tapSlice(int q) {
        double[] in = x;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector s0 = zero, s1 = zero, s2 = zero, s3 = zero, s4 = zero, s5 = zero, s6 = zero, s7 = zero, s8 = zero;
        for (int ab = 0; ab < 4; ab++) {
            int o = ab * 9;
            int t0 = TAP[o], t1 = TAP[o + 1], t2 = TAP[o + 2], t3 = TAP[o + 3], t4 = TAP[o + 4];
            int t5 = TAP[o + 5], t6 = TAP[o + 6], t7 = TAP[o + 7], t8 = TAP[o + 8];
            // The loop runs from 0 with the slice's offset q added to every index: C2 compiles a
            // loop starting at q with boxed vectors, ten times slower.
            int gb = ab * PS + q;
            t0 += q;
            t1 += q;
            t2 += q;
            t3 += q;
            t4 += q;
            t5 += q;
            t6 += q;
            t7 += q;
            t8 += q;
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
        s0.intoArray(sums, q);
        s1.intoArray(sums, 8 + q);
        s2.intoArray(sums, 16 + q);
        s3.intoArray(sums, 24 + q);
        s4.intoArray(sums, 32 + q);
        s5.intoArray(sums, 40 + q);
        s6.intoArray(sums, 48 + q);
        s7.intoArray(sums, 56 + q);
        s8.intoArray(sums, 64 + q);
    }
}
