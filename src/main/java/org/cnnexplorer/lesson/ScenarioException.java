package org.cnnexplorer.lesson;

/** A scenario file that cannot be used; the message says what is wrong and what to do. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}
