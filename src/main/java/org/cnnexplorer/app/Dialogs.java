package org.cnnexplorer.app;

import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Error, information and question dialogs with the same look everywhere. */
public final class Dialogs {
    private Dialogs() {
    }

    /** A modal error dialog (not blocking the caller): a title line and what to do. */
    public static Alert error(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle("cnn-explorer");
        a.setHeaderText(title);
        a.setContentText(message);
        a.getDialogPane().setId("error-dialog");
        a.show();
        return a;
    }

    /**
     * A question with the given answers, the last of which is the safe default (Enter and Esc
     * pick it). Not blocking: {@code answer} gets the button pressed (the last one if the dialog
     * is closed some other way).
     */
    public static Alert ask(Window owner, String id, String title, String message, Consumer<ButtonType> answer, ButtonType... buttons) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, buttons);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle("cnn-explorer");
        a.setHeaderText(title);
        a.getDialogPane().setId(id);
        ButtonType safe = buttons[buttons.length - 1];
        for (ButtonType b : buttons) {
            Button node = (Button) a.getDialogPane().lookupButton(b);
            node.setDefaultButton(b == safe);
            node.setId(id + "-" + b.getText().replaceAll("[^A-Za-z]+", "-").toLowerCase(java.util.Locale.ROOT));
        }
        a.setOnHidden(e -> answer.accept(a.getResult() == null ? safe : a.getResult()));
        a.show();
        return a;
    }

    /** An answer button; {@code cancel} marks the one Esc stands for. */
    public static ButtonType button(String text, boolean cancel) {
        return new ButtonType(text, cancel ? ButtonBar.ButtonData.CANCEL_CLOSE : ButtonBar.ButtonData.OK_DONE);
    }

    /** An information dialog, e.g. the About box. */
    public static Alert info(Window owner, String id, String title, String message) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle("cnn-explorer");
        a.setHeaderText(title);
        a.setContentText(message);
        a.getDialogPane().setId(id);
        a.show();
        return a;
    }
}
