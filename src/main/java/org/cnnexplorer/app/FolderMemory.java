package org.cnnexplorer.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the next file dialog opens: the folder the last one was left in, while it still exists,
 * else the user's home (a dialog opening in the app's working folder made the user look for
 * their files again every time).
 */
final class FolderMemory {
    private final Path home;
    private Path last;

    FolderMemory(Path home) {
        this.home = home;
    }

    /** The folder to open in. */
    Path start() {
        return last != null && Files.isDirectory(last) ? last : home;
    }

    /** A file was chosen: its folder is the next start. Returns the file. */
    Path usedFile(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            last = parent;
        }
        return file;
    }

    /** A folder was chosen (to open): the folder holding it is the next start, so siblings are at hand. */
    Path usedFolder(Path folder) {
        return usedFile(folder);
    }
}
