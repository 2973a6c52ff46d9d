package org.cnnexplorer.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The file a save writes, from the name a file chooser gave: the extension is added when it is
 * missing. The chooser only asked about replacing the name as typed, so when the name with the
 * extension already exists, the user is asked here; a file is never replaced unasked.
 */
public final class SavePaths {
    private SavePaths() {
    }

    /** {@code chosen} with ".ext" added unless it already ends so (any case). */
    public static Path withExtension(Path chosen, String ext) {
        String name = chosen.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith("." + ext) ? chosen : chosen.resolveSibling(name + "." + ext);
    }

    /** Calls {@code save} with the file to write, after asking if that means replacing a file the chooser did not ask about. */
    public static void resolve(Window owner, Path chosen, String ext, Consumer<Path> save) {
        Path p = withExtension(chosen, ext);
        if (p.equals(chosen) || !Files.exists(p)) {
            save.accept(p);
            return;
        }
        ButtonType replace = Dialogs.button("Replace", false);
        ButtonType cancel = Dialogs.button("Cancel", true);
        Dialogs.ask(owner, "confirm-replace", p.getFileName() + " already exists. Replace it?",
                "The file is saved with its ." + ext + " ending as " + p.getFileName() + " in "
                        + p.toAbsolutePath().getParent() + ", and a file of that name already exists. Replacing it overwrites it.",
                answer -> {
                    if (answer == replace) {
                        save.accept(p);
                    }
                }, replace, cancel);
    }
}
