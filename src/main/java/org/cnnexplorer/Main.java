package org.cnnexplorer;

import org.cnnexplorer.cli.Cli;

/**
 * Entry point of the jar. With no arguments it opens the desktop app; otherwise it runs a command
 * line tool. It does not extend Application, so the shaded jar starts with JavaFX on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.cnnexplorer.app.ExplorerApp.launchApp(args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
