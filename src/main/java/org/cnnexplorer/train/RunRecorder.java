package org.cnnexplorer.train;

import org.cnnexplorer.data.Dataset;

/**
 * Records a {@link Trainer}'s run into a {@link RunHistory} as it trains: every step done, a
 * snapshot of the weights at every multiple of the history's interval, every 100-step window.
 * It takes the trainer's one listener slot and passes every event on to {@code next}.
 * The cost per step is one comparison; a snapshot copies the weights (13,602 doubles).
 */
public final class RunRecorder implements Trainer.Listener {
    private final Trainer trainer;
    private final RunHistory history;
    private final Trainer.Listener next;

    private RunRecorder(Trainer trainer, RunHistory history, Trainer.Listener next) {
        this.trainer = trainer;
        this.history = history;
        this.next = next == null ? new Trainer.Listener() { } : next;
    }

    /**
     * Whether a run can be recorded: the snapshots hold the article's network (one convolution, no
     * ReLU) and a replay steps one image at a time, so other networks and mini-batches are not
     * recorded (yet) rather than replayed wrongly.
     */
    public static boolean canRecord(Trainer trainer) {
        return trainer.network().arch.isArticleShape() && trainer.config().batch() == 1;
    }

    /**
     * Starts a history for the trainer's run from where the trainer stands (its weights and step)
     * and makes the trainer record into it.
     *
     * @param source where the training images came from, for messages ("bundled MNIST", a folder)
     * @param origin the run and step a resumed run's weights came from, or null
     */
    public static RunHistory record(String name, Trainer trainer, String source, RunHistory.Origin origin,
                                    Trainer.Listener next) {
        Dataset images = trainer.trainingSet();
        TrainConfig config = trainer.config();
        long start = trainer.globalStep();
        int params = RunHistory.paramCount(trainer.network());
        RunHistory h = new RunHistory(name, config, DataIdentity.of(source, images, config), trainer.stepsPerEpoch(),
                start, RunHistory.intervalFor(trainer.totalSteps() - start, params),
                trainer.stepName(), origin, trainer.network());
        h.setAugmented(trainer.augmentation() != null);
        trainer.setListener(new RunRecorder(trainer, h, next));
        return h;
    }

    @Override
    public void onEpochStart(int epoch) {
        next.onEpochStart(epoch);
    }

    @Override
    public void onStep(int epoch, int step, int imageIndex, double loss, boolean correct) {
        long n = trainer.globalStep();
        if (n % history.snapshotEvery() == 0) {
            history.addSnapshot(n, RunHistory.paramsOf(trainer.network()));
        }
        history.stepDone(n);
        next.onStep(epoch, step, imageIndex, loss, correct);
    }

    @Override
    public void onWindow(WindowStats stats) {
        history.addWindow(stats);
        next.onWindow(stats);
    }
}
