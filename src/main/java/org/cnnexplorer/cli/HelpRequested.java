package org.cnnexplorer.cli;

/** --help was given: print the command's help and exit 0. */
final class HelpRequested extends Exception {
    final String command;

    HelpRequested(String command) {
        super(null, null, false, false);
        this.command = command;
    }
}
