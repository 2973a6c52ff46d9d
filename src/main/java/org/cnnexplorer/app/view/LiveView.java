package org.cnnexplorer.app.view;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.layout.BorderPane;

/**
 * A view that redraws from snapshots only while it is on screen: {@link #requestRender()} renders
 * now if the view is showing and otherwise remembers to render when it is shown again. Hidden
 * tabs therefore cost the FX thread nothing during training.
 */
public abstract class LiveView extends BorderPane {
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", true);
    private boolean dirty;

    protected LiveView() {
        showing.addListener((o, was, now) -> {
            if (now && dirty) {
                dirty = false;
                render();
            }
        });
    }

    /** Bind to the tab's selected property. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    protected final void requestRender() {
        if (showing.get()) {
            dirty = false;
            render();
        } else {
            dirty = true;
        }
    }

    /** Draws the current state (FX thread). */
    protected abstract void render();
}
