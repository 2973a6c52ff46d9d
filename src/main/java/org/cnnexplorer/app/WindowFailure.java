package org.cnnexplorer.app;

import java.util.Locale;

/** The one line printed when the window cannot open, naming what is missing when it is known. */
public final class WindowFailure {
    private WindowFailure() {
    }

    public static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            // JavaFX on Linux draws through GTK 3; without libgtk-3 it says "Unable to load glass
            // GTK library" or names the missing libgtk-3.so.0.
            if (m.toLowerCase(Locale.ROOT).contains("gtk")) {
                return "error: cannot open the window: JavaFX needs GTK 3 (libgtk-3-0 on Debian and Ubuntu,"
                        + " gtk3 on Fedora); install it, or use a command (see --help)";
            }
        }
        return "error: cannot open the window (" + e.getMessage() + "); without a display use a command, see --help";
    }
}
