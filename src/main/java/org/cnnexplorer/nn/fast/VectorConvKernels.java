package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvKernels} with the row loop in whole vectors of the CPU's preferred size: per lane a
 * multiplication, then an addition (never a fused multiply-add), so each value is rounded as in the
 * plain loop and the bits are the same. Loaded by name only when the vector module is present.
 */
final class VectorConvKernels extends ConvKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    void addScaled(double[] src, int s, double wt, double[] dst, int d, int n) {
        int j = 0;
        for (int end = S.loopBound(n); j < end; j += S.length()) {
            DoubleVector.fromArray(S, src, s + j).mul(wt).add(DoubleVector.fromArray(S, dst, d + j)).intoArray(dst, d + j);
        }
        for (; j < n; j++) {
            dst[d + j] += src[s + j] * wt;
        }
    }
}
