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
        org.cnnexplorer.app.StartupProbe.phase("main");
        // A relaunched child goes when its parent goes, even by kill -9.
        VectorRelauncher.exitWithParent();
        // java -jar cannot add jdk.incubator.vector; rerun with it where training is long enough
        // to gain (falls through to this JVM and its plain-Java step if that is not possible).
        java.util.Optional<Integer> relaunched = VectorRelauncher.relaunchIfUseful(Main.class, args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        if (args.length == 0) {
            try {
                org.cnnexplorer.app.ExplorerApp.launchApp(args);
            } catch (Throwable e) {
                System.err.println(org.cnnexplorer.app.WindowFailure.message(e));
                System.exit(1);
            }
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
