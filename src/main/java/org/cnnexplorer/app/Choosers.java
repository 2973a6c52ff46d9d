package org.cnnexplorer.app;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * How the app asks the user for a folder or a file. The default opens the native dialogs; tests
 * replace it (see {@link AppModel#setChoosers}) so no native dialog ever opens headless.
 */
public interface Choosers {
    /** A folder to open, or null if the user cancelled. */
    Path chooseDirectory(Window owner, String title);

    /**
     * A file to write, or null if cancelled.
     *
     * @param suggestedName e.g. "training.csv"
     * @param description   e.g. "CSV files"
     * @param extension     e.g. "csv" (without dot)
     */
    Path chooseSaveFile(Window owner, String title, String suggestedName, String description, String extension);

    /** A file to read, or null if cancelled. */
    Path chooseOpenFile(Window owner, String title, String description, String... extensions);

    /** The native dialogs of the platform, each opening in the folder the last one was left in. */
    static Choosers platform() {
        FolderMemory folder = new FolderMemory(Path.of(System.getProperty("user.home", ".")));
        return new Choosers() {
            @Override
            public Path chooseDirectory(Window owner, String title) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                c.setInitialDirectory(folder.start().toFile());
                File f = c.showDialog(owner);
                return f == null ? null : folder.used(f.toPath());
            }

            @Override
            public Path chooseSaveFile(Window owner, String title, String suggestedName, String description, String extension) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.setInitialFileName(suggestedName);
                c.setInitialDirectory(folder.start().toFile());
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
                File f = c.showSaveDialog(owner);
                return f == null ? null : folder.used(f.toPath());
            }

            @Override
            public Path chooseOpenFile(Window owner, String title, String description, String... extensions) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                String[] globs = new String[extensions.length];
                for (int i = 0; i < extensions.length; i++) {
                    globs[i] = "*." + extensions[i];
                }
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, globs));
                c.setInitialDirectory(folder.start().toFile());
                File f = c.showOpenDialog(owner);
                return f == null ? null : folder.used(f.toPath());
            }
        };
    }
}
