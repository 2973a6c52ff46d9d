package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window's training loop without a window: pacing, pausing, stepping, snapshots and curves. */
class TrainingRunTest {
    private static Dataset train;
    private static Dataset test;
    private ModelStore store;

    @BeforeAll
    static void load() {
        train = BundledMnist.train();
        test = BundledMnist.test();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static TrainConfig small() {
        return TrainConfig.article().withSizes(300, 200).withEpochs(2);
    }

    private Future<Long> start(TrainingRun run, AtomicBoolean cancelled) {
        return store.executor().submit(() -> run.run(cancelled::get));
    }

    @Test
    void fullSpeedRunMatchesTheTrainerBitForBitAndPublishesCurves() throws Exception {
        TrainConfig c = small();
        store = new ModelStore(Trainer.newNetwork(c, 28, 28));
        TrainingFeed feed = new TrainingFeed();
        long steps = start(new TrainingRun(store, train, test, c, new RunControl(), feed), new AtomicBoolean()).get(60, TimeUnit.SECONDS);
        assertEquals(600, steps);

        Network ref = Trainer.newNetwork(c, 28, 28);
        new Trainer(ref, train, c).runToEnd();
        Network published = store.latest().toNetwork();
        assertArrayEquals(ref.conv.filters(), published.conv.filters(), 0, "publishing must not perturb training");
        assertArrayEquals(ref.softmax.weights(), published.softmax.weights(), 0);

        List<TrainingFeed.WindowPoint> windows = feed.drainWindows();
        assertEquals(6, windows.size(), "3 windows of 100 per epoch");
        assertEquals(100, windows.get(0).imagesSeen());
        assertEquals(600, windows.get(5).imagesSeen());
        List<TrainingFeed.TestPoint> tests = feed.drainTests();
        assertEquals(2, tests.size(), "one test evaluation per epoch");
        assertEquals(200, tests.get(1).result().count());
        assertEquals(600, tests.get(1).imagesSeen());

        TrainingSnapshot last = feed.latest();
        assertEquals(600, last.globalStep());
        assertEquals(600, last.totalSteps());
        assertEquals(2, last.epoch());
        assertEquals(1.0, last.fraction());
        assertNotNull(last.current());
        assertEquals(train.label(last.imageIndex()), last.current().label());
        assertEquals(600, feed.imagesSeen());
    }

    @Test
    void aSecondRunCountsOnFromTheFirst() throws Exception {
        TrainConfig c = small().withEpochs(1);
        store = new ModelStore(Trainer.newNetwork(c, 28, 28));
        TrainingFeed feed = new TrainingFeed();
        start(new TrainingRun(store, train, test, c, new RunControl(), feed), new AtomicBoolean()).get(60, TimeUnit.SECONDS);
        start(new TrainingRun(store, train, test, c, new RunControl(), feed), new AtomicBoolean()).get(60, TimeUnit.SECONDS);
        assertEquals(600, feed.imagesSeen());
        assertEquals(300, feed.latest().globalStep(), "steps of this run");
        assertEquals(600, feed.latest().imagesSeen());
    }

    /**
     * A clock that moves only when the run waits for a deadline: then it jumps there at once. A
     * wait for a change alone (a paused run) really waits, and says so, so a test can tell that
     * the run sits paused.
     */
    private static final class FakeClock implements RunClock {
        private volatile long now;
        private volatile boolean waitingPaused;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void await(RunControl control, long seenVersion, long deadline) throws InterruptedException {
            if (deadline == Long.MAX_VALUE) {
                waitingPaused = true;
                try {
                    control.await(seenVersion, Long.MAX_VALUE);
                } finally {
                    waitingPaused = false;
                }
            } else if (control.version() == seenVersion) {
                now = Math.max(now, deadline);
            }
        }
    }

    /**
     * Time moves 2 ms at each reading for the first 20 readings (steps that ran cold), then 10 µs
     * (warm), then 2 ms again for 10 readings (a warm step held up by the GC or the OS), then
     * 10 µs; it records the waits with a deadline and jumps to their deadline.
     */
    private static final class ColdThenWarmClock implements RunClock {
        private long now;
        private int reads;
        final java.util.List<Long> rests = new java.util.ArrayList<>();
        /** The reading count at each rest. */
        final java.util.List<Integer> restReads = new java.util.ArrayList<>();

        @Override
        public synchronized long nanoTime() {
            int r = reads++;
            now += r < 20 || r >= 120 && r < 130 ? 2_000_000L : 10_000L;
            return now;
        }

        @Override
        public synchronized void await(RunControl control, long seenVersion, long deadline) {
            rests.add(deadline - now);
            restReads.add(reads);
            now = Math.max(now, deadline);
        }
    }

    @Test
    void aFullSpeedRunRestsAfterColdStepsOnlyWhenAskedAndTrainsTheSame() throws Exception {
        TrainConfig c = small().withEpochs(1);
        for (boolean yield : new boolean[] {true, false}) {
            store = new ModelStore(Trainer.newNetwork(c, 28, 28));
            ColdThenWarmClock clock = new ColdThenWarmClock();
            TrainingRun run = new TrainingRun(store, train, test, c, new RunControl(), new TrainingFeed(), clock);
            run.setYieldWhileCold(yield);
            assertEquals(300, (long) store.executor().submit(() -> run.run(() -> false)).get(60, TimeUnit.SECONDS));
            if (yield) {
                assertTrue(clock.rests.size() >= 5 && clock.rests.size() <= 10, "a rest after each cold step, none once warm: " + clock.rests);
                assertTrue(clock.rests.stream().allMatch(r -> r >= 1_000_000L), "as long as the step took: " + clock.rests);
                assertTrue(clock.restReads.stream().allMatch(r -> r <= 21), "none after the first warm step: " + clock.restReads);
            } else {
                assertTrue(clock.rests.isEmpty(), "no rests unless asked: " + clock.rests);
            }
            Network ref = Trainer.newNetwork(c, 28, 28);
            new Trainer(ref, train, c).runToEnd();
            assertArrayEquals(ref.softmax.weights(), store.latest().toNetwork().softmax.weights(), 0, "resting changes no number");
            store.close();
        }
        store = null;
    }

    @Test
    void pausedRunTakesExactlyTheRequestedStepsThenStops() throws Exception {
        TrainConfig c = small();
        store = new ModelStore(Trainer.newNetwork(c, 28, 28));
        TrainingFeed feed = new TrainingFeed();
        RunControl control = new RunControl();
        control.setPaused(true);
        FakeClock clock = new FakeClock();
        // After the pause: 0.1 s of the clock at 200 steps/s, then stop.
        long stopAt = 100_000_000L;
        Future<Long> done = store.executor().submit(() ->
                new TrainingRun(store, train, test, c, control, feed, clock).run(() -> clock.nanoTime() >= stopAt));
        waitUntil(() -> clock.waitingPaused);
        assertEquals(0, feed.latest().globalStep());
        assertNull(feed.latest().current(), "no image before the first step");
        control.requestStep();
        control.requestStep();
        control.requestStep();
        // Three steps, then it publishes and waits again, paused: it cannot go on by itself.
        waitUntil(() -> feed.latest().globalStep() == 3 && clock.waitingPaused);
        assertEquals(3, feed.latest().globalStep(), "a paused run does not go on by itself");
        assertNotNull(feed.latest().current());
        assertEquals(0, clock.nanoTime(), "no time passed while paused");

        control.setPace(200);
        control.setPaused(false);
        long steps = done.get(30, TimeUnit.SECONDS);
        assertEquals(3 + 20, steps, "20 steps in 0.1 s at 200 steps/s after the three single steps");
        assertEquals(steps, feed.latest().globalStep(), "the last snapshot shows where it stopped");
    }

    @Test
    void pacedRunKeepsToItsPace() throws Exception {
        TrainConfig c = small();
        store = new ModelStore(Trainer.newNetwork(c, 28, 28));
        TrainingFeed feed = new TrainingFeed();
        RunControl control = new RunControl();
        control.setPace(20);
        FakeClock clock = new FakeClock();
        long steps = store.executor().submit(() ->
                new TrainingRun(store, train, test, c, control, feed, clock).run(() -> clock.nanoTime() >= 1_000_000_000L))
                .get(30, TimeUnit.SECONDS);
        assertEquals(20, steps, "one second at 20 steps/s: steps at 0, 50, ..., 950 ms");
    }

    @Test
    void aPaceChangeTakesEffectAtOnce() throws Exception {
        TrainConfig c = small();
        store = new ModelStore(Trainer.newNetwork(c, 28, 28));
        TrainingFeed feed = new TrainingFeed();
        RunControl control = new RunControl();
        control.setPace(10);
        FakeClock clock = new FakeClock();
        // Two seconds: at 10 steps/s until 0.5 s, then at 100 steps/s.
        long steps = store.executor().submit(() ->
                new TrainingRun(store, train, test, c, control, feed, clock).run(() -> {
                    if (clock.nanoTime() >= 500_000_000L && control.pace() == 10) {
                        control.setPace(100);
                    }
                    return clock.nanoTime() >= 2_000_000_000L;
                })).get(30, TimeUnit.SECONDS);
        assertEquals(5 + 150, steps, "5 steps in the first 0.5 s, 150 in the next 1.5 s");
    }

    private static void waitUntil(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(10);
        }
    }
}
