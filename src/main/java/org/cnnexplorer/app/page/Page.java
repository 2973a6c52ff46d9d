package org.cnnexplorer.app.page;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

/**
 * One view of the window (a tab): what the registry needs to show it, and what a lesson needs to
 * point at a part of it. A new view is one class plus one {@code window.addPage(...)} line.
 */
public interface Page {
    /** A constant from {@link PageIds}; also the tab's node id. */
    String id();

    String title();

    /** The view; a lazy page builds it on the first call. */
    Node node();

    /** False while a lazy page's view is not built yet. */
    default boolean built() {
        return true;
    }

    /** True while the page is on screen (its tab is selected). */
    ReadOnlyBooleanProperty showingProperty();

    /**
     * Draws attention to a named part ("probability-bars", "filter-3", "block 2 5 7") and returns
     * the node now marked, or null if the page has no such part. The default marks the node whose
     * id is {@code part}; pages with parts that are not nodes (a block of a heat map) override it.
     */
    default Node highlight(String part) {
        return Highlight.mark(node(), part);
    }

    /** Removes this page's mark, if any. */
    default void clearHighlight() {
        if (built()) {
            Highlight.clear(node());
        }
    }

    /**
     * A page for an existing view. {@code parts} handles the view's own named parts first and
     * returns the id of the node to mark (or null if it does not know the part).
     */
    static Page of(String id, String title, Node node, Function<String, String> parts) {
        return new BasicPage(id, title, new Lazy<>(() -> node), parts);
    }

    static Page of(String id, String title, Node node) {
        return of(id, title, node, p -> null);
    }

    /** A page whose view is built on first use (see {@link Lazy}). */
    static Page lazy(String id, String title, Lazy<? extends Node> node, Function<String, String> parts) {
        return new BasicPage(id, title, node, parts);
    }

    static Page lazy(String id, String title, Lazy<? extends Node> node) {
        return lazy(id, title, node, p -> null);
    }
}
