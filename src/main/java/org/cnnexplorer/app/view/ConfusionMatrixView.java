package org.cnnexplorer.app.view;

import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.VPos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.cnnexplorer.app.Themes;
import org.cnnexplorer.app.Words;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HoverTip;

/**
 * A 10x10 confusion matrix: row = true digit, column = predicted digit, each cell the count, shaded
 * by the share of its row (so a dark diagonal means most of each digit is right). Clicking a cell
 * reports (label, predicted); hovering tells the cell's count and share.
 *
 * <p>Drawn on one canvas: as 120 labels, each with its own tooltip, it cost the Evaluation tab's
 * first visit about a tenth of a second of styling.
 */
public final class ConfusionMatrixView extends Region {
    static final double CELL = 44;
    private static final double GAP = 1;
    private static final double HEAD_W = 62;
    private static final double HEAD_H = 34;
    /** An empty cell on the dark themes: their subtle background with a muted outline (light grey blocks read as holes). */
    private static final Color DARK_EMPTY = Color.web("#161b22");
    private static final Color DARK_EMPTY_LINE = Color.web("#30363d");
    private static final Color LIGHT_EMPTY = Color.gray(0.93);

    private final Canvas canvas = new Canvas(HEAD_W + 10 * (CELL + GAP), HEAD_H + 10 * (CELL + GAP));
    private final int[][] counts = new int[10][10];
    /** Each cell's ARGB shade, from its share of the row (set with the counts). */
    private final int[][] shades = new int[10][10];
    private final String[][] tips = new String[10][10];
    private final HoverTip tip;
    private final InvalidationListener themeChanged = o -> draw();
    private boolean empty = true;
    private int hoverRow = -1;
    private int hoverCol = -1;
    private BiConsumer<Integer, Integer> onCell = (a, b) -> { };

    public ConfusionMatrixView() {
        this("confusion");
    }

    /** @param idPrefix the matrix's id is {@code idPrefix + "-matrix"}, one per matrix in the window */
    public ConfusionMatrixView(String idPrefix) {
        setId(idPrefix + "-matrix");
        getChildren().add(canvas);
        getStyleClass().add("confusion-matrix");
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(canvas.getWidth(), canvas.getHeight());
        setPrefSize(canvas.getWidth(), canvas.getHeight());
        setMaxSize(canvas.getWidth(), canvas.getHeight());
        tip = HoverTip.install(this, () -> hoverRow < 0 ? "Row: the true digit; column: the prediction" : tips[hoverRow][hoverCol]);
        setOnMouseMoved(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            hoverRow = rc == null ? -1 : rc[0];
            hoverCol = rc == null ? -1 : rc[1];
            setCursor(rc == null ? javafx.scene.Cursor.DEFAULT : javafx.scene.Cursor.HAND);
            tip.refresh();
        });
        setOnMouseClicked(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc != null) {
                onCell.accept(rc[0], rc[1]);
            }
        });
        Themes.currentProperty().addListener(new WeakInvalidationListener(themeChanged));
        clear();
    }

    public void setOnCell(BiConsumer<Integer, Integer> action) {
        this.onCell = action;
    }

    public void clear() {
        empty = true;
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                counts[r][c] = 0;
                tips[r][c] = "no evaluation yet";
            }
        }
        draw();
    }

    /** Shows confusion[label][predicted]. */
    public void show(int[][] confusion) {
        empty = false;
        for (int r = 0; r < 10; r++) {
            int total = 0;
            for (int c = 0; c < 10; c++) {
                total += confusion[r][c];
            }
            for (int c = 0; c < 10; c++) {
                int n = confusion[r][c];
                double share = total == 0 ? 0 : (double) n / total;
                counts[r][c] = n;
                // a light ramp from white: sqrt so that small confusions still show
                shades[r][c] = BLUES.argb(Math.sqrt(share), 0, 1);
                tips[r][c] = String.format(Locale.ROOT, "%s of %s predicted as %d (%.1f%% of the %ds)%s",
                        Words.count(n, "image", "images"), Words.aDigit(r), c, 100 * share, r,
                        n > 0 ? "; click to see " + (n == 1 ? "it" : "them") : "");
            }
        }
        draw();
    }

    /** The text of cell (label, predicted): its count, or nothing for none. */
    public String cellText(int label, int predicted) {
        return empty || counts[label][predicted] == 0 ? "" : Integer.toString(counts[label][predicted]);
    }

    /** What hovering cell (label, predicted) tells. */
    public String cellTip(int label, int predicted) {
        return tips[label][predicted];
    }

    /** The hover tip, for tests. */
    HoverTip hoverTip() {
        return tip;
    }

    /** The fill of cell (label, predicted) as drawn in the current theme. */
    public Color cellFill(int label, int predicted) {
        if (empty) {
            return Themes.currentProperty().get().dark() ? DARK_EMPTY : LIGHT_EMPTY;
        }
        return ColorMap.toColor(shades[label][predicted]);
    }

    /** The centre of cell (label, predicted) in this view's coordinates (to click it). */
    public javafx.geometry.Point2D cellCenter(int label, int predicted) {
        return new javafx.geometry.Point2D(HEAD_W + predicted * (CELL + GAP) + CELL / 2, HEAD_H + label * (CELL + GAP) + CELL / 2);
    }

    /** (label, predicted) under a point in this view's coordinates, or null off the cells. */
    public int[] cellAt(double x, double y) {
        int c = (int) Math.floor((x - HEAD_W) / (CELL + GAP));
        int r = (int) Math.floor((y - HEAD_H) / (CELL + GAP));
        if (x < HEAD_W || y < HEAD_H || r > 9 || c > 9) {
            return null;
        }
        return new int[] {r, c};
    }

    /** The matrix in words (what a screen reader says): how many are right and the largest confusion. */
    public String describe() {
        if (empty) {
            return "Confusion matrix: no evaluation yet";
        }
        int total = 0;
        int right = 0;
        int worst = -1;
        int wr = 0;
        int wc = 0;
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                total += counts[r][c];
                if (r == c) {
                    right += counts[r][c];
                } else if (counts[r][c] > worst) {
                    worst = counts[r][c];
                    wr = r;
                    wc = c;
                }
            }
        }
        return String.format(Locale.ROOT, "Confusion matrix: %,d of %,d test images right; most often confused: %s of %s "
                + "predicted as %d", right, total, Words.count(worst, "image", "images"), Words.aDigit(wr), wc);
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT) {
            return describe();
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Color ink = Themes.ink();
        double size = Font.getDefault().getSize();
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, size);
        Font plain = Font.font(Font.getDefault().getFamily(), size);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(ink.deriveColor(0, 1, 1, 0.75));
        gc.setFont(Font.font(Font.getDefault().getFamily(), size * 0.92));
        gc.fillText("true ↓", HEAD_W / 2, HEAD_H * 0.3);
        gc.fillText("pred. →", HEAD_W / 2, HEAD_H * 0.72);
        gc.setFill(ink);
        gc.setFont(bold);
        for (int k = 0; k < 10; k++) {
            gc.fillText(Integer.toString(k), HEAD_W + k * (CELL + GAP) + CELL / 2, HEAD_H / 2);
            gc.fillText(Integer.toString(k), HEAD_W / 2, HEAD_H + k * (CELL + GAP) + CELL / 2);
        }
        boolean dark = Themes.currentProperty().get().dark();
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                double x = HEAD_W + c * (CELL + GAP);
                double y = HEAD_H + r * (CELL + GAP);
                if (empty) {
                    gc.setFill(dark ? DARK_EMPTY : LIGHT_EMPTY);
                    gc.fillRect(x, y, CELL, CELL);
                    if (dark) {
                        gc.setStroke(DARK_EMPTY_LINE);
                        gc.setLineWidth(1);
                        gc.strokeRect(x + 0.5, y + 0.5, CELL - 1, CELL - 1);
                    }
                    continue;
                }
                int argb = shades[r][c];
                gc.setFill(ColorMap.toColor(argb));
                gc.fillRect(x, y, CELL, CELL);
                if (counts[r][c] > 0) {
                    gc.setFill(ColorMap.textColorOn(argb));
                    gc.setFont(r == c ? bold : plain);
                    gc.fillText(Integer.toString(counts[r][c]), x + CELL / 2, y + CELL / 2);
                }
            }
        }
    }

    /** White to dark blue: a one-hue ramp where darker simply means more. */
    static final ColorMap BLUES = new ColorMap("blues", 0xffffff, 0xc6dbef, 0x6baed6, 0x2171b5, 0x08306b);
}
