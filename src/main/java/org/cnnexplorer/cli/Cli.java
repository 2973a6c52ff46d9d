package org.cnnexplorer.cli;

import java.io.PrintStream;

/** The command line: train, eval, predict, bench. Returns the process exit code. (Stub: being written.) */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("bench")) {
            try {
                Bench.run(org.cnnexplorer.data.MnistFiles.loadBundled().train(), out);
                return 0;
            } catch (org.cnnexplorer.data.DataException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
        }
        err.println("usage: java -jar cnn-explorer.jar [train|eval|predict|bench] ...");
        return 2;
    }
}
