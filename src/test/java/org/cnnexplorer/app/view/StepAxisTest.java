package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step axis: whole-number ticks whose labels never run into each other. */
class StepAxisTest {
    /** About 7 px a character, as the default 11 px font draws digits and commas. */
    private static double width(String s) {
        return 7 * s.length();
    }

    private static void assertFits(double max, double length) {
        double[] t = StepAxis.ticks(0, max, length, StepAxisTest::width);
        assertEquals(0, t[0]);
        assertTrue(t[1] >= max, "the axis reaches the data: " + t[1]);
        assertEquals(Math.rint(t[2]), t[2], "whole steps only: " + t[2]);
        assertTrue(t[2] >= 1);
        double pixelsPerTick = length * t[2] / (t[1] - t[0]);
        double widest = width(StepAxis.label(t[1]));
        assertTrue(pixelsPerTick >= widest + StepAxis.GAP || t[1] - t[0] == t[2],
                "labels fit side by side: " + pixelsPerTick + " px per tick for \"" + StepAxis.label(t[1]) + "\"");
    }

    @Test
    void pastAMillionStepsTheLabelsStillFit() {
        for (double max : new double[] {1_000_000, 1_300_000, 1_800_000, 9_999_999, 180_000, 6_000, 6_450}) {
            for (double length : new double[] {300, 690, 1200}) {
                assertFits(max, length);
            }
        }
        double[] t = StepAxis.ticks(0, 1_300_000, 690, StepAxisTest::width);
        assertEquals("1,300,000", StepAxis.label(1_300_000));
        assertTrue(t[1] > 1_300_000, "room past the last point: " + t[1]);
        assertTrue(t[2] >= 200_000, "not 100,000: at 690 px the 9-character labels would touch: " + t[2]);
    }

    @Test
    void tinyRunsGetWholeStepTicks() {
        for (double max : new double[] {0, 1, 2, 3, 5, 7}) {
            assertFits(max, 690);
        }
        double[] t = StepAxis.ticks(0, 5, 690, StepAxisTest::width);
        assertEquals(1, t[2]);
        assertEquals(5, t[1]);
        assertEquals(1, StepAxis.ticks(0, 0, 690, StepAxisTest::width)[1], "an empty chart spans 0 to 1 step");
    }
}
