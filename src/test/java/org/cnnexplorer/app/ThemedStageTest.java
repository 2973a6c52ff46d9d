package org.cnnexplorer.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * For tests that draw controls in each theme on TestFX's stage. The theme is global to the JVM, so
 * after each test JavaFX's own is put back.
 */
public abstract class ThemedStageTest {
    protected final FxRobot robot = new FxRobot();
    protected Stage stage;

    @BeforeEach
    void registerStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void standardTheme() {
        robot.interact(() -> {
            Application.setUserAgentStylesheet(null);
            Themes.currentProperty().set(Themes.Theme.STANDARD);
        });
    }
}
