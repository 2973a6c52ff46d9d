package org.cnnexplorer.app.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MapSummaryTest {
    @Test
    void saysTheRangeAndWhereTheLargestIs() {
        double[] filter = {0.1, -0.2, 0.0, 0.3, 0.2, 0.1, 0.7, 0.4, -0.1};
        assertEquals("3 by 3: values from -0.20 to 0.70, largest at bottom left", MapSummary.of(filter, 3, 3));
    }

    @Test
    void imagesAndEmptyMaps() {
        double[] img = new double[28 * 28];
        img[14 * 28 + 14] = 255;
        assertEquals("28 by 28: values from 0 to 255, largest at centre", MapSummary.of(img, 28, 28));
        assertEquals("empty", MapSummary.of(new double[0], 0, 0));
    }
}
