package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cnnexplorer.app.render.ColorMap;
import org.junit.jupiter.api.Test;

class ReplayFrameTest {
    @Test
    void slidesUseTheAppsColourTables() {
        int[] div = ReplayFrame.table(ReplayFrame.DIVERGING);
        int[] seq = ReplayFrame.table(ReplayFrame.SEQUENTIAL);
        for (int i = 0; i < 256; i++) {
            assertEquals(ColorMap.DIVERGING.argb(i) & 0xffffff, div[i], "diverging " + i);
            assertEquals(ColorMap.SEQUENTIAL.argb(i) & 0xffffff, seq[i], "sequential " + i);
        }
        assertEquals(ColorMap.index(0.3, -1, 1), ReplayFrame.index(0.3, -1, 1));
        assertEquals(ColorMap.index(-7, -1, 1), ReplayFrame.index(-7, -1, 1));
    }

    @Test
    void framesAreSpreadEvenlyWithoutRepeats() {
        assertEquals(java.util.List.of(0L, 50L, 100L), ReplayExport.steps(0, 100, 3));
        assertEquals(java.util.List.of(5L, 6L, 7L), ReplayExport.steps(5, 7, 10));
        assertEquals(java.util.List.of(9L), ReplayExport.steps(9, 9, 4));
    }
}
