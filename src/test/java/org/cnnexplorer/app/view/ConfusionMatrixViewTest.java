package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import org.cnnexplorer.app.ThemedStageTest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The confusion matrix is drawn on one canvas: a click reports the cell under the mouse, hovering
 * tells that cell's count, and no tooltip is made before the mouse comes (making one per cell
 * was most of the Evaluation tab's first-visit cost).
 */
class ConfusionMatrixViewTest extends ThemedStageTest {
    @Test
    void aClickReportsTheCellUnderTheMouseAndHoveringTellsItsCount() throws Exception {
        ConfusionMatrixView[] view = new ConfusionMatrixView[1];
        int[] clicked = {-1, -1};
        int[][] counts = new int[10][10];
        for (int d = 0; d < 10; d++) {
            counts[d][d] = 80 + d;
        }
        counts[4][9] = 7;
        counts[8][3] = 1;
        robot.interact(() -> {
            view[0] = new ConfusionMatrixView("t");
            view[0].setOnCell((r, c) -> {
                clicked[0] = r;
                clicked[1] = c;
            });
            stage.setScene(new Scene(new StackPane(view[0]), 600, 560));
            stage.show();
            view[0].show(counts);
        });
        ConfusionMatrixView v = view[0];
        assertFalse(v.hoverTip().made(), "no tooltip before the mouse comes");
        assertEquals("7", v.cellText(4, 9));
        assertEquals("", v.cellText(9, 4));
        assertTrue(v.describe().contains("845 of 853"), v.describe());
        assertTrue(v.cellTip(8, 3).startsWith("1 image of an 8 predicted as 3 ("), v.cellTip(8, 3));
        assertTrue(v.cellTip(8, 3).endsWith("; click to see it"), v.cellTip(8, 3));
        assertTrue(v.describe().contains("7 images of a 4 predicted as 9"), v.describe());

        robot.clickOn(screen(v, 4, 9));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, clicked[0]);
        assertEquals(9, clicked[1]);

        robot.moveTo(screen(v, 2, 2)).moveBy(2, 1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownTip() != null);
        assertTrue(v.hoverTip().made());
        assertEquals(v.cellTip(2, 2), shownTip());
        assertTrue(shownTip().startsWith("82 images of a 2 predicted as 2 (100.0% of the 2s)"), shownTip());
    }

    private Point2D screen(ConfusionMatrixView v, int r, int c) {
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = v.localToScreen(v.cellCenter(r, c)));
        return p[0];
    }

    private String shownTip() {
        String[] text = new String[1];
        robot.interact(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof Tooltip t && t.isShowing()) {
                    text[0] = t.getText();
                }
            }
        });
        return text[0];
    }
}
