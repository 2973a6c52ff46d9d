package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.train.TrainConfig;
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
 * Theme, zoom, reduced motion, last tab, window size, the training settings and the speed survive
 * closing the window and starting the app again, and Help > Reset preferences forgets them. Uses a
 * preferences node of its own.
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
            Motion.reducedProperty().set(false);
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
            Motion.reducedProperty().set(false);
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

    private static TrainConfig shown(ExplorerApp a) {
        return a.training().controller().configProperty().get();
    }

    private static String text(ExplorerApp a, String id) {
        return ((Spinner<?>) a.window().root().lookup("#" + id)).getEditor().getText();
    }

    @Test
    void trainingSettingsAndSpeedSurviveARestart() throws Exception {
        ExplorerApp first = startApp();
        robot.interact(() -> first.window().select("tab-training"));
        TrainConfig chosen = new TrainConfig(2500, TrainConfig.ALL, 7, 0.0125, -42, false,
                new Architecture(12, 20, true, Init.HE), true, 16);
        robot.interact(() -> {
            first.training().trainingView().settingsPane().show(chosen);
            first.training().controller().augmentProperty().set(true);
            first.training().controller().paceProperty().set(1000);
            ((javafx.scene.control.CheckMenuItem) first.window().viewMenu().getItems().stream()
                    .filter(i -> "reduce-motion".equals(i.getId())).findFirst().orElseThrow()).setSelected(true);
        });
        assertEquals(chosen, shown(first));
        closeApp();
        assertFalse(Motion.reduced(), "the test put the setting back before the restart");

        ExplorerApp second = startApp();
        robot.interact(() -> second.window().select("tab-training"));
        assertEquals(chosen, shown(second), "the settings a run would use");
        assertEquals("0.0125", text(second, "learn-rate"), "and the ones shown");
        assertEquals("7", text(second, "epochs"));
        assertEquals("2500", text(second, "train-size"));
        assertEquals("-42", text(second, "seed"));
        assertEquals("12", text(second, "filters"));
        assertTrue(second.training().controller().augmentProperty().get());
        assertEquals(1000, second.training().controller().paceProperty().get(), 1e-9);
        assertEquals(SpeedScale.positionOf(1000), ((Slider) second.window().root().lookup("#speed-slider")).getValue(), 1e-9);
        assertTrue(Motion.reduced());
        assertTrue(second.window().root().getScene().getRoot().getStyleClass().contains(Motion.STYLE));

        robot.interact(() -> second.settings().resetPreferences());
        assertEquals(TrainConfig.article(), shown(second));
        assertFalse(second.training().controller().augmentProperty().get());
        assertEquals(TrainingController.DEFAULT_PACE, second.training().controller().paceProperty().get(), 1e-9);
        assertFalse(Motion.reduced());
        closeApp();
        ExplorerApp third = startApp();
        assertEquals(TrainConfig.article(), shown(third));
        assertEquals(TrainingController.DEFAULT_PACE, third.training().controller().paceProperty().get(), 1e-9);
        assertFalse(Motion.reduced());
    }

    @Test
    void aStoredSettingThatNoLongerPassesGivesItsDefaultAndTheFieldShowsWhatIsUsed() throws Exception {
        Preferences node = Preferences.userRoot().node(NODE);
        node.put("settings.learn-rate", "-1");        // not a learning rate
        node.put("settings.epochs", "250000");        // above the limit
        node.put("settings.seed", "99");              // fine
        node.put("settings.train-size", "5000");      // fine
        node.put("settings.init", "XAVIER");           // no such initialisation
        node.put("settings.conv-layers", "2");
        node.put("settings.filters", "50");           // too many for two layers
        node.put("settings.batch", "0");
        node.put("speed", "NaN");
        ExplorerApp app = startApp();
        robot.interact(() -> app.window().select("tab-training"));
        TrainConfig c = shown(app);
        TrainConfig d = TrainConfig.article();
        assertEquals(d.learnRate(), c.learnRate());
        assertEquals(d.epochs(), c.epochs());
        assertEquals(99, c.seed());
        assertEquals(5000, c.trainSize());
        assertEquals(Init.ARTICLE, c.architecture().init());
        assertEquals(2, c.architecture().convLayers());
        assertEquals(8, c.architecture().filters1(), "the article's 8 filters, which two layers allow");
        assertEquals(1, c.batch());
        assertEquals(TrainingController.DEFAULT_PACE, app.training().controller().paceProperty().get(), 1e-9);
        assertEquals("0.005", text(app, "learn-rate"));
        assertEquals("3", text(app, "epochs"));
        assertEquals("8", text(app, "filters"));
        assertNull(app.training().controller().settingsProblemProperty().get(), "no field shows an error");
    }

    @Test
    void settingsTheDataSetCannotTakeGiveTheDefaultsNotAnError() throws Exception {
        Preferences node = Preferences.userRoot().node(NODE);
        node.put("settings.train-size", "70000");   // more than MNIST's 60,000
        node.put("settings.epochs", "5");
        ExplorerApp app = startApp();
        assertEquals(TrainConfig.article(), shown(app));
        assertNull(app.training().controller().settingsProblemProperty().get());
    }
}
