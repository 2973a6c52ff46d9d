package org.cnnexplorer.app;

import javafx.scene.control.ButtonBase;
import javafx.scene.input.MouseEvent;

/**
 * A button that Tab reaches (with its focus ring) but that a click leaves the focus alone for:
 * the timeline's steps and the Lessons toggle are pressed while the user works in a view, whose
 * keys must keep working after the click.
 */
public final class KeyboardReach {
    private KeyboardReach() {
    }

    public static <B extends ButtonBase> B tabOnly(B b) {
        b.setFocusTraversable(true);
        // The button takes the focus on a press only if it is focus-traversable at that moment.
        b.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> b.setFocusTraversable(false));
        b.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> b.setFocusTraversable(true));
        b.addEventFilter(MouseEvent.MOUSE_EXITED, e -> b.setFocusTraversable(true));
        return b;
    }
}
