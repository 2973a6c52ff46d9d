package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorStep} on 8-lane double vectors (AVX-512's width). */
final class Vector8Step extends VectorStep {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;

    Vector8Step(int filters) {
        super(filters);
    }

    @Override
    VectorSpecies<Double> species() {
        return S;
    }
}
