package org.cnnexplorer.app;

import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Presentation zoom for a projector: the whole window, controls, heatmaps and charts alike, is
 * scaled (Ctrl+= larger, Ctrl+- smaller, Ctrl+0 actual size). The window's content is laid out at
 * the window's size divided by the factor and then scaled up, so it still fills the window.
 */
public final class Zoom {
    static final double[] STEPS = {0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3};
    private final DoubleProperty factor = new SimpleDoubleProperty(this, "zoom", 1);
    private final Region content;
    private final Pane host;

    public Zoom(Region content) {
        this.content = content;
        Scale scale = new Scale();
        scale.xProperty().bind(factor);
        scale.yProperty().bind(factor);
        content.getTransforms().add(scale);
        host = new Pane(content) {
            @Override
            protected void layoutChildren() {
                double f = factor.get();
                content.resizeRelocate(0, 0, getWidth() / f, getHeight() / f);
            }

            @Override
            protected double computePrefWidth(double height) {
                return content.prefWidth(-1) * factor.get();
            }

            @Override
            protected double computePrefHeight(double width) {
                return content.prefHeight(-1) * factor.get();
            }

            @Override
            protected double computeMinWidth(double height) {
                return 0;
            }

            @Override
            protected double computeMinHeight(double width) {
                return 0;
            }
        };
        host.setId("zoom-host");
        factor.addListener((o, was, now) -> host.requestLayout());
    }

    /** The scene's root: holds the scaled content. */
    public Parent root() {
        return host;
    }

    public DoubleProperty factorProperty() {
        return factor;
    }

    /** Sets the factor, kept within the steps' range. */
    public void set(double f) {
        factor.set(Math.max(STEPS[0], Math.min(STEPS[STEPS.length - 1], f)));
    }

    public void in() {
        for (double s : STEPS) {
            if (s > factor.get() + 1e-9) {
                factor.set(s);
                return;
            }
        }
    }

    public void out() {
        for (int i = STEPS.length - 1; i >= 0; i--) {
            if (STEPS[i] < factor.get() - 1e-9) {
                factor.set(STEPS[i]);
                return;
            }
        }
    }

    /** View > Zoom in, Zoom out, Actual size. */
    public List<MenuItem> menuItems() {
        // Key codes, not characters: "Shortcut+DIGIT0" parsed as text is the character "DIGIT0", which no key types.
        return List.of(item("Zoom _in", javafx.scene.input.KeyCode.EQUALS, "zoom-in", this::in),
                item("Zoom _out", javafx.scene.input.KeyCode.MINUS, "zoom-out", this::out),
                item("_Actual size", javafx.scene.input.KeyCode.DIGIT0, "zoom-reset", () -> factor.set(1)));
    }

    private static MenuItem item(String text, javafx.scene.input.KeyCode key, String id, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setAccelerator(new javafx.scene.input.KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        i.setOnAction(e -> r.run());
        return i;
    }
}
