package org.cnnexplorer.data;

/** A data file that is missing, truncated or not what it claims to be. The message is for the user. */
public class DataException extends Exception {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
