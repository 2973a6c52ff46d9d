package org.cnnexplorer.app.step;

import org.cnnexplorer.explain.BackpropTrace;

/**
 * What a stage shows: the recorded step, a few words on where its image came from, and the width
 * available for it, so rows of per-filter maps can wrap instead of running off the side.
 */
record StepContext(BackpropTrace trace, String source, double width) {
    /** How many items of {@code itemWidth} pixels fit side by side after a row caption. */
    int columns(double itemWidth) {
        return Math.max(1, (int) ((width - 140) / (itemWidth + 10)));
    }
}
