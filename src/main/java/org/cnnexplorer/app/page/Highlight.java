package org.cnnexplorer.app.page;

import javafx.scene.Node;
import javafx.scene.Parent;

/** The lessons' focus cue: one style class ("lesson-focus", an orange outline) on one node of a page. */
public final class Highlight {
    public static final String STYLE = "lesson-focus";

    private Highlight() {
    }

    /** Marks the node with id {@code id} inside {@code page} (the page itself if the ids match); returns it or null. */
    public static Node mark(Node page, String id) {
        clear(page);
        if (id == null || id.isBlank()) {
            return null;
        }
        Node n = id.equals(page.getId()) ? page : find(page, id);
        if (n != null) {
            n.getStyleClass().add(STYLE);
        }
        return n;
    }

    /** Style class of a part hidden until the learner answers (see {@link #cover}). */
    public static final String COVERED = "lesson-covered";

    /** Hides the part with id {@code id} inside {@code page} without changing the layout; returns it or null. */
    public static Node cover(Node page, String id) {
        Node n = find(page, id);
        if (n != null && !n.getStyleClass().contains(COVERED)) {
            n.getStyleClass().add(COVERED);
            n.setOpacity(0);
        }
        return n;
    }

    /** Shows again what {@link #cover} hid in this page. */
    public static void uncover(Node page) {
        if (page.getStyleClass().remove(COVERED)) {
            page.setOpacity(1);
        }
        for (Node c : children(page)) {
            uncover(c);
        }
    }

    private static java.util.List<Node> children(Node n) {
        java.util.List<Node> out = new java.util.ArrayList<>();
        if (n instanceof Parent p) {
            out.addAll(p.getChildrenUnmodifiable());
        }
        if (n instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            out.add(s.getContent());
        }
        if (n instanceof javafx.scene.control.TitledPane t && t.getContent() != null) {
            out.add(t.getContent());
        }
        return out;
    }

    public static void clear(Node page) {
        page.getStyleClass().remove(STYLE);
        if (page instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                clear(c);
            }
        }
        if (page instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            clear(s.getContent());
        }
        if (page instanceof javafx.scene.control.TitledPane t && t.getContent() != null) {
            clear(t.getContent());
        }
    }

    /** Finds a node by id, also inside scroll panes and titled panes whose skins may not exist yet. */
    public static Node find(Node root, String id) {
        if (id.equals(root.getId())) {
            return root;
        }
        if (root instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            Node n = find(s.getContent(), id);
            if (n != null) {
                return n;
            }
        }
        if (root instanceof javafx.scene.control.TitledPane t && t.getContent() != null) {
            Node n = find(t.getContent(), id);
            if (n != null) {
                return n;
            }
        }
        if (root instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                Node n = find(c, id);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }
}
