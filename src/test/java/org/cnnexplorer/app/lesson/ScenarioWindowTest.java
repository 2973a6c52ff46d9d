package org.cnnexplorer.app.lesson;

import static org.cnnexplorer.app.lesson.LessonWindowTest.fx;
import static org.cnnexplorer.app.lesson.LessonWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.TrainConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Teacher scenarios in the real window: a good one sets everything up, a bad one changes nothing. */
class ScenarioWindowTest {
    static final String NODE = "org/cnnexplorer/test/scenarios-" + System.nanoTime();

    @TempDir
    Path dir;
    private ExplorerApp app;

    @BeforeAll
    static void separatePrefs() {
        System.setProperty(LessonFeature.PREFS_PROPERTY, NODE);
    }

    @AfterAll
    static void removePrefs() throws Exception {
        Preferences.userRoot().node(NODE).removeNode();
        System.clearProperty(LessonFeature.PREFS_PROPERTY);
    }

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        for (Window w : fx(() -> Window.getWindows().stream().filter(w -> w != app.window().root().getScene().getWindow()).toList())) {
            fx(() -> {
                if (w instanceof Stage s) {
                    s.close();
                }
            });
        }
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void firstMaxOnlySetsTheRuleHidesItsCheckBoxAndOpensChapterFour() throws Exception {
        fx(() -> app.lessons().scenarios().openShipped("first-max-only.json"));
        waitFor(() -> app.model().snapshot().firstMaxOnly && app.lessons().isShowing());
        assertTrue(fx(() -> app.training().controller().configProperty().get().firstMaxOnly()));
        Node box = fx(() -> app.window().root().lookup("#first-max-only"));
        assertFalse(fx(box::isVisible));
        assertEquals(3, (int) fx(() -> app.lessons().panel().chapterIndex()));

        // the next scenario starts from a full window: the check box is back, the learning rate hidden
        fx(() -> app.lessons().scenarios().openShipped("diverging-rate.json"));
        waitFor(() -> app.training().controller().configProperty().get().learnRate() == 0.5);
        assertTrue(fx(box::isVisible));
        assertFalse(fx(() -> app.window().root().lookup("#learn-rate").isVisible()));
        assertFalse(fx(() -> app.training().controller().configProperty().get().firstMaxOnly()));
    }

    @Test
    void aBadScenarioGetsADialogAndChangesNothing() throws Exception {
        NetworkSnapshot weights = fx(() -> app.model().snapshot());
        String name = fx(() -> app.model().modelNameProperty().get());
        TrainConfig config = fx(() -> app.training().controller().configProperty().get());
        int tabs = fx(() -> app.window().tabs().getTabs().size());

        String[] bad = {"{ \"settings\": { \"learnRate\": -3 } }", "not json at all", "{\"hide\": [\"no-such-control\"]}",
            "{\"dataset\": \"missing-folder\", \"datasetMissing\": \"Install it first.\"}", "{\"model\": \"broken.npz\"}",
            "{\"hide\": [\"tab-training\", \"tab-filters\", \"tab-feature-maps\", \"tab-pooling\", \"tab-evaluation\", \"tab-draw\", "
                + "\"tab-backprop\", \"tab-gradcheck\", \"tab-runs\", \"tab-my-digits\"]}"};
        Files.writeString(dir.resolve("broken.npz"), "this is not a zip");
        for (int i = 0; i < bad.length; i++) {
            Path f = Files.writeString(dir.resolve("bad" + i + ".json"), bad[i]);
            var task = fx(() -> app.lessons().scenarios().open(f));
            if (task != null) {
                waitFor(() -> task.isDone());
            }
            DialogPane d = waitForDialog();
            assertTrue(d.getContentText().contains("Nothing in the window was changed"), d.getContentText());
            if (i == 3) {
                assertTrue(d.getContentText().contains("Install it first."), d.getContentText());
            }
            fx(() -> ((Stage) d.getScene().getWindow()).close());
            assertSame(weights, fx(() -> app.model().snapshot()), bad[i]);
            assertEquals(name, fx(() -> app.model().modelNameProperty().get()));
            assertEquals(config, fx(() -> app.training().controller().configProperty().get()));
            assertEquals(tabs, (int) fx(() -> app.window().tabs().getTabs().size()));
            assertFalse(fx(() -> app.model().statusProperty().get()).startsWith("Opening"), "the status line does not say it is still opening");
        }
        assertTrue(fx(() -> app.window().pages().tab(PageIds.GRADCHECK) != null));
    }

    private DialogPane waitForDialog() throws Exception {
        waitFor(() -> Window.getWindows().stream().anyMatch(w -> w.getScene() != null && w.getScene().lookup("#error-dialog") != null));
        return fx(() -> (DialogPane) Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().lookup("#error-dialog") != null)
                .findFirst().orElseThrow().getScene().lookup("#error-dialog"));
    }
}
