package org.cnnexplorer.app;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** Error and information dialogs with the same look everywhere. */
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
}
