package org.cnnexplorer.app.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A heatmap never rewrites a picture it has handed to its canvas: the renderer reads that picture
 * later on its own thread, and a picture rewritten in between showed the next step's colours
 * under this step's numbers.
 */
class HeatmapPictureTest {
    @Test
    void aDrawnPictureKeepsItsColoursWhenNewDataComes() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxRobot robot = new FxRobot();
        HeatmapView v = new HeatmapView(20);
        Image[] first = new Image[1];
        int[] before = new int[1];
        robot.interact(() -> {
            v.setData(new double[] {-1, 0, 1, 0}, 0, 2, 2, ColorMap.DIVERGING, -1, 1);
            first[0] = v.picture();
            before[0] = first[0].getPixelReader().getArgb(0, 0);
            v.setData(new double[] {1, 0, -1, 0}, 0, 2, 2, ColorMap.DIVERGING, -1, 1);
        });
        assertEquals(before[0], first[0].getPixelReader().getArgb(0, 0), "the picture already drawn is unchanged");
        assertNotEquals(before[0], v.picture().getPixelReader().getArgb(0, 0), "the new data is in a new picture");
        assertEquals(v.colorAt(0, 0), v.picture().getPixelReader().getArgb(0, 0));
    }
}
