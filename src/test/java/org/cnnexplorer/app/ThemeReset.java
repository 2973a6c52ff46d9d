package org.cnnexplorer.app;

import javafx.application.Application;
import org.testfx.api.FxRobot;

/** For tests that try the themes: the theme is global to the JVM, so each puts JavaFX's own back. */
public final class ThemeReset {
    private ThemeReset() {
    }

    public static void standard(FxRobot robot) {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(null);
            Themes.currentProperty().set(Themes.Theme.STANDARD);
        });
    }
}
