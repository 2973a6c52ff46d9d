package org.cnnexplorer.io;

/** A run file that cannot be used: not a run file, truncated or damaged, or from a newer version. The message is for the user. */
public class RunFileException extends Exception {
    public RunFileException(String message) {
        super(message);
    }

    public RunFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
