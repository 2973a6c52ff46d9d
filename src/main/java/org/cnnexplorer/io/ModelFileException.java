package org.cnnexplorer.io;

/** A model file that cannot be used: not an .npz, missing arrays, wrong shapes. The message is for the user. */
public class ModelFileException extends Exception {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
