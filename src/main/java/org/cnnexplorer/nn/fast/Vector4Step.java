package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorStep} on 4-lane double vectors (AVX2's width). */
final class Vector4Step extends VectorStep {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    Vector4Step(int filters) {
        super(filters);
    }

    @Override
    VectorSpecies<Double> species() {
        return S;
    }
}
