package org.cnnexplorer.app.view;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The top of every view: its title, one sentence tying it to the article, and what its colours
 * (or marks) mean.
 */
public final class ViewHeader extends VBox {
    private final Label colours = new Label();

    /** @param colourMeaning what the view's colours or marks mean; empty for none */
    public ViewHeader(String title, String explanation, String colourMeaning) {
        Label t = new Label(title);
        t.getStyleClass().add("view-title");
        Label e = new Label(explanation);
        e.getStyleClass().add("explanation");
        e.setWrapText(true);
        colours.setText(colourMeaning);
        colours.getStyleClass().add("colour-key");
        colours.setWrapText(true);
        // a view without colours to explain leaves the line out
        colours.managedProperty().bind(colours.textProperty().isNotEmpty());
        colours.visibleProperty().bind(colours.managedProperty());
        getChildren().addAll(t, e, colours);
        setSpacing(2);
        getStyleClass().add("view-header");
    }

    /** Updates the colour key (e.g. when the routing rule changes). */
    public void setColourMeaning(String text) {
        colours.setText(text);
    }
}
