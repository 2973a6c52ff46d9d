package org.cnnexplorer.cli;

/** The command was well formed but could not be done (unreadable image, unwritable file): exit code 1. */
public class CommandFailedException extends Exception {
    public CommandFailedException(String message) {
        super(message);
    }
}
