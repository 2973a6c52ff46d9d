package org.cnnexplorer.app.view;

import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import org.cnnexplorer.app.render.ColorMap;

/**
 * A 10x10 confusion matrix: row = true digit, column = predicted digit, each cell the count, shaded
 * by the share of its row (so a dark diagonal means most of each digit is right). Clicking a cell
 * reports (label, predicted).
 */
public final class ConfusionMatrixView extends GridPane {
    private static final double CELL = 44;
    private final Label[][] cells = new Label[10][10];
    private final Tooltip[][] tips = new Tooltip[10][10];
    private BiConsumer<Integer, Integer> onCell = (a, b) -> { };

    public ConfusionMatrixView() {
        this("confusion");
    }

    /**
     * @param idPrefix the ids' prefix ("confusion": "confusion-matrix", cells "confusion-r-c"), one
     *                 per matrix in the window: two matrices with the same ids made a lookup find the other's cells
     */
    public ConfusionMatrixView(String idPrefix) {
        setHgap(1);
        setVgap(1);
        setId(idPrefix + "-matrix");
        Label corner = new Label("true ↓\npred. →");
        corner.getStyleClass().add("hint");
        corner.setWrapText(true);
        corner.setMaxWidth(CELL * 1.6);
        add(corner, 0, 0);
        for (int k = 0; k < 10; k++) {
            Label col = header(Integer.toString(k));
            Label row = header(Integer.toString(k));
            add(col, k + 1, 0);
            add(row, 0, k + 1);
        }
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                Label l = new Label();
                l.setMinSize(CELL, CELL);
                l.setPrefSize(CELL, CELL);
                l.setAlignment(Pos.CENTER);
                l.setId(idPrefix + "-" + r + "-" + c);
                l.getStyleClass().add("confusion-cell");
                if (r == c) {
                    l.getStyleClass().add("confusion-diagonal");
                }
                int label = r;
                int pred = c;
                l.setOnMouseClicked(e -> onCell.accept(label, pred));
                tips[r][c] = new Tooltip();
                l.setTooltip(tips[r][c]);
                cells[r][c] = l;
                add(l, c + 1, r + 1);
            }
        }
        clear();
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setMinSize(CELL, 24);
        l.setAlignment(Pos.CENTER);
        l.getStyleClass().add("card-title");
        return l;
    }

    public void setOnCell(BiConsumer<Integer, Integer> action) {
        this.onCell = action;
    }

    public void clear() {
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                cells[r][c].setText("");
                cells[r][c].setBackground(fill(Color.gray(0.93)));
                // the dark themes restyle an empty cell (a light grey block read as a white hole)
                if (!cells[r][c].getStyleClass().contains("confusion-empty")) {
                    cells[r][c].getStyleClass().add("confusion-empty");
                }
                tips[r][c].setText("no evaluation yet");
            }
        }
    }

    private static javafx.scene.layout.Background fill(Color c) {
        return new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(c, null, null));
    }

    /** Shows confusion[label][predicted]. */
    public void show(int[][] confusion) {
        for (int r = 0; r < 10; r++) {
            int total = 0;
            for (int c = 0; c < 10; c++) {
                total += confusion[r][c];
            }
            for (int c = 0; c < 10; c++) {
                int n = confusion[r][c];
                double share = total == 0 ? 0 : (double) n / total;
                // a light ramp from white: sqrt so that small confusions still show
                int argb = BLUES.argb(Math.sqrt(share), 0, 1);
                Label l = cells[r][c];
                l.getStyleClass().remove("confusion-empty");
                l.setText(n == 0 ? "" : Integer.toString(n));
                // Set directly rather than by inline CSS, which would be parsed again for every cell.
                l.setBackground(fill(ColorMap.toColor(argb)));
                l.setTextFill(ColorMap.textColorOn(argb));
                tips[r][c].setText(String.format("%d images of a %d predicted as %d (%.1f%% of the %ds)%s", n, r, c,
                        100 * share, r, n > 0 ? "; click to see them" : ""));
            }
        }
    }

    /** The text of cell (label, predicted), for tests. */
    public String cellText(int label, int predicted) {
        return cells[label][predicted].getText();
    }

    /** White to dark blue: a one-hue ramp where darker simply means more. */
    static final ColorMap BLUES = new ColorMap("blues", 0xffffff, 0xc6dbef, 0x6baed6, 0x2171b5, 0x08306b);
}
