package org.cnnexplorer.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineTicksTest {
    @Test
    void aFewEpochsGetATickEach() {
        assertEquals(1000, TimelineBar.tickUnit(1000, 3000));
        assertEquals(1000, TimelineBar.tickUnit(1000, 20_000));
    }

    @Test
    void manyShortEpochsGetAtMostTwentyTicksOfWholeEpochs() {
        // 5 images, 100,000 epochs: a tick per epoch was 100,000 ticks.
        double unit = TimelineBar.tickUnit(5, 500_000);
        assertTrue(500_000 / unit <= 20, "ticks: " + 500_000 / unit);
        assertEquals(0, unit % 5, "a whole number of epochs");
        assertEquals(5 * 5000, unit, "the smallest of 1, 2, 5, 10, … epochs that fits");
        assertEquals(2 * 60, TimelineBar.tickUnit(60, 60 * 21));
        assertEquals(5 * 60, TimelineBar.tickUnit(60, 60 * 41));
    }
}
