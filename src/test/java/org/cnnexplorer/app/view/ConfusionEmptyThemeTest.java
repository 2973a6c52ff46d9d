package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.ThemedStageTest;
import org.cnnexplorer.app.Themes;
import org.junit.jupiter.api.Test;

/**
 * Before any evaluation the confusion matrix's cells take the theme's background (they were light
 * grey blocks on the dark themes); once it shows counts, each cell has its shade in every theme.
 */
class ConfusionEmptyThemeTest extends ThemedStageTest {
    @Test
    void emptyCellsFollowTheThemeAndCountsKeepTheirShade() {
        for (Themes.Theme theme : Themes.Theme.values()) {
            ConfusionMatrixView[] view = new ConfusionMatrixView[1];
            robot.interact(() -> {
                view[0] = new ConfusionMatrixView("t");
                Scene scene = new Scene(new StackPane(view[0]), 600, 500);
                scene.getStylesheets().add(ExplorerApp.class.getResource("app.css").toExternalForm());
                Themes.apply(scene, theme);
                stage.setScene(scene);
                stage.show();
            });
            double empty = brightness(cell(view[0], 3, 5));
            assertTrue(theme.dark() ? empty < 0.35 : empty > 0.8, theme + ": an empty cell's brightness is " + empty);

            int[][] counts = new int[10][10];
            for (int d = 0; d < 10; d++) {
                counts[d][d] = 90;
                counts[d][(d + 1) % 10] = 10;
            }
            robot.interact(() -> view[0].show(counts));
            double diagonal = brightness(cell(view[0], 3, 3));
            double none = brightness(cell(view[0], 3, 5));
            assertTrue(diagonal < 0.5, theme + ": a 90% cell is dark blue, brightness " + diagonal);
            assertTrue(none > 0.95, theme + ": a 0% cell is white in the colour ramp, brightness " + none);
        }
    }

    /** The cell's colour as the view drew it, read from the window's pixels. */
    private Color cell(ConfusionMatrixView v, int label, int predicted) {
        Color[] c = new Color[1];
        robot.interact(() -> {
            javafx.geometry.Point2D p = v.cellCenter(label, predicted);
            // a corner of the cell, clear of its number
            c[0] = v.snapshot(null, null).getPixelReader().getColor((int) p.getX() - 18, (int) p.getY() - 18);
            assertEquals(v.cellFill(label, predicted).toString(), c[0].toString(), "the drawn colour is the one the view reports");
        });
        return c[0];
    }

    private static double brightness(Color c) {
        return c.getBrightness();
    }
}
