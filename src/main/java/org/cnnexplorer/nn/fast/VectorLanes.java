package org.cnnexplorer.nn.fast;

import jdk.incubator.vector.DoubleVector;

/** Asks the Vector API for the CPU's preferred double vector; loaded only when the module is present. */
final class VectorLanes {
    private VectorLanes() {
    }

    static int preferred() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }
}
