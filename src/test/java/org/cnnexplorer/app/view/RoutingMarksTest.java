package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The routing view's marks are small pictures made once per size: a single max is a black dot
 * with a white halo, a tied max a ring (the same with a white hole), transparent around them.
 */
class RoutingMarksTest {
    @Test
    void aDotIsBlackInTheMiddleARingWhiteAndBothHaveAHaloInClearSurroundings() throws Exception {
        FxToolkit.registerPrimaryStage();
        double r = 4;
        Image dot = RoutingMarks.sprite(false, r);
        Image ring = RoutingMarks.sprite(true, r);
        int c = (int) dot.getWidth() / 2;
        assertEquals(Color.BLACK, dot.getPixelReader().getColor(c, c), "a single max: a black dot");
        assertEquals(Color.WHITE, ring.getPixelReader().getColor(c, c), "a tie: a ring with a white hole");
        assertEquals(Color.BLACK, ring.getPixelReader().getColor(c + 2, c), "the ring itself is black");
        for (Image s : new Image[] {dot, ring}) {
            Color halo = s.getPixelReader().getColor(c + 4, c);
            assertTrue(halo.getBrightness() > 0.95 && halo.getOpacity() > 0.4, "a white halo just outside the disc: " + halo);
            assertEquals(0, s.getPixelReader().getColor(0, 0).getOpacity(), 1e-9, "clear in the corner");
        }
        assertSame(dot, RoutingMarks.sprite(false, r), "made once per size");
    }
}
