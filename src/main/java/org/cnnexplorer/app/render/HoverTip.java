package org.cnnexplorer.app.render;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * A tooltip made when the mouse first enters its node, with its text read each time it shows. A
 * {@link Tooltip} is a small window of its own; made up front, the hundred cells of the confusion
 * matrix, the gallery's tiles and every heatmap paid for theirs on the first visit to their tab.
 */
public final class HoverTip {
    private final Node node;
    private final Supplier<String> text;
    private final Duration delay;
    private final EventHandler<MouseEvent> onEnter = e -> create();
    private Tooltip tip;
    private boolean on = true;

    private HoverTip(Node node, Supplier<String> text, Duration delay) {
        this.node = node;
        this.text = text;
        this.delay = delay;
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, onEnter);
    }

    /** Shows {@code text} (read when the tip shows) when the mouse rests on {@code node}. */
    public static HoverTip install(Node node, Supplier<String> text) {
        return new HoverTip(node, text, null);
    }

    /** Like {@link #install(Node, Supplier)}, shown after {@code delay} rather than the default second. */
    public static HoverTip install(Node node, Supplier<String> text, Duration delay) {
        return new HoverTip(node, text, delay);
    }

    /** Whether the tip shows at all (on by default). */
    public void setOn(boolean on) {
        this.on = on;
        if (tip != null) {
            if (on) {
                Tooltip.install(node, tip);
            } else {
                Tooltip.uninstall(node, tip);
            }
        }
    }

    /** Reads the text again if the tip is showing (the mouse moved to another part of the node). */
    public void refresh() {
        if (tip != null && tip.isShowing()) {
            tip.setText(text.get());
        }
    }

    /** Whether the tooltip has been made (the mouse has entered the node). */
    public boolean made() {
        return tip != null;
    }

    private void create() {
        node.removeEventHandler(MouseEvent.MOUSE_ENTERED, onEnter);
        tip = new Tooltip();
        if (delay != null) {
            tip.setShowDelay(delay);
        }
        tip.setOnShowing(e -> tip.setText(text.get()));
        if (on) {
            Tooltip.install(node, tip);
        }
    }
}
