package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunReplayTest {
    private static Dataset train;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
    }

    /** Trains straight through, keeping every step's weights, gradients and image. */
    private static final class Straight {
        final List<double[]> weights = new ArrayList<>();
        final List<double[]> grads = new ArrayList<>();
        final List<Integer> images = new ArrayList<>();
        final RunHistory history;

        Straight(TrainConfig config) {
            this(config, false);
        }

        Straight(TrainConfig config, boolean augment) {
            Trainer t = new Trainer(Trainer.newNetwork(config, 28, 28), train, config);
            if (augment) {
                t.setAugmentation(new org.cnnexplorer.data.Augmentation(config.seed()));
            }
            history = RunRecorder.record("run", t, "bundled MNIST", null, null);
            weights.add(RunHistory.paramsOf(t.network()));
            grads.add(new double[t.network().conv.dLdFilters().length]);
            images.add(-1);
            while (t.hasNext()) {
                t.step();
                weights.add(RunHistory.paramsOf(t.network()));
                grads.add(t.network().conv.dLdFilters().clone());
                images.add(t.lastImage());
            }
            history.finish(RunHistory.Status.FINISHED);
        }
    }

    private static void seekEveryStepInRandomOrder(Straight s, long seed) {
        RunReplay replay = new RunReplay(s.history, train);
        List<Integer> steps = new ArrayList<>();
        for (int n = 0; n < s.weights.size(); n++) {
            steps.add(n);
        }
        Collections.shuffle(steps, new Random(seed));
        for (int n : steps) {
            Network net = replay.seek(n);
            assertArrayEquals(s.weights.get(n), RunHistory.paramsOf(net), "weights at step " + n);
            assertArrayEquals(s.grads.get(n), net.conv.dLdFilters(), "filter gradient of step " + n);
            assertEquals((int) s.images.get(n), replay.trainer().lastImage(), "image of step " + n);
        }
    }

    @Test
    void everyStepOfAShuffledRunComesBackBitForBit() {
        // 130 images: epochs end mid-window and mid-interval (snapshots every 50 steps).
        Straight s = new Straight(TrainConfig.article().withSizes(130, 10));
        assertEquals(50, s.history.snapshotEvery());
        assertEquals(390, s.history.endStep());
        assertEquals(List.of(0L, 50L, 100L, 150L, 200L, 250L, 300L, 350L),
                java.util.stream.IntStream.range(0, s.history.snapshotCount()).mapToObj(s.history::snapshotStep).toList());
        seekEveryStepInRandomOrder(s, 7);
    }

    @Test
    void anAugmentedRunReplaysWithTheSameChangedImages() {
        Straight s = new Straight(TrainConfig.article().withSizes(60, 10).withSeed(3), true);
        assertTrue(s.history.augmented());
        seekEveryStepInRandomOrder(s, 11);
        // and it is the augmentation that made these weights: without it the run differs
        Straight plain = new Straight(TrainConfig.article().withSizes(60, 10).withSeed(3));
        assertTrue(!java.util.Arrays.equals(plain.weights.get(180), s.weights.get(180)));
    }

    @Test
    void runsWithoutShufflingAndWithTheFirstMaxRuleReplayToo() {
        Straight s = new Straight(TrainConfig.article().withSizes(70, 10).withShuffle(false).withFirstMaxOnly(true).withSeed(5));
        seekEveryStepInRandomOrder(s, 3);
    }

    @Test
    void seekingForwardStepByStepRunsOneStepEach() {
        Straight s = new Straight(TrainConfig.article().withSizes(100, 10).withEpochs(2));
        RunReplay replay = new RunReplay(s.history, train);
        replay.seek(120);
        long before = replay.stepsRun();
        for (int n = 121; n <= 160; n++) {
            replay.seek(n);
        }
        assertEquals(40, replay.stepsRun() - before);
    }

    @Test
    void aResumedRunContinuesTheScheduleAndReplays() {
        TrainConfig parent = TrainConfig.article().withSizes(90, 10).withEpochs(2);
        Straight p = new Straight(parent);
        // Resume from step 123 (epoch 2, mid-window) with another learning rate and one more epoch.
        TrainConfig changed = parent.withLearnRate(0.02).withEpochs(3);
        Network start = new RunReplay(p.history, train).seek(123).copy();
        double[] startWeights = RunHistory.paramsOf(start);
        assertArrayEquals(p.weights.get(123), startWeights);
        Trainer t = new Trainer(start, train, changed);
        t.positionAt(123);
        List<WindowStats> windows = new ArrayList<>();
        RunHistory h = RunRecorder.record("resumed", t, "bundled MNIST", new RunHistory.Origin("run", 123), new Trainer.Listener() {
            @Override
            public void onWindow(WindowStats w) {
                windows.add(w);
            }
        });
        List<double[]> weights = new ArrayList<>();
        while (t.hasNext()) {
            t.step();
            weights.add(RunHistory.paramsOf(t.network()));
        }
        assertEquals(123, h.startStep());
        assertEquals(270, h.endStep());
        // The first window is the rest of epoch 2 (steps 34 to 90 of it).
        assertEquals(new WindowStats(2, 90, 180, 57, windows.get(0).averageLoss(), windows.get(0).correct()), windows.get(0));
        RunReplay replay = new RunReplay(h, train);
        for (int n = 270; n >= 124; n -= 7) {
            assertArrayEquals(weights.get(n - 124), RunHistory.paramsOf(replay.seek(n)), "resumed run at step " + n);
        }
        assertArrayEquals(startWeights, RunHistory.paramsOf(replay.seek(123)));
    }

    @Test
    void windowsOfARunPositionedMidWindowEndOnTheHundreds() {
        TrainConfig c = TrainConfig.article().withSizes(1000, 10).withEpochs(1);
        Trainer t = new Trainer(Trainer.newNetwork(c, 28, 28), train, c);
        t.positionAt(150);
        List<WindowStats> windows = new ArrayList<>();
        t.setListener(new Trainer.Listener() {
            @Override
            public void onWindow(WindowStats w) {
                windows.add(w);
            }
        });
        for (int i = 0; i < 150; i++) {
            t.step();
        }
        assertEquals(List.of(200L, 300L), windows.stream().map(WindowStats::globalStep).toList());
        assertEquals(50, windows.get(0).count());
        assertEquals(100, windows.get(1).count());
    }

    @Test
    void replayRefusesOtherImages() {
        Straight s = new Straight(TrainConfig.article().withSizes(60, 10).withEpochs(1));
        Dataset other = BundledMnist.test();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunReplay(s.history, other));
        assertTrue(e.getMessage().contains("not the images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RunReplay(s.history, train).seek(61));
    }

    @Test
    void aFullMnistRunKeepsUnder100MegabytesOfSnapshots() {
        int params = 8 * 9 + 13 * 13 * 8 * 10 + 10;
        assertEquals(13_602, params);
        int every = RunHistory.intervalFor(180_000, params);
        assertEquals(250, every);
        long snapshots = 180_000 / every + 1;
        assertTrue(snapshots * params * 8 < 100_000_000L, snapshots * params * 8 + " bytes");
        // The article's 3,000 steps: a snapshot every 50, so a seek runs at most 50 steps.
        assertEquals(50, RunHistory.intervalFor(3_000, params));
        // 64 filters: wider spacing keeps the same bound.
        int big = 64 * 9 + 13 * 13 * 64 * 10 + 10;
        long bigEvery = RunHistory.intervalFor(180_000, big);
        assertTrue((180_000 / bigEvery + 1) * big * 8 <= RunHistory.SNAPSHOT_BUDGET);
    }

    @Test
    void positionAtRejectsStepsOutsideTheRun() {
        TrainConfig c = TrainConfig.article().withSizes(10, 10).withEpochs(2);
        Trainer t = new Trainer(Trainer.newNetwork(c, 28, 28), train, c);
        assertThrows(IllegalArgumentException.class, () -> t.positionAt(21));
        assertThrows(IllegalArgumentException.class, () -> t.positionAt(-1));
        t.positionAt(20);
        assertTrue(!t.hasNext());
        t.positionAt(10);
        assertEquals(1, t.epoch());
        assertEquals(10, t.stepInEpoch());
        assertTrue(t.atEpochBoundary());
    }
}
