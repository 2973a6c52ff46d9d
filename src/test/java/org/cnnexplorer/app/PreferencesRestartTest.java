package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Theme, zoom, last tab and window size survive closing the window and starting the app again,
 * and Help > Reset preferences forgets them. Uses a preferences node of its own.
 */
class PreferencesRestartTest {
    private static final String NODE = "org/cnnexplorer/test-" + ProcessHandle.current().pid();
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ExplorerApp app;

    @BeforeEach
    void useOwnNode() throws Exception {
        System.setProperty(AppPreferences.NODE_PROPERTY, NODE);
        stage = FxToolkit.registerPrimaryStage();
        // the app starts three times; allow for a slow, busy machine
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
    }

    @AfterEach
    void forget() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        Preferences.userRoot().node(NODE).removeNode();
        System.setProperty(AppPreferences.NODE_PROPERTY, "off");
        robot.interact(() -> {
            Application.setUserAgentStylesheet(null);
            Themes.currentProperty().set(Themes.Theme.STANDARD);
        });
    }

    private ExplorerApp startApp() throws Exception {
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        return app;
    }

    /** What closing the window does, without ending the test's JavaFX. */
    private void closeApp() throws Exception {
        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_HIDING)));
        FxToolkit.cleanupApplication(app);
        app = null;
        robot.interact(() -> {
            Application.setUserAgentStylesheet(null);
            Themes.currentProperty().set(Themes.Theme.STANDARD);
            stage.setWidth(1280);
            stage.setHeight(860);
        });
    }

    private MenuItem themeItem(ExplorerApp a, String id) {
        for (MenuItem i : a.window().viewMenu().getItems()) {
            if (i instanceof Menu m && "theme-menu".equals(m.getId())) {
                return m.getItems().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("no View > Theme menu");
    }

    @Test
    void settingsSurviveARestart() throws Exception {
        ExplorerApp first = startApp();
        assertEquals(Themes.Theme.STANDARD, Themes.currentProperty().get());
        robot.interact(() -> {
            themeItem(first, "theme-dark").fire();
            first.window().select("tab-filters");
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        robot.clickOn(first.window().tabs());
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS).push(KeyCode.CONTROL, KeyCode.EQUALS);
        assertEquals(1.25, first.settings().zoom().factorProperty().get(), 1e-9, "Ctrl+= twice");
        closeApp();

        ExplorerApp second = startApp();
        assertEquals(Themes.Theme.DARK, Themes.currentProperty().get());
        assertTrue(second.window().root().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("theme-dark.css")));
        assertEquals(1.25, second.settings().zoom().factorProperty().get(), 1e-9);
        assertEquals("tab-filters", second.window().tabs().getSelectionModel().getSelectedItem().getId());
        assertEquals(1100, stage.getWidth(), 0.5);
        assertEquals(700, stage.getHeight(), 0.5);

        robot.interact(() -> second.settings().resetPreferences());
        assertEquals(Themes.Theme.STANDARD, Themes.currentProperty().get());
        assertEquals(1, second.settings().zoom().factorProperty().get(), 1e-9);
        closeApp();
        ExplorerApp third = startApp();
        assertEquals(Themes.Theme.STANDARD, Themes.currentProperty().get());
        assertEquals(1, third.settings().zoom().factorProperty().get(), 1e-9);
    }
}
