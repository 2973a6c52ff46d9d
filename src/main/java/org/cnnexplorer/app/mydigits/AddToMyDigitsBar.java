package org.cnnexplorer.app.mydigits;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.draw.DrawView;
import org.cnnexplorer.data.DigitPreprocessor;

/**
 * Under the Draw tab's prediction: "Add to my digits as 0 … 9". A click adds the 28x28 image the
 * network sees, with that label, and clears the paper for the next digit (Undo brings it back).
 */
public final class AddToMyDigitsBar extends VBox {
    private final Label feedback = new Label();

    public AddToMyDigitsBar(DrawView draw, MyDigits digits) {
        super(4);
        setId("add-to-my-digits");
        Label title = new Label("Add to my digits as");
        title.getStyleClass().add("caption");
        HBox buttons = new HBox(3);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (int k = 0; k < 10; k++) {
            int label = k;
            Button b = new Button(Integer.toString(k));
            b.setId("add-digit-" + k);
            b.setMinWidth(32);
            b.setTooltip(new Tooltip("Add this drawing to My digits labelled " + k + " and clear the paper"));
            b.disableProperty().bind(draw.drawnInputProperty().isNull());
            b.setOnAction(e -> {
                double[] x = draw.drawnInputProperty().get();
                if (x == null) {
                    return;
                }
                double[] ink = new double[x.length];
                for (int i = 0; i < ink.length; i++) {
                    ink[i] = x[i] + 0.5;
                }
                digits.add(new MyDigits.Digit(DigitPreprocessor.toBytes(ink), label));
                draw.clear();
                feedback.setText(String.format(Locale.ROOT, "Added %s: %,d in My digits%s", org.cnnexplorer.app.Words.aDigit(label), digits.size(),
                        digits.folder() == null ? " (not saved yet: see the My digits tab)"
                                : digits.savedProperty().get() ? "" : " (not saved: see the My digits tab)"));
            });
            buttons.getChildren().add(b);
        }
        feedback.setId("add-to-my-digits-feedback");
        feedback.getStyleClass().add("hint");
        feedback.setWrapText(true);
        feedback.setMaxWidth(420);
        getChildren().addAll(title, buttons, feedback);
    }
}
