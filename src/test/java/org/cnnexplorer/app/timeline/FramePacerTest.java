package org.cnnexplorer.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The replay's frames on the window's pulses: 30 a second whether pulses come every 16.7 or 24 ms. */
class FramePacerTest {
    /** Frames shown in one second of pulses every {@code interval} ns (simulated clock). */
    private static int framesInOneSecond(long interval) {
        FramePacer p = new FramePacer(30);
        int shown = 0;
        for (long t = 0; t < 1_000_000_000L; t += interval) {
            if (p.pulse(t)) {
                shown++;
            }
        }
        return shown;
    }

    @Test
    void showsThirtyFramesASecondOnSixtyOrFortyPulses() {
        assertEquals(30, framesInOneSecond(16_666_667L), 1);
        // 24 ms pulses: waiting a whole frame since the last shown one gave 21 frames
        assertEquals(30, framesInOneSecond(24_000_000L), 1);
        // slower pulses than frames: every pulse shows one
        assertEquals(20, framesInOneSecond(50_000_000L));
    }

    @Test
    void aLatePulseShowsOneFrameNotABurst() {
        FramePacer p = new FramePacer(30);
        assertTrue(p.pulse(0));
        assertTrue(p.pulse(500_000_000L), "half a second late");
        assertFalse(p.pulse(510_000_000L), "the frames missed meanwhile are not made up");
        assertTrue(p.pulse(534_000_000L));
    }
}
