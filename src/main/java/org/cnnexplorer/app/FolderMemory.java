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

    /**
     * A file or a folder was chosen: the folder holding it is the next start (for a folder, so its
     * siblings are at hand). Returns what was chosen.
     */
    Path used(Path chosen) {
        Path parent = chosen.toAbsolutePath().getParent();
        if (parent != null) {
            last = parent;
        }
        return chosen;
    }
}
