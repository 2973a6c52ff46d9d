package org.cnnexplorer.app;

import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

/**
 * For measuring start-up (tools/startup-time): when the environment variable {@value #ENV} is set,
 * prints {@code window-ready} on stdout once the shown window has painted two frames (the second
 * pulse means the first one finished and the window answers input), then exits.
 */
public final class StartupProbe {
    public static final String ENV = "CNN_EXPLORER_STARTUP_PROBE";

    private StartupProbe() {
    }

    public static boolean active() {
        String v = System.getenv(ENV);
        return v != null && !v.isEmpty();
    }

    /** Call before {@code stage.show()}. */
    public static void watch(Stage stage) {
        if (!active()) {
            return;
        }
        stage.setOnShown(e -> new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    stop();
                    System.out.println("window-ready");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
            }
        }.start());
    }
}
