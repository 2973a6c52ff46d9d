package org.cnnexplorer.app.mydigits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.Dialogs;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.DataFolder;
import org.cnnexplorer.data.ImageFolder;
import org.cnnexplorer.data.MyDigitsFiles;

/**
 * What the My digits tab and the File menu do with folders: open a My digits folder, save to one,
 * and import a folder of pictures in the background with progress, then a summary that names
 * every picture skipped. A failed open or save changes nothing; a cancelled import adds nothing.
 */
public final class MyDigitsActions {
    private final AppModel model;
    private final MyDigits digits;
    private final Supplier<Window> owner;
    private MyDigitsView view;
    private Task<ImageFolder.Result> importing;

    public MyDigitsActions(AppModel model, MyDigits digits, Supplier<Window> owner) {
        this.model = model;
        this.digits = digits;
        this.owner = owner;
    }

    void setView(MyDigitsView v) {
        this.view = v;
        if (importing != null) {
            v.showImport(importing);  // an import started before the tab's view was built
        }
    }

    public void openFolder() {
        Path dir = model.choosers().chooseDirectory(owner.get(), "Open a My digits folder (or an empty folder for a new set)");
        if (dir != null) {
            open(dir);
        }
    }

    /** Opens {@code dir}; unsaved digits are not thrown away: they are added to the opened set. */
    public void open(Path dir) {
        String why = whyNotMyDigitsFolder(dir);
        if (why != null) {
            Dialogs.error(owner.get(), "Cannot open this folder as My digits", why + "\n\nYour digits are unchanged.");
            return;
        }
        List<MyDigits.Digit> unsaved = digits.folder() == null ? List.copyOf(digits.digits()) : List.of();
        try {
            digits.open(dir);
        } catch (DataException e) {
            Dialogs.error(owner.get(), "Cannot open this folder as My digits", e.getMessage() + "\n\nYour digits are unchanged.");
            return;
        }
        digits.addAll(unsaved);
        model.statusProperty().set(String.format("My digits: %,d in %s%s", digits.size(), dir,
                unsaved.isEmpty() ? "" : " (with the " + unsaved.size() + " not saved before)"));
    }

    public void saveToFolder() {
        Path dir = model.choosers().chooseDirectory(owner.get(), "Save my digits to a folder");
        if (dir != null) {
            saveTo(dir);
        }
    }

    public void saveTo(Path dir) {
        String why = whyNotMyDigitsFolder(dir);
        if (why != null) {
            Dialogs.error(owner.get(), "Cannot save my digits there", why + "\n\nNothing was written.");
            return;
        }
        if (!dir.equals(digits.folder()) && MyDigitsFiles.isMyDigitsFolder(dir)) {
            int there;
            try {
                there = MyDigitsFiles.load(dir).count();
            } catch (DataException e) {
                there = -1;
            }
            if (there != 0 && !confirm("Replace the digits in " + dir.getFileName() + "?",
                    (there > 0 ? "That folder holds " + there + " other digits" : "That folder holds My digits files that cannot be read")
                            + ". Saving there replaces them with these " + digits.size() + ".", "Replace")) {
                return;
            }
        }
        try {
            digits.saveTo(dir);
            model.statusProperty().set(String.format("Saved %,d of my digits to %s", digits.size(), dir));
        } catch (IOException e) {
            Dialogs.error(owner.get(), "Cannot save my digits there", (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "\n\nNothing was written; your digits are still here.");
        }
    }

    /** Why {@code dir} should not hold My digits (a picture folder, an MNIST folder), or null. */
    static String whyNotMyDigitsFolder(Path dir) {
        if (MyDigitsFiles.isMyDigitsFolder(dir)) {
            return null;
        }
        if (ImageFolder.hasClassFolders(dir)) {
            return dir + " is a folder of pictures (subfolders 0 to 9): bring them in with Import pictures…, and keep "
                    + "My digits in a folder of their own.";
        }
        if (DataFolder.isIdxFolder(dir)) {
            return dir + " holds MNIST's IDX files; keep My digits in a folder of their own (a new, empty one will do).";
        }
        return null;
    }

    private boolean confirm(String header, String text, String yes) {
        javafx.scene.control.ButtonType ok = new javafx.scene.control.ButtonType(yes, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ok, javafx.scene.control.ButtonType.CANCEL);
        if (owner.get() != null) {
            a.initOwner(owner.get());
        }
        a.setTitle("cnn-explorer");
        a.setHeaderText(header);
        return a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == ok;
    }

    public void importPictures() {
        Path dir = model.choosers().chooseDirectory(owner.get(), "Import a folder of pictures: one subfolder per digit, 0 to 9");
        if (dir != null) {
            importFrom(dir);
        }
    }

    /** Whether an import is running. */
    public boolean importing() {
        return importing != null;
    }

    /** Reads the pictures of {@code dir} in the background and adds them all at the end, or none if cancelled. */
    public void importFrom(Path dir) {
        if (importing != null) {
            return;
        }
        Task<ImageFolder.Result> t = new Task<>() {
            @Override
            protected ImageFolder.Result call() throws Exception {
                updateMessage("Listing " + dir.getFileName() + "…");
                return ImageFolder.read(dir, (done, total) -> {
                    updateProgress(done, total);
                    updateMessage(String.format("Reading pictures: %,d of %,d", done, total));
                }, this::isCancelled);
            }
        };
        importing = t;
        if (view != null) {
            view.showImport(t);
        }
        model.statusProperty().set("Importing pictures from " + dir + "…");
        t.setOnSucceeded(e -> {
            finished();
            ImageFolder.Result r = t.getValue();
            if (r.cancelled()) {
                model.statusProperty().set("Import cancelled: nothing was added");
                return;
            }
            digits.addAll(MyDigits.toDigits(r.dataset()));
            model.statusProperty().set("Imported from " + dir.getFileName() + ": " + r.summary());
            summary(dir, r);
        });
        t.setOnCancelled(e -> {
            finished();
            model.statusProperty().set("Import cancelled: nothing was added");
        });
        t.setOnFailed(e -> {
            finished();
            Throwable ex = t.getException();
            model.statusProperty().set("Import failed");
            Dialogs.error(owner.get(), "Cannot import this folder", (ex.getMessage() == null ? ex.toString() : ex.getMessage())
                    + "\n\nNothing was added.");
        });
        Thread th = new Thread(t, "import-pictures");
        th.setDaemon(true);
        th.start();
    }

    /** Cancels a running import (nothing is added). */
    public void cancelImport() {
        if (importing != null) {
            importing.cancel();
        }
    }

    private void finished() {
        importing = null;
        if (view != null) {
            view.showImport(null);
        }
    }

    /** The import's summary; every skipped picture is listed in the dialog's details. */
    private void summary(Path dir, ImageFolder.Result r) {
        Alert a = new Alert(r.skipped().isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        if (owner.get() != null) {
            a.initOwner(owner.get());
        }
        a.setTitle("cnn-explorer");
        a.setHeaderText("Imported " + dir.getFileName() + ": " + r.summary());
        String kept = digits.folder() == null ? "; save them to a folder to keep them"
                : digits.savedProperty().get() ? " and saved" : " but not saved: " + digits.saveErrorProperty().get();
        a.setContentText(r.dataset().count() == 0 ? "No picture could be used, so nothing was added."
                : String.format("%,d digits were added to My digits%s.", r.dataset().count(), kept));
        if (!r.skipped().isEmpty()) {
            StringBuilder s = new StringBuilder();
            for (ImageFolder.Skipped k : r.skipped()) {
                s.append(k).append('\n');
            }
            TextArea list = new TextArea(s.toString());
            list.setEditable(false);
            list.setPrefRowCount(Math.min(12, r.skipped().size() + 1));
            list.setId("import-skipped");
            a.getDialogPane().setExpandableContent(list);
            a.getDialogPane().setExpanded(true);
        }
        a.getDialogPane().setId("import-summary");
        a.show();
    }
}
