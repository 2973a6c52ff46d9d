package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import org.cnnexplorer.app.RecentFiles.Kind;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Open Recent: what File > Open… opened comes back newest first, opens the same way, a file
 * that is gone gets the open action's message and leaves the list, the list outlives the session,
 * and Clear recent empties it. Uses a preferences node of its own.
 */
class OpenRecentTest {
    private static final String NODE = "org/cnnexplorer/test-recent-" + ProcessHandle.current().pid();
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private ExplorerApp app;
    private Path next;

    @BeforeEach
    void start() throws Exception {
        System.setProperty(AppPreferences.NODE_PROPERTY, NODE);
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        app.model().setChoosers(AnsweringChoosers.always(() -> next));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        Preferences.userRoot().node(NODE).removeNode();
        System.setProperty(AppPreferences.NODE_PROPERTY, "off");
    }

    private void fireFileItem(String id) {
        MenuItem item = app.window().fileMenu().getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    private List<Path> recent(Kind k) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(app.model().recentFiles().list(k))).get();
    }

    private void fireRecent(Kind k, Path p) {
        MenuItem item = app.recentMenu().items(k).stream().filter(i -> p.equals(i.getUserData())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    private void openModelFromMenu(Path p) throws Exception {
        next = p;
        fireFileItem("menu-open-model");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> p.getFileName().toString().equals(app.model().modelNameProperty().get()));
    }

    private String errorAndClose() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String text = pane.getContentText();
        robot.interact(() -> pane.getScene().getWindow().hide());
        WaitForAsyncUtils.waitForFxEvents();
        return text;
    }

    @Test
    void recentFilesOpenAgainAndGoneOnesLeaveTheList() throws Exception {
        Path m1 = dir.resolve("four.npz");
        Path m2 = dir.resolve("six.npz");
        NpzModel.save(Trainer.newNetwork(TrainConfig.article().withFilters(4), 28, 28), m1);
        NpzModel.save(Trainer.newNetwork(TrainConfig.article().withFilters(6), 28, 28), m2);
        openModelFromMenu(m1);
        openModelFromMenu(m2);
        assertEquals(List.of(m2, m1), recent(Kind.MODEL), "newest first");
        assertEquals(List.of("six.npz  (" + dir + ")", "four.npz  (" + dir + ")"),
                app.recentMenu().items(Kind.MODEL).stream().map(MenuItem::getText).toList());

        fireRecent(Kind.MODEL, m1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "four.npz".equals(app.model().modelNameProperty().get()));
        assertEquals(4, app.model().store().latest().numFilters, "opened as File > Open model does");
        assertEquals(List.of(m1, m2), recent(Kind.MODEL));

        Files.delete(m2);
        fireRecent(Kind.MODEL, m2);
        String message = errorAndClose();
        assertTrue(message.contains("does not exist"), message);
        assertTrue(message.contains("current model is unchanged"), message);
        assertEquals("four.npz", app.model().modelNameProperty().get());
        assertEquals(List.of(m1), recent(Kind.MODEL), "the missing file left the list");

        Path scenario = Files.writeString(dir.resolve("mine.json"),
                "{\"name\": \"Mine\", \"model\": \"bundled\", \"settings\": {\"epochs\": 2}}");
        next = scenario;
        fireFileItem("menu-open-scenario");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> recent(Kind.SCENARIO).equals(List.of(scenario)));
        assertEquals(1, app.recentMenu().items(Kind.SCENARIO).size());

        // A folder that is no data set any more: the dataset opener's message, and it is dropped.
        Path folder = Files.createDirectory(dir.resolve("was-mnist"));
        robot.interact(() -> app.model().recentFiles().opened(Kind.DATASET, folder));
        fireRecent(Kind.DATASET, folder);
        assertTrue(errorAndClose().contains("The data and the model are unchanged"));
        assertEquals(List.of(), recent(Kind.DATASET));

        RecentFiles nextSession = new RecentFiles(AppPreferences.open());
        assertEquals(List.of(m1), nextSession.list(Kind.MODEL), "kept in the preferences");
        assertEquals(List.of(scenario), nextSession.list(Kind.SCENARIO));

        MenuItem clear = app.recentMenu().menu().getItems().stream().filter(i -> "clear-recent".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(clear::fire);
        assertTrue(app.model().recentFiles().isEmpty());
        assertTrue(new RecentFiles(AppPreferences.open()).isEmpty());
        assertTrue(app.recentMenu().menu().getItems().stream().anyMatch(i -> "No recent files".equals(i.getText())));
    }

    @Test
    void theListKeepsTheNewestEightOfAKind() throws Exception {
        RecentFiles r = new RecentFiles(AppPreferences.open());
        for (int i = 0; i < 10; i++) {
            r.opened(Kind.RUN, dir.resolve("run" + i + ".cnnrun"));
        }
        r.opened(Kind.RUN, dir.resolve("run5.cnnrun"));
        List<Path> kept = new RecentFiles(AppPreferences.open()).list(Kind.RUN);
        assertEquals(RecentFiles.MAX, kept.size());
        assertEquals(dir.resolve("run5.cnnrun"), kept.get(0), "opened again: back on top, not twice");
        assertEquals(dir.resolve("run9.cnnrun"), kept.get(1));
        assertEquals(dir.resolve("run2.cnnrun"), kept.get(7));
    }
}
