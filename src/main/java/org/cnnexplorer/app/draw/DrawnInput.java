package org.cnnexplorer.app.draw;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the Draw tab's paper holds, as the network's input (null while it is blank). It outlives
 * the tab's view, which is built when the tab is first shown: the step-through, the gradient
 * check and the lessons listen to it from the start.
 */
public final class DrawnInput {
    private final ReadOnlyObjectWrapper<double[]> input = new ReadOnlyObjectWrapper<>(this, "drawnInput");

    public ReadOnlyObjectProperty<double[]> property() {
        return input.getReadOnlyProperty();
    }

    public double[] get() {
        return input.get();
    }

    void set(double[] x) {
        input.set(x);
    }
}
