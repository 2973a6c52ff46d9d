package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.cnnexplorer.data.MnistFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Once the window is idle, the training step is warmed up on a throwaway network (so a run
 * starts at full speed); the app's own model is not touched, and a run that starts stops it.
 */
class EngineWarmUpTest {
    private ExplorerApp app;

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("cnnexplorer.warmup");
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void itTrainsItsOwnNetworkUntilDoneOrStopped() throws Exception {
        var data = MnistFiles.loadBundled();
        var train = data.train();
        EngineWarmUp done = new EngineWarmUp();
        done.start(train, data.test());
        done.join();
        assertEquals(EngineWarmUp.STEPS, done.steps(), "all its steps within " + EngineWarmUp.LIMIT_NANOS / 1e9 + " s");
        assertEquals(EngineWarmUp.EVALUATIONS, done.evaluations(), "and its tests");

        EngineWarmUp stopped = new EngineWarmUp();
        stopped.start(train, data.test());
        stopped.stop();
        stopped.join();
        assertTrue(stopped.steps() < EngineWarmUp.STEPS, "stopped early: " + stopped.steps());
        assertEquals(0, stopped.evaluations());
    }

    @Test
    void theWindowWarmsUpWhenIdleAndAStartStopsIt() throws Exception {
        System.setProperty("cnnexplorer.warmup", "on");
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.warmUp() != null && app.warmUp().steps() > 0);
        EngineWarmUp w = app.warmUp();
        double[] before = app.model().store().submit(n -> n.softmax.weights().clone()).get();
        long s0 = w.steps();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.steps() > s0 + 100 || !w.running());
        double[] after = app.model().store().submit(n -> n.softmax.weights().clone()).get();
        assertTrue(java.util.Arrays.equals(before, after), "the app's model is not what the warm-up trains");
        TrainingController c = app.training().controller();
        robot.interact(c::start);
        assertTrue(w.stopped(), "a run stops the warm-up");
        w.join();
        robot.interact(c::stop);
    }
}
