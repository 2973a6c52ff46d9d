package org.cnnexplorer.app.render;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A colour bar with its scale: the caption above, the map's colours from low to high, and the
 * low, middle and high values under it ("-0.31   0   0.31" for a symmetric scale).
 */
public final class ColorLegend extends VBox {
    private final Canvas bar;
    private final Label caption = new Label();
    private final Label lo = new Label();
    private final Label mid = new Label();
    private final Label hi = new Label();
    private ColorMap map;

    public ColorLegend(ColorMap map, String caption, double width) {
        this.map = map;
        this.bar = new Canvas(width, 12);
        this.caption.setText(caption);
        this.caption.getStyleClass().add("legend-caption");
        Region s1 = new Region();
        Region s2 = new Region();
        HBox.setHgrow(s1, Priority.ALWAYS);
        HBox.setHgrow(s2, Priority.ALWAYS);
        HBox ticks = new HBox(lo, s1, mid, s2, hi);
        ticks.setAlignment(Pos.CENTER);
        ticks.setMaxWidth(width);
        for (Label l : new Label[] {lo, mid, hi}) {
            l.getStyleClass().add("legend-tick");
        }
        getChildren().addAll(this.caption, bar, ticks);
        setSpacing(2);
        setMaxWidth(Region.USE_PREF_SIZE);
        getStyleClass().add("color-legend");
        paint();
    }

    public void setMap(ColorMap m) {
        this.map = m;
        paint();
    }

    public void setCaption(String text) {
        caption.setText(text);
    }

    /** The scale [low, high] with the given number format (e.g. "%.3f"). */
    public void setRange(double low, double high, String format) {
        lo.setText(String.format(Locale.ROOT, format, low));
        hi.setText(String.format(Locale.ROOT, format, high));
        double m = (low + high) / 2;
        mid.setText(Math.abs(m) < 1e-12 * Math.max(1, Math.abs(high)) ? "0" : String.format(Locale.ROOT, format, m));
    }

    /** The symmetric scale [-m, m]: white (the middle) is exactly zero. */
    public void setSymmetric(double maxAbs, String format) {
        setRange(-maxAbs, maxAbs, format);
    }

    /** No scale (nothing is shown in the map's colours). */
    public void clearRange() {
        lo.setText("");
        mid.setText("");
        hi.setText("");
    }

    /** The text of the low, middle and high ticks, for tests. */
    public String ticks() {
        return lo.getText() + " " + mid.getText() + " " + hi.getText();
    }

    private void paint() {
        GraphicsContext gc = bar.getGraphicsContext2D();
        double w = bar.getWidth();
        double h = bar.getHeight();
        for (int x = 0; x < (int) w; x++) {
            gc.setFill(ColorMap.toColor(map.argb(Math.min(ColorMap.SIZE - 1, (int) (x / w * ColorMap.SIZE)))));
            gc.fillRect(x, 0, 1, h);
        }
        gc.setStroke(Color.gray(0.4));
        gc.setLineWidth(1);
        gc.strokeRect(0.5, 0.5, w - 1, h - 1);
    }
}
