package org.cnnexplorer.app.view;

import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * A view that redraws from snapshots only while it is on screen: {@link #requestRender()} renders
 * now if the view is showing and otherwise remembers to render when it is shown again. Hidden
 * tabs therefore cost the FX thread nothing during training. A view may also cap how often it
 * renders ({@link #setMaxRate}); requests in between are merged into one trailing render, so the
 * last state is always shown.
 */
public abstract class LiveView extends BorderPane {
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", true);
    private final PauseTransition trailing = new PauseTransition();
    private boolean dirty;
    private long minNanos;
    private long lastRender;
    private long renders;
    private long lastRenderCpuNanos;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    protected LiveView() {
        showing.addListener((o, was, now) -> {
            if (now && dirty) {
                renderNow();
            }
        });
        trailing.setOnFinished(e -> {
            if (showing.get()) {
                renderNow();
            }
        });
    }

    /**
     * Renders once while hidden, so that the first visit to the tab finds its maps already built
     * and laid out (building them on the first visit dropped that second to about 20-40 frames).
     * Later changes while hidden are drawn when the tab is shown, as usual.
     */
    public final void prepare() {
        if (!showing.get()) {
            renderNow();
        }
    }

    /** Bind to the tab's selected property. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** At most this many renders a second (0 for no cap). */
    public final void setMaxRate(double perSecond) {
        minNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
    }

    protected final void requestRender() {
        if (!showing.get()) {
            dirty = true;
            return;
        }
        long wait = lastRender + minNanos - System.nanoTime();
        if (wait <= 0) {
            trailing.stop();
            renderNow();
        } else if (trailing.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            dirty = true;
            trailing.setDuration(Duration.millis(wait / 1e6));
            trailing.playFromStart();
        }
    }

    private void renderNow() {
        dirty = false;
        lastRender = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        render();
        lastRenderCpuNanos = CPU.getCurrentThreadCpuTime() - cpu0;
        renders++;
    }

    /** How many times this view has rendered (for measuring how soon a view shows a moment). */
    public final long renders() {
        return renders;
    }

    /** The FX thread's CPU time of the newest render, in milliseconds (for measuring). */
    public final double lastRenderCpuMs() {
        return lastRenderCpuNanos / 1e6;
    }

    /** Draws the current state (FX thread). */
    protected abstract void render();
}
