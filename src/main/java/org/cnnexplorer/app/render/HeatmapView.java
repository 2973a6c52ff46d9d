package org.cnnexplorer.app.render;

import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * A heatmap: one {@link WritableImage} at the data's native size, drawn enlarged with nearest
 * neighbour scaling on a {@link Canvas} that fills this region (square cells, centred).
 * Optional extras: grid lines every n cells, the numbers in the cells when they fit, an overlay
 * for marks, a tooltip with the value under the mouse, and a callback for clicked cells.
 *
 * <p>Call {@link #setData} on the FX thread with values the caller will not change; the view
 * copies what it shows.
 */
public class HeatmapView extends Region {
    /** Extra drawing over the cells, in canvas coordinates. */
    public interface Overlay {
        /** @param x0 left edge, @param y0 top edge, @param cell the size of one cell in pixels */
        void draw(GraphicsContext gc, double x0, double y0, double cell, int cols, int rows);
    }

    /** Receives a clicked cell. */
    public interface CellListener {
        void clicked(int row, int col);
    }

    private final Canvas canvas = new Canvas();
    private final HoverTip tip;
    private final double prefCell;
    private WritableImage image;
    private int[] argb = new int[0];
    private double[] values = new double[0];
    private int cols;
    private int rows;
    private int gridEvery;
    private Color gridColor = Color.color(1, 1, 1, 0.55);
    private boolean cellLines;
    private java.util.function.DoubleFunction<String> valueFormatter;
    private Overlay overlay;
    private CellListener cellListener;
    private double x0;
    private double y0;
    private double cell;
    private long version;
    private double lastMouseX = -1;
    private double lastMouseY = -1;

    /** @param prefCell preferred size of one cell in pixels; the view grows and shrinks from there */
    public HeatmapView(double prefCell) {
        this.prefCell = prefCell;
        getChildren().add(canvas);
        getStyleClass().add("heatmap");
        // A canvas is invisible to a screen reader: the map reads as an image with its summary.
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        // A heatmap keeps its preferred size unless a caller lets it grow or shrink.
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        tip = HoverTip.install(this, this::hoverText, Duration.millis(150));
        setOnMouseMoved(e -> {
            lastMouseX = e.getX();
            lastMouseY = e.getY();
            tip.refresh();
        });
        setOnMouseClicked(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc != null && cellListener != null) {
                cellListener.clicked(rc[0], rc[1]);
            }
        });
    }

    /**
     * Shows {@code rows * cols} values, row-major from {@code values[offset]}, through {@code map}
     * on the scale [lo, hi].
     */
    public void setData(double[] data, int offset, int cols, int rows, ColorMap map, double lo, double hi) {
        resize(cols, rows);
        System.arraycopy(data, offset, values, 0, cols * rows);
        HeatmapPainter.paint(values, 0, cols, rows, map, lo, hi, argb);
        upload();
    }

    /** Shows unsigned bytes (an image) through {@code map}; the hover value is the byte 0..255. */
    public void setBytes(byte[] data, int offset, int cols, int rows, ColorMap map) {
        resize(cols, rows);
        for (int i = 0; i < cols * rows; i++) {
            values[i] = data[offset + i] & 0xff;
        }
        HeatmapPainter.paintBytes(data, offset, cols, rows, map, argb);
        upload();
    }

    /** Nothing to show: an empty, light grey area. */
    public void clear() {
        resize(0, 0);
        version++;
        draw();
    }

    /** Grid lines every {@code n} cells (2 for max-pool blocks); 0 for none. */
    public void setGrid(int n, Color color) {
        this.gridEvery = n;
        if (color != null) {
            this.gridColor = color;
        }
        draw();
    }

    /** Thin lines between all cells (for small maps such as a 3x3 filter). */
    public void setCellLines(boolean on) {
        this.cellLines = on;
        draw();
    }

    /** Writes each value in its cell with this format (e.g. "%.2f") when the cells are big enough; null for none. */
    public void setValueFormat(String format) {
        setValueFormatter(format == null ? null : v -> String.format(Locale.ROOT, format, v));
    }

    /** Like {@link #setValueFormat} with any formatting (e.g. values shown in units of 10^-3). */
    public void setValueFormatter(java.util.function.DoubleFunction<String> f) {
        this.valueFormatter = f;
        draw();
    }

    public void setOverlay(Overlay o) {
        this.overlay = o;
        draw();
    }

    /** Whether hovering shows the cell's value (on by default; off for thumbnails with their own tooltip). */
    public void setHoverValues(boolean on) {
        tip.setOn(on);
    }

    public void setOnCellClicked(CellListener l) {
        this.cellListener = l;
    }

    /** The map in words (what a screen reader says), after the accessible text if one is set. */
    public String describe() {
        String summary = MapSummary.of(values, cols, rows);
        String name = getAccessibleText();
        return name == null || name.isEmpty() ? summary : name + ", " + summary;
    }

    @Override
    public Object queryAccessibleAttribute(javafx.scene.AccessibleAttribute attribute, Object... parameters) {
        if (attribute == javafx.scene.AccessibleAttribute.TEXT) {
            return describe();
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    /** The value shown at (row, col). */
    public double value(int row, int col) {
        return values[row * cols + col];
    }

    /** The displayed ARGB colour at (row, col), for tests. */
    public int colorAt(int row, int col) {
        return argb[row * cols + col];
    }

    /** The picture drawn last (for tests: a picture once drawn is never rewritten). */
    javafx.scene.image.Image picture() {
        return image;
    }

    /** Grows with every new picture, so tests can see that the view changed. */
    public long version() {
        return version;
    }

    /** Canvas pixel size of one cell after layout. */
    public double cellSize() {
        return cell;
    }

    /** (row, col) at a point in this region's coordinates, or null outside the map. */
    public int[] cellAt(double x, double y) {
        if (cell <= 0 || cols == 0) {
            return null;
        }
        int c = (int) Math.floor((x - x0) / cell);
        int r = (int) Math.floor((y - y0) / cell);
        if (r < 0 || c < 0 || r >= rows || c >= cols) {
            return null;
        }
        return new int[] {r, c};
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(cols, 1) * prefCell + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(rows, 1) * prefCell + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return Math.max(cols, 1) * Math.min(prefCell, 2) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return Math.max(rows, 1) * Math.min(prefCell, 2) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    private void resize(int c, int r) {
        boolean changed = c != cols || r != rows;
        cols = c;
        rows = r;
        if (values.length != c * r) {
            values = new double[c * r];
            argb = new int[c * r];
        }
        if (changed) {
            requestLayout();
        }
    }

    private void upload() {
        // A new image each time, never one rewritten in place: the canvas keeps a reference to the
        // image it drew, and the renderer reads its pixels later, on its own thread; an image rewritten
        // meanwhile showed the next step's colours under this step's numbers (white text on light cells).
        image = new WritableImage(cols, rows);
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), argb, 0, cols);
        version++;
        draw();
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.clearRect(0, 0, w, h);
        if (cols == 0 || rows == 0 || w <= 0 || h <= 0) {
            gc.setFill(Color.gray(0.92));
            gc.fillRect(0, 0, w, h);
            cell = 0;
            return;
        }
        // Whole pixels per cell when there is room, so every cell is equally wide.
        double c = Math.min(w / cols, h / rows);
        cell = c >= 3 ? Math.floor(c) : c;
        x0 = Math.floor((w - cell * cols) / 2);
        y0 = Math.floor((h - cell * rows) / 2);
        gc.setImageSmoothing(false);
        gc.drawImage(image, x0, y0, cell * cols, cell * rows);
        if (cellLines && cell >= 6) {
            lines(gc, 1, Color.color(0, 0, 0, 0.25), 1);
        }
        if (gridEvery > 0 && cell >= 2) {
            lines(gc, gridEvery, gridColor, 1);
        }
        if (valueFormatter != null) {
            drawValues(gc);
        }
        if (overlay != null) {
            overlay.draw(gc, x0, y0, cell, cols, rows);
        }
    }

    private void lines(GraphicsContext gc, int every, Color color, double width) {
        gc.setStroke(color);
        gc.setLineWidth(width);
        for (int i = every; i < cols; i += every) {
            double x = x0 + i * cell + 0.5;
            gc.strokeLine(x, y0, x, y0 + rows * cell);
        }
        for (int i = every; i < rows; i += every) {
            double y = y0 + i * cell + 0.5;
            gc.strokeLine(x0, y, x0 + cols * cell, y);
        }
    }

    private void drawValues(GraphicsContext gc) {
        if (cell < 14) {
            return;  // would be unreadable: the tooltip still gives the value
        }
        String[] text = new String[rows * cols];
        int longest = 1;
        for (int i = 0; i < text.length; i++) {
            text[i] = valueFormatter.apply(values[i]);
            longest = Math.max(longest, text[i].length());
        }
        // about 0.6 em per character, leaving a little margin in the cell
        double size = Math.min(cell * 0.32, 0.9 * cell / (0.6 * longest));
        if (size < 8) {
            return;
        }
        gc.setFont(Font.font("System", size));
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                gc.setFill(ColorMap.textColorOn(argb[i]));
                gc.fillText(text[i], x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell);
            }
        }
    }

    private String hoverText() {
        int[] rc = cellAt(lastMouseX, lastMouseY);
        if (rc == null) {
            return cols == 0 ? "no data" : cols + " x " + rows;
        }
        return String.format(Locale.ROOT, "row %d, col %d: %.4g", rc[0], rc[1], value(rc[0], rc[1]));
    }
}
