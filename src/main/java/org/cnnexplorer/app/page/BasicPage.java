package org.cnnexplorer.app.page;

import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;

/** A {@link Page} around a view built elsewhere, now or on first use; the registry drives {@link #showing()}. */
final class BasicPage implements Page {
    private final String id;
    private final String title;
    private final Lazy<? extends Node> node;
    private final Function<String, String> parts;
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");

    BasicPage(String id, String title, Lazy<? extends Node> node, Function<String, String> parts) {
        this.id = id;
        this.title = title;
        this.node = node;
        this.parts = parts;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Node node() {
        return node.get();
    }

    @Override
    public boolean built() {
        return node.built();
    }

    @Override
    public ReadOnlyBooleanProperty showingProperty() {
        return showing;
    }

    BooleanProperty showing() {
        return showing;
    }

    /** Runs {@code hook} on the view once it is built (now, if it is). */
    void whenBuilt(java.util.function.Consumer<Node> hook) {
        node.whenBuilt(hook);
    }

    @Override
    public Node highlight(String part) {
        String own = parts.apply(part);
        return Highlight.mark(node(), own != null ? own : part);
    }
}
