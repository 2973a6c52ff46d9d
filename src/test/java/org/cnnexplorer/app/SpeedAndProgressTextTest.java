package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.TrainingSnapshot;
import org.junit.jupiter.api.Test;

/** The speed slider's scale and the progress line, without a window. */
class SpeedAndProgressTextTest {
    @Test
    void sliderSpansOneStepASecondToFullSpeed() {
        assertEquals(1, SpeedScale.paceAt(SpeedScale.MIN_POSITION), 1e-9);
        assertEquals(100, SpeedScale.paceAt(2), 1e-9, "the default: 3,000 steps in 30 s");
        assertEquals(RunControl.FULL_SPEED, SpeedScale.paceAt(SpeedScale.MAX_POSITION));
        assertEquals(2, SpeedScale.positionOf(100), 1e-9);
        assertEquals(SpeedScale.MAX_POSITION, SpeedScale.positionOf(RunControl.FULL_SPEED));
        assertTrue(SpeedScale.positionOf(1e9) < SpeedScale.MAX_POSITION, "a finite pace never means full speed");
        assertEquals("1 step/s", SpeedScale.describe(1));
        assertEquals("2.5 steps/s", SpeedScale.describe(2.5));
        assertEquals("1,000 steps/s", SpeedScale.describe(1000));
        assertEquals("full speed", SpeedScale.describe(RunControl.FULL_SPEED));
    }

    @Test
    void progressSaysWhereTheRunIsAndHowLongItTakes() {
        TrainingSnapshot s = new TrainingSnapshot(null, 2, 3, 450, 1000, 1450, 3000, 1450, 0.3, 100, 5, null);
        assertEquals("Epoch 2 of 3 · image 450 of 1,000 · 1,450 of 3,000 steps", ProgressText.position(s));
        assertEquals("16 s left · 100 steps/s", ProgressText.timing(s, true));
        assertEquals("last 100 steps/s", ProgressText.timing(s, false));
        assertEquals("Not started", ProgressText.position(null));
        assertEquals("3 min 05 s", ProgressText.duration(185));
        assertEquals("1 h 02 min", ProgressText.duration(3720));
        TrainingSnapshot done = new TrainingSnapshot(null, 3, 3, 1000, 1000, 3000, 3000, 3000, 0.3, 100, 5, null);
        assertEquals("done", ProgressText.timing(done, false));
    }
}
