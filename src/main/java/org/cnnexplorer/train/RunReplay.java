package org.cnnexplorer.train;

import java.util.Arrays;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.fast.FusedStep;
import org.cnnexplorer.nn.fast.Steps;
import org.cnnexplorer.nn.fast.TrainStep;

/**
 * Shows any step of a recorded run again: loads the last snapshot before the step and trains on
 * from there with {@link Trainer#step()}, the same code on the same images in the same order as
 * the original run, so the weights come out bit for bit the same. Seeking forward from the
 * current position trains on from there instead when that is shorter.
 *
 * <p>After {@link #seek(long)} to step n the network holds the weights after step n, its filter
 * gradients are step n's (the ones that update applied), and {@link #trainer()} says which image
 * step n trained on. The replay owns its network; one thread uses a replay at a time.
 */
public final class RunReplay {
    private final RunHistory history;
    private final Network net;
    private final Trainer trainer;
    private long position = -1;
    private long stepsRun;

    /**
     * @param train the whole training set the run used (its settings take the head)
     * @throws IllegalArgumentException if these are not the run's training images; the message says so
     */
    public RunReplay(RunHistory history, Dataset train) {
        DataIdentity id = DataIdentity.of(history.data().source(), train, history.config());
        if (!id.sameImages(history.data())) {
            throw new IllegalArgumentException("these are not the images run \"" + history.name() + "\" was trained on ("
                    + history.data().count() + " images from " + history.data().source() + ")");
        }
        this.history = history;
        this.net = new Network(history.numFilters(), train.rows(), train.cols(), 0);
        this.trainer = new Trainer(net, train, history.config(), stepFor(net, history.stepPath()));
        if (history.augmented()) {
            // the augmentation is a function of the seed, the epoch and the image: the same changes again
            trainer.setAugmentation(new org.cnnexplorer.data.Augmentation(history.config().seed()));
        }
    }

    /**
     * The step implementation the run was made with, where that matters: the layers round
     * differently from the fused step, while the fused step's vector and plain-Java forms are
     * bit-identical at every lane count, so any of them replays a run made by another.
     */
    static TrainStep stepFor(Network net, String recorded) {
        if (TrainStep.LAYERS.name().equals(recorded) || !FusedStep.supports(net)) {
            return TrainStep.LAYERS;
        }
        FusedStep fused = Steps.forForward(net);
        return fused != null ? fused : TrainStep.LAYERS;
    }

    public RunHistory history() {
        return history;
    }

    /**
     * Puts the replay at step {@code n} (from the run's start step to its end step) and returns its
     * network; do not keep the network across seeks.
     */
    public Network seek(long n) {
        long start = history.startStep();
        long end = history.endStep();
        if (n < start || n > end) {
            throw new IllegalArgumentException("step " + n + " is outside the run (" + start + " to " + end + ")");
        }
        if (n == position) {
            return net;
        }
        // The snapshot strictly before n, so that step n itself is run and leaves its gradients.
        int i = history.snapshotAtOrBefore(n == start ? start : n - 1);
        long snapStep = history.snapshotStep(i);
        if (!(position >= snapStep && position <= n)) {
            RunHistory.loadParams(history.snapshot(i), net);
            Arrays.fill(net.conv.dLdFilters(), 0);
            trainer.positionAt(snapStep);
            position = snapStep;
        }
        while (position < n) {
            trainer.step();
            position++;
            stepsRun++;
        }
        return net;
    }

    /** The replay's trainer, positioned at the last seek: epoch, step in the epoch, last image. */
    public Trainer trainer() {
        return trainer;
    }

    public long position() {
        return position;
    }

    /** Training steps run by seeks so far (for measuring). */
    public long stepsRun() {
        return stepsRun;
    }
}
