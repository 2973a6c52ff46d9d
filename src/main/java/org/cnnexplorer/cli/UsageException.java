package org.cnnexplorer.cli;

/** The command line itself is wrong (unknown command or option, bad value): exit code 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
