package org.cnnexplorer.app;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;

/**
 * Keyboard shortcuts that belong to one view (a tab): they work wherever the focus is, as long as
 * the view is showing, and they leave keys alone while the user types in a text field. A scene
 * filter is used because buttons and tab headers would otherwise take the arrow keys for focus
 * traversal before the view sees them.
 */
public final class ViewKeys {
    private ViewKeys() {
    }

    /** Calls {@code handler} for key presses while {@code view} is showing; the handler consumes what it uses. */
    public static void install(Node view, EventHandler<KeyEvent> handler) {
        EventHandler<KeyEvent> filter = e -> {
            if (isShowing(view) && !isTyping(e)) {
                handler.handle(e);
            }
        };
        view.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, filter);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, filter);
            }
        });
        Scene now = view.getScene();
        if (now != null) {
            now.addEventFilter(KeyEvent.KEY_PRESSED, filter);
        }
    }

    /** In a scene with it and all its ancestors visible (a tab's content is hidden when not selected). */
    public static boolean isShowing(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Style class of a panel that handles its own keys (the lesson panel): views leave them alone while it has the focus. */
    public static final String OWNS_KEYS = "owns-keys";

    private static boolean isTyping(KeyEvent e) {
        Object t = e.getTarget();
        for (Node n = t instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains(OWNS_KEYS)) {
                return true;
            }
        }
        if (t instanceof TextInputControl || t instanceof Spinner || t instanceof ComboBoxBase) {
            return true;
        }
        // A spinner's or combo box's editor is a text field inside it.
        if (t instanceof Node n) {
            for (Parent p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof Spinner || p instanceof ComboBoxBase) {
                    return true;
                }
            }
        }
        return false;
    }
}
