package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FusedStep} on double vectors of L = 2, 4 or 8 lanes (NEON's and SSE's width, AVX2's,
 * AVX-512's; emulated where the CPU has no such registers): the sums of {@link ScalarStep}, L
 * positions at a time, giving the same bits. Multiply then add, never fused. The eight partial
 * sums of a reduction are kept in 8 / L slices of L lanes: slice q holds the partial sums q to
 * q + L - 1 and takes positions q, q + 8, q + 16, ..., so each partial sum adds the same products
 * in the same order as the scalar twin's. Loaded by name only when jdk.incubator.vector is
 * present (see {@link Steps}).
 *
 * <p>One text for every lane count: the Vector API compiles to vector instructions only when the
 * species is a constant, so each subclass returns its own static final species from
 * {@link #species}. A JVM loads only the subclass for its CPU, so the JIT sees one implementation,
 * inlines it and folds the species (and L) to a constant. Tests load all three; then the shared
 * code runs slower, with the same bits.
 *
 * <p>The softmax's 108 KB of weights do not fit the L1 cache, so its totals read them in blocks
 * and run every slice over a block before the next: the weights come from memory once, not once
 * per slice (with 4 lanes that halved the time of the totals, with 2 lanes more).
 *
 * <p>Keep each method's vector operations few and its vectors few (about a dozen live): with
 * more, C2 on JDK 17 now and then compiles vector code that boxes or fails to intrinsify, ten
 * times slower. Tried and dropped for that reason: a filter's four (or two) phase planes from
 * one load of the input vectors they share, and the filter gradient's taps for two filters per
 * pass; both save loads and were faster when C2 compiled them well.
 */
abstract class VectorStep extends FusedStep {
    /** Positions per block of the softmax totals: five rows of weights, 10 KB, stay in L1 for all slices. */
    private static final int BLOCK = 256;
    /** The eight partial sums of each of the ten softmax rows, or of the nine taps. */
    private final double[] sums = new double[CLASSES * 8];

    VectorStep(int filters) {
        super(filters);
    }

    /** The subclass's static final species (a constant for the JIT, see the class comment). */
    abstract VectorSpecies<Double> species();

    @Override
    public final String name() {
        return "vector step, " + lanes() + " lanes";
    }

    @Override
    public final int lanes() {
        return species().length();
    }

    @Override
    final void convPool(double[] filt) {
        for (int f = 0; f < filters; f++) {
            convPoolFilter(filt, f);
        }
    }

    /** One filter's four phase planes, then its pooled plane. */
    private void convPoolFilter(double[] filt, int f) {
        VectorSpecies<Double> s = species();
        int lanes = s.length();
        double[] in = x;
        int k = f * 9;
        int pb = f * 4 * PS;
        DoubleVector w0 = DoubleVector.broadcast(s, filt[k]), w1 = DoubleVector.broadcast(s, filt[k + 1]);
        DoubleVector w2 = DoubleVector.broadcast(s, filt[k + 2]), w3 = DoubleVector.broadcast(s, filt[k + 3]);
        DoubleVector w4 = DoubleVector.broadcast(s, filt[k + 4]), w5 = DoubleVector.broadcast(s, filt[k + 5]);
        DoubleVector w6 = DoubleVector.broadcast(s, filt[k + 6]), w7 = DoubleVector.broadcast(s, filt[k + 7]);
        DoubleVector w8 = DoubleVector.broadcast(s, filt[k + 8]);
        for (int ab = 0; ab < 4; ab++) {
            int o = ab * 9;
            int t0 = TAP[o], t1 = TAP[o + 1], t2 = TAP[o + 2], t3 = TAP[o + 3], t4 = TAP[o + 4];
            int t5 = TAP[o + 5], t6 = TAP[o + 6], t7 = TAP[o + 7], t8 = TAP[o + 8];
            int dst = pb + ab * PS;
            for (int i = 0; i < PS; i += lanes) {
                // The nine taps in order, multiply then add, as the scalar twin's expression.
                DoubleVector acc = DoubleVector.fromArray(s, in, i + t0).mul(w0);
                acc = acc.add(DoubleVector.fromArray(s, in, i + t1).mul(w1));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t2).mul(w2));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t3).mul(w3));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t4).mul(w4));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t5).mul(w5));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t6).mul(w6));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t7).mul(w7));
                acc = acc.add(DoubleVector.fromArray(s, in, i + t8).mul(w8));
                acc.intoArray(planes, dst + i);
            }
        }
        int mb = f * PS;
        for (int i = 0; i < PS; i += lanes) {
            DoubleVector p0 = DoubleVector.fromArray(s, planes, pb + i);
            DoubleVector p1 = DoubleVector.fromArray(s, planes, pb + PS + i);
            DoubleVector p2 = DoubleVector.fromArray(s, planes, pb + 2 * PS + i);
            DoubleVector p3 = DoubleVector.fromArray(s, planes, pb + 3 * PS + i);
            p0.lanewise(VectorOperators.MAX, p1).lanewise(VectorOperators.MAX, p2.lanewise(VectorOperators.MAX, p3))
                    .intoArray(pooled, mb + i);
        }
    }

    @Override
    final void softmaxTotals(double[] w, double[] b) {
        int lanes = species().length();
        int n = flatLen;
        int n8 = n & ~7;
        java.util.Arrays.fill(sums, 0, CLASSES * 8, 0.0);
        for (int k = 0; k < CLASSES; k += 5) {
            for (int lo = 0; lo < n8; lo += BLOCK) {
                int len = Math.min(BLOCK, n8 - lo);
                for (int q = 0; q < 8; q += lanes) {
                    totalsSlice(w, k, q + lo, len);
                }
            }
        }
        for (int k = 0; k < CLASSES; k++) {
            // The positions past the last multiple of 8 go to partial sums 0.., as in the scalar twin.
            for (int i = n8; i < n; i++) {
                sums[k * 8 + i - n8] = sums[k * 8 + i - n8] + w[k * n + i] * flat[i];
            }
            totals[k] = reduce8(sums, k * 8) + b[k];
        }
    }

    /**
     * Partial sums q to q + L - 1 (q = {@code at} % 8) of rows k to k + 4 over positions
     * {@code at}, at + 8, ... below at + len: five rows share each input load.
     */
    private void totalsSlice(double[] w, int k, int at, int len) {
        VectorSpecies<Double> s = species();
        int n = flatLen;
        double[] xs = flat;
        int q = at & 7;
        int b0 = k * n + at, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n, b4 = b3 + n;
        int o0 = k * 8 + q;
        DoubleVector a0 = DoubleVector.fromArray(s, sums, o0), a1 = DoubleVector.fromArray(s, sums, o0 + 8);
        DoubleVector a2 = DoubleVector.fromArray(s, sums, o0 + 16), a3 = DoubleVector.fromArray(s, sums, o0 + 24);
        DoubleVector a4 = DoubleVector.fromArray(s, sums, o0 + 32);
        // From 0 with the offsets added to the indices: C2 compiles a loop starting elsewhere with boxed vectors.
        for (int i = 0; i < len; i += 8) {
            DoubleVector xv = DoubleVector.fromArray(s, xs, at + i);
            a0 = a0.add(DoubleVector.fromArray(s, w, b0 + i).mul(xv));
            a1 = a1.add(DoubleVector.fromArray(s, w, b1 + i).mul(xv));
            a2 = a2.add(DoubleVector.fromArray(s, w, b2 + i).mul(xv));
            a3 = a3.add(DoubleVector.fromArray(s, w, b3 + i).mul(xv));
            a4 = a4.add(DoubleVector.fromArray(s, w, b4 + i).mul(xv));
        }
        a0.intoArray(sums, o0);
        a1.intoArray(sums, o0 + 8);
        a2.intoArray(sums, o0 + 16);
        a3.intoArray(sums, o0 + 24);
        a4.intoArray(sums, o0 + 32);
    }

    @Override
    final void softmaxBackprop(double[] w, double lr) {
        VectorSpecies<Double> s = species();
        int lanes = s.length();
        int n = flatLen;
        int nv = n & -lanes;
        double[] d = dLdT;
        double[] xs = flat;
        for (int i = 0; i < nv; i += lanes) {
            DoubleVector xv = DoubleVector.fromArray(s, xs, i);
            DoubleVector wv = DoubleVector.fromArray(s, w, i);
            DoubleVector acc = wv.mul(d[0]);
            wv.sub(xv.mul(d[0]).mul(lr)).intoArray(w, i);
            for (int k = 1; k < CLASSES; k++) {
                int j = k * n + i;
                wv = DoubleVector.fromArray(s, w, j);
                acc = acc.add(wv.mul(d[k]));
                wv.sub(xv.mul(d[k]).mul(lr)).intoArray(w, j);
            }
            acc.intoArray(dFlat, i);
        }
        softmaxBackpropPlain(w, lr, nv);
    }

    /**
     * The routed gradient of phase (a, b) is dL/dpooled where that phase holds the block's max
     * (the first such phase only, with firstMaxOnly), else 0. First the four routed planes, then
     * tap t's gradient sums them times the tap's input, phase by phase (a method each, so C2
     * compiles each loop on its own).
     *
     * <p>Taking two filters per pass (each input vector serving both) saves a third of the
     * loads, but C2 now and then failed to intrinsify the vector stores after the loop (one run
     * in eight or so: ten times slower), so the filters go one at a time.
     */
    @Override
    final void filterGradient(double[] grad, boolean firstMaxOnly) {
        int lanes = species().length();
        for (int f = 0; f < filters; f++) {
            route(f, firstMaxOnly);
            for (int q = 0; q < 8; q += lanes) {
                tapSlice(q);
            }
            for (int t = 0; t < 9; t++) {
                grad[f * 9 + t] = reduce8(sums, t * 8);
            }
        }
    }

    private void route(int f, boolean firstMaxOnly) {
        if (species().length() == 2) {
            // Two-lane masks run boxed on x86 in JDK 17, ten times slower than plain Java.
            // Routing only copies values, so the bits are the same.
            routePlain(f, firstMaxOnly);
        } else if (firstMaxOnly) {
            routeFirst(f);
        } else {
            routeAll(f);
        }
    }

    /*
     * Compares and blends only, the four phases written out, no vector assigned in a branch or
     * carried round a loop: C2 keeps such vectors in registers, others it may box.
     */

    /** Every phase holding the max gets dL/dpooled. */
    private void routeAll(int f) {
        VectorSpecies<Double> s = species();
        DoubleVector zero = DoubleVector.zero(s);
        int pb = f * 4 * PS;
        int mb = f * PS;
        for (int i = 0; i < PS; i += s.length()) {
            DoubleVector m = DoubleVector.fromArray(s, pooled, mb + i);
            DoubleVector g = DoubleVector.fromArray(s, dPooled, mb + i);
            zero.blend(g, DoubleVector.fromArray(s, planes, pb + i).compare(VectorOperators.EQ, m)).intoArray(routed, i);
            zero.blend(g, DoubleVector.fromArray(s, planes, pb + PS + i).compare(VectorOperators.EQ, m)).intoArray(routed, PS + i);
            zero.blend(g, DoubleVector.fromArray(s, planes, pb + 2 * PS + i).compare(VectorOperators.EQ, m)).intoArray(routed, 2 * PS + i);
            zero.blend(g, DoubleVector.fromArray(s, planes, pb + 3 * PS + i).compare(VectorOperators.EQ, m)).intoArray(routed, 3 * PS + i);
        }
    }

    /** Only the first phase holding the max gets it: each later phase sees what is left. */
    private void routeFirst(int f) {
        VectorSpecies<Double> s = species();
        DoubleVector zero = DoubleVector.zero(s);
        int pb = f * 4 * PS;
        int mb = f * PS;
        for (int i = 0; i < PS; i += s.length()) {
            DoubleVector m = DoubleVector.fromArray(s, pooled, mb + i);
            DoubleVector g0 = DoubleVector.fromArray(s, dPooled, mb + i);
            VectorMask<Double> e0 = DoubleVector.fromArray(s, planes, pb + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e1 = DoubleVector.fromArray(s, planes, pb + PS + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e2 = DoubleVector.fromArray(s, planes, pb + 2 * PS + i).compare(VectorOperators.EQ, m);
            VectorMask<Double> e3 = DoubleVector.fromArray(s, planes, pb + 3 * PS + i).compare(VectorOperators.EQ, m);
            DoubleVector g1 = g0.blend(zero, e0);
            DoubleVector g2 = g1.blend(zero, e1);
            DoubleVector g3 = g2.blend(zero, e2);
            zero.blend(g0, e0).intoArray(routed, i);
            zero.blend(g1, e1).intoArray(routed, PS + i);
            zero.blend(g2, e2).intoArray(routed, 2 * PS + i);
            zero.blend(g3, e3).intoArray(routed, 3 * PS + i);
        }
    }

    /** Partial sums q to q + L - 1 of the nine taps, into {@link #sums} (a method of its own so its nine vectors stay in registers). */
    private void tapSlice(int q) {
        VectorSpecies<Double> s = species();
        double[] in = x;
        DoubleVector zero = DoubleVector.zero(s);
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
                DoubleVector gr = DoubleVector.fromArray(s, routed, gb + i);
                s0 = s0.add(gr.mul(DoubleVector.fromArray(s, in, i + t0)));
                s1 = s1.add(gr.mul(DoubleVector.fromArray(s, in, i + t1)));
                s2 = s2.add(gr.mul(DoubleVector.fromArray(s, in, i + t2)));
                s3 = s3.add(gr.mul(DoubleVector.fromArray(s, in, i + t3)));
                s4 = s4.add(gr.mul(DoubleVector.fromArray(s, in, i + t4)));
                s5 = s5.add(gr.mul(DoubleVector.fromArray(s, in, i + t5)));
                s6 = s6.add(gr.mul(DoubleVector.fromArray(s, in, i + t6)));
                s7 = s7.add(gr.mul(DoubleVector.fromArray(s, in, i + t7)));
                s8 = s8.add(gr.mul(DoubleVector.fromArray(s, in, i + t8)));
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
