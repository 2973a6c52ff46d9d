package org.cnnexplorer.app.render;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The softmax output as ten horizontal bars, one per digit, with the percentage. The true label's
 * bar is dark blue and tagged "label"; the prediction (the largest) is tagged "predicted" and
 * outlined, so the two read apart by text and shape, not only by colour.
 */
public final class ProbabilityBars extends Region {
    public static final Color LABEL_COLOR = Color.web("#2166ac");
    public static final Color OTHER_COLOR = Color.web("#9e9e9e");
    public static final Color PREDICTED_OUTLINE = Color.web("#b2182b");

    private final Canvas canvas = new Canvas();
    private double[] probs = new double[0];
    private int label = -1;

    public ProbabilityBars() {
        getChildren().add(canvas);
        getStyleClass().add("probability-bars");
        setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
    }

    /** The bars in words (what a screen reader says): the prediction, its probability, the label. */
    public String describe() {
        int p = predicted();
        if (p < 0) {
            return "no prediction";
        }
        String s = String.format(java.util.Locale.ROOT, "prediction %d with probability %.1f%%", p, 100 * probs[p]);
        return label >= 0 ? s + ", true digit " + label : s;
    }

    @Override
    public Object queryAccessibleAttribute(javafx.scene.AccessibleAttribute attribute, Object... parameters) {
        if (attribute == javafx.scene.AccessibleAttribute.TEXT) {
            return describe();
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    /** @param label the true digit, or -1 when unknown (a drawn digit) */
    public void setProbabilities(double[] p, int label) {
        this.probs = p.clone();
        this.label = label;
        draw();
    }

    public void clear() {
        probs = new double[0];
        draw();
    }

    /** Index of the largest probability (the first of equals), or -1 with none. */
    public int predicted() {
        int best = -1;
        for (int i = 0; i < probs.length; i++) {
            if (best < 0 || probs[i] > probs[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 420;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 10 * 22 + 4;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.clearRect(0, 0, w, h);
        int n = probs.length;
        if (n == 0 || w < 60) {
            return;
        }
        int pred = predicted();
        double row = Math.min(24, h / n);
        double digitW = 16;
        double tagW = 175;
        double barMax = Math.max(10, w - digitW - tagW - 8);
        gc.setFont(Font.font("System", Math.min(13, row * 0.62)));
        gc.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < n; k++) {
            double y = k * row;
            double cy = y + row / 2;
            gc.setFill(org.cnnexplorer.app.Themes.ink());
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(Integer.toString(k), 2, cy);
            double bw = Math.max(1, barMax * Math.max(0, Math.min(1, probs[k])));
            gc.setFill(k == label ? LABEL_COLOR : OTHER_COLOR);
            gc.fillRect(digitW, y + 3, bw, row - 6);
            if (k == pred) {
                gc.setStroke(PREDICTED_OUTLINE);
                gc.setLineWidth(2);
                gc.strokeRect(digitW - 1, y + 2, barMax + 2, row - 4);
            }
            String tag = String.format(Locale.ROOT, "%.1f%%", 100 * probs[k]);
            if (k == label && k == pred) {
                tag += "  label, predicted";
            } else if (k == label) {
                tag += "  label";
            } else if (k == pred) {
                tag += "  predicted";
            }
            gc.setFill(org.cnnexplorer.app.Themes.ink());
            gc.fillText(tag, digitW + barMax + 6, cy);
        }
    }
}
