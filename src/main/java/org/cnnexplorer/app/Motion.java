package org.cnnexplorer.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ProgressBar;

/**
 * View > Reduce motion: for people whom movement on screen distracts or makes unwell. It stops
 * what moves only for show: panes that slide open, tabs that grow in, the busy bar's sweep, and
 * notifications that fade away. What the user starts (a replay of the timeline, training's live
 * views) still moves.
 */
public final class Motion {
    /** Style class on the scene's root while motion is reduced (app.css turns the controls' animations off). */
    public static final String STYLE = "reduced-motion";
    private static final BooleanProperty REDUCED = new SimpleBooleanProperty(false);

    private Motion() {
    }

    public static BooleanProperty reducedProperty() {
        return REDUCED;
    }

    public static boolean reduced() {
        return REDUCED.get();
    }

    /** Keeps the style class on {@code scene}'s root in step with the setting; returns what stops that. */
    static Runnable follow(Scene scene) {
        Runnable mark = () -> {
            Node root = scene.getRoot();
            if (root == null) {
                return;
            }
            root.getStyleClass().remove(STYLE);
            if (REDUCED.get()) {
                root.getStyleClass().add(STYLE);
            }
        };
        javafx.beans.value.ChangeListener<Boolean> l = (o, was, now) -> mark.run();
        REDUCED.addListener(l);
        scene.rootProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.getStyleClass().remove(STYLE);
            }
            mark.run();
        });
        mark.run();
        return () -> REDUCED.removeListener(l);
    }

    /** The View menu's check item, in step with the setting. */
    static CheckMenuItem menuItem() {
        CheckMenuItem item = new CheckMenuItem("Reduce _motion");
        item.setId("reduce-motion");
        item.selectedProperty().bindBidirectional(REDUCED);
        return item;
    }

    /**
     * A busy bar of unknown length: it sweeps back and forth, unless motion is reduced, when it
     * stands still, half full, and the status line says what is going on.
     */
    public static void busy(ProgressBar bar) {
        Runnable set = () -> bar.setProgress(REDUCED.get() ? 0.5 : ProgressBar.INDETERMINATE_PROGRESS);
        REDUCED.addListener(new javafx.beans.value.WeakChangeListener<>(busyListener(bar, set)));
        set.run();
    }

    private static javafx.beans.value.ChangeListener<Boolean> busyListener(ProgressBar bar, Runnable set) {
        javafx.beans.value.ChangeListener<Boolean> l = (o, was, now) -> set.run();
        bar.getProperties().put(Motion.class, l); // the bar keeps its listener alive, not the other way round
        return l;
    }
}
