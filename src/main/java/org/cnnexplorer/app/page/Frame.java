package org.cnnexplorer.app.page;

import org.cnnexplorer.app.timeline.Moment;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * What every page shows, published once a frame on one channel ({@code AppModel.frameProperty()}):
 * the weights, the training step that made them (null before any training) and the moment they
 * belong to, live or a step of a recorded run. The three always belong together, so no page keeps
 * its own idea of the step.
 */
public record Frame(NetworkSnapshot weights, TrainingSnapshot training, Moment moment) {
    /** True while the pages follow live training (not a moment of the timeline). */
    public boolean live() {
        return moment.live();
    }
}
