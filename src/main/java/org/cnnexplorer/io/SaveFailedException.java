package org.cnnexplorer.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file could not be written; the message names the file and the reason in words. */
public final class SaveFailedException extends IOException {
    private final String reason;

    SaveFailedException(Path target, String reason, Throwable cause) {
        super("cannot save to " + target + ": " + reason, cause);
        this.reason = reason;
    }

    /** Only why ("permission denied"), for a message that names the file itself. */
    public String reason() {
        return reason;
    }

    /** Why {@code e} happened, without repeating a file name the caller already gives. */
    public static String reasonOf(IOException e) {
        return e instanceof SaveFailedException s ? s.reason() : String.valueOf(e.getMessage());
    }
}
