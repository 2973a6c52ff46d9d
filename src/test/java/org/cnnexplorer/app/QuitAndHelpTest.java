package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.train.RunControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Quit does not throw trained weights away unasked; Help has the shortcuts, the article and an About box. */
class QuitAndHelpTest {
    @TempDir
    Path dir;
    private ExplorerApp app;
    private Stage stage;
    private final FxRobot robot = new FxRobot();
    /** Set when Quit goes through (the window itself stays: closing it would end the JavaFX platform for later tests). */
    private final java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
        fx(() -> {
            app.model().setChoosers(new TrainingWindowTest.StubChoosers(dir));
            app.training().controller().paceProperty().set(RunControl.FULL_SPEED);
            app.quitGuard().setCloseAction(() -> quit.set(true));
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            app.training().controller().stop();
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
            return null;
        });
        FxToolkit.cleanupApplication(app);
    }

    private void fire(javafx.scene.control.Menu menu, String id) {
        MenuItem item = menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    @Test
    void quitWithUntouchedWeightsClosesAtOnce() throws Exception {
        fire(app.window().fileMenu(), "menu-quit");
        waitFor(quit::get);
        assertTrue(robot.lookup("#confirm-quit").tryQuery().isEmpty());
    }

    @Test
    void quitAfterTrainingOffersToSaveAndCancelKeepsEverything() throws Exception {
        robot.clickOn("#step-button");
        waitFor(() -> fx(() -> app.model().hasUnsavedWeights()));
        fire(app.window().fileMenu(), "menu-quit");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#confirm-quit").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("throws them away"), pane.getContentText());
        robot.clickOn("#confirm-quit-cancel");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isEmpty());
        assertFalse(quit.get(), "Cancel keeps the window open");

        // Save…: the weights go to the file, then the window closes
        fire(app.window().fileMenu(), "menu-quit");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
        robot.clickOn("#confirm-quit-save-");
        Path saved = dir.resolve("model.npz");
        waitFor(quit::get);
        assertTrue(Files.exists(saved));
        assertTrue(NpzModel.load(saved).conv.filters()[0] == app.model().store().latest().filter(0)[0], "the trained weights were saved");
    }

    @Test
    void quitWhileTrainingPausesAsksAndQuitWithoutSavingCloses() throws Exception {
        robot.clickOn("#start-button");
        waitFor(() -> fx(() -> app.training().controller().state() == TrainingController.RunState.RUNNING));
        fire(app.window().fileMenu(), "menu-quit");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
        assertEquals(TrainingController.RunState.PAUSED, fx(() -> app.training().controller().state()), "paused while asking");
        robot.clickOn("#confirm-quit-quit-without-saving");
        waitFor(quit::get);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing saved");
        }
    }

    @Test
    void quitWhileTrainingThenCancellingSavesFileChooserResumesTheRun() throws Exception {
        TrainingController c = app.training().controller();
        fx(() -> {
            c.paceProperty().set(200);  // a run that lasts (3,000 images at full speed are over at once)
            app.model().setChoosers(AnsweringChoosers.always(() -> null));  // Cancel in the file chooser
            return null;
        });
        robot.clickOn("#start-button");
        waitFor(() -> fx(() -> c.state() == TrainingController.RunState.RUNNING));
        fire(app.window().fileMenu(), "menu-quit");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isPresent());
        robot.clickOn("#confirm-quit-save-");
        waitFor(() -> robot.lookup("#confirm-quit").tryQuery().isEmpty());
        // Save… used to stop the run before asking for a file: cancelling left it ended for good
        waitFor(() -> fx(() -> c.state() == TrainingController.RunState.RUNNING));
        long seen = steps(c);
        waitFor(() -> steps(c) > seen);
        assertEquals(TrainingController.RunState.RUNNING, fx(c::state), "the run goes on");
        assertFalse(quit.get(), "the window stays open");
    }

    @Test
    void resetPreferencesAsksFirstAndSaysWhatItReset() throws Exception {
        fx(() -> {
            app.settings().zoom().factorProperty().set(1.25);
            app.model().recentFiles().opened(RecentFiles.Kind.MODEL, dir.resolve("a.npz"));
            return null;
        });
        MenuItem reset = fx(() -> app.window().helpMenu().getItems().stream()
                .filter(i -> "reset-preferences".equals(i.getId())).findFirst().orElseThrow());
        robot.interact(reset::fire);
        waitFor(() -> robot.lookup("#confirm-reset-preferences").tryQuery().isPresent());
        String question = robot.lookup("#confirm-reset-preferences").queryAs(DialogPane.class).getContentText();
        assertTrue(question.contains("recent files"), question);
        assertEquals(1.25, fx(() -> app.settings().zoom().factorProperty().get()), 1e-9, "nothing is reset before the answer");
        String status = fx(() -> app.model().statusProperty().get());

        robot.clickOn("#confirm-reset-preferences-cancel");
        waitFor(() -> robot.lookup("#confirm-reset-preferences").tryQuery().isEmpty());
        assertEquals(1.25, fx(() -> app.settings().zoom().factorProperty().get()), 1e-9, "Cancel keeps the preferences");
        assertFalse(fx(() -> app.model().recentFiles().isEmpty()), "and the recent files");
        assertEquals(status, fx(() -> app.model().statusProperty().get()));

        robot.interact(reset::fire);
        waitFor(() -> robot.lookup("#confirm-reset-preferences").tryQuery().isPresent());
        robot.clickOn("#confirm-reset-preferences-reset");
        waitFor(() -> robot.lookup("#confirm-reset-preferences").tryQuery().isEmpty());
        assertEquals(1, fx(() -> app.settings().zoom().factorProperty().get()), 1e-9);
        assertTrue(fx(() -> app.model().recentFiles().isEmpty()));
        String said = fx(() -> app.model().statusProperty().get());
        assertTrue(said.startsWith("Preferences reset") && said.contains("recent files"), said);
    }

    private static void addWithSubmenus(javafx.scene.control.Menu m, List<MenuItem> into) {
        for (MenuItem i : m.getItems()) {
            into.add(i);
            if (i instanceof javafx.scene.control.Menu sub) {
                addWithSubmenus(sub, into);
            }
        }
    }

    private static long steps(TrainingController c) throws Exception {
        return fx(() -> c.snapshotProperty().get() == null ? 0L : c.snapshotProperty().get().imagesSeen());
    }

    @Test
    void helpShowsShortcutsTheArticleAndAnAboutBox() throws Exception {
        fire(app.window().helpMenu(), "menu-shortcuts");
        waitFor(() -> robot.lookup("#shortcuts-dialog").tryQuery().isPresent());
        String keys = robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class).getContentText();
        for (String k : List.of("F5", "F6", "F7", "F8", "F9", "Ctrl+R", "Ctrl+S", "Ctrl+Q", "Ctrl+Z", "Ctrl+Shift+R", "Ctrl+Shift+S")) {
            assertTrue(keys.contains(k), k + " in " + keys);
        }
        // the list is read from the menus: every menu item's shortcut is in it, with the item's name
        javafx.scene.control.MenuBar bar = fx(() -> (javafx.scene.control.MenuBar) stage.getScene().getRoot().lookup(".menu-bar"));
        List<MenuItem> items = new java.util.ArrayList<>();
        for (javafx.scene.control.Menu m : bar.getMenus()) {
            addWithSubmenus(m, items);
        }
        int withKeys = 0;
        for (MenuItem i : items) {
            if (i.getAccelerator() != null) {
                withKeys++;
                String entry = i.getAccelerator().getDisplayText() + (("tab-item".equals(i.getUserData())) ? " " : "  ")
                        + i.getText().replaceAll("_(.)", "$1");
                assertTrue(keys.contains(entry), entry + " in " + keys);
            }
        }
        assertTrue(withKeys > 20, "the menus were found: " + withKeys);
        fire(app.window().helpMenu(), "menu-about");
        waitFor(() -> robot.lookup("#about-dialog").tryQuery().isPresent());
        DialogPane about = robot.lookup("#about-dialog").queryAs(DialogPane.class);
        assertTrue(about.getHeaderText().matches("cnn-explorer \\d+\\.\\d+.*"), about.getHeaderText());
        String text = about.getContentText();
        for (String s : List.of("MIT", "LeCun", "CC BY-SA 3.0", "victorzhou.com")) {
            assertTrue(text.contains(s), s + " in " + text);
        }
        fire(app.window().helpMenu(), "menu-article");
        waitFor(() -> robot.lookup("#article-dialog").tryQuery().isPresent());
        assertFalse(robot.lookup("#article-dialog").queryAs(DialogPane.class).getContentText().isEmpty());
    }
}
