package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorStep} on 2-lane double vectors (NEON's and SSE's width). */
final class Vector2Step extends VectorStep {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_128;

    Vector2Step(int filters) {
        super(filters);
    }

    @Override
    VectorSpecies<Double> species() {
        return S;
    }
}
