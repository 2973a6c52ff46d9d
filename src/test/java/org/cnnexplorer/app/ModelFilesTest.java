package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.cnnexplorer.io.Npy;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** File > Open model / Save model: a round trip, and files that cannot be used leave the model as it was. */
class ModelFilesTest {
    @TempDir
    Path dir;
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();
    private Path next;

    @BeforeEach
    void start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        assertNotNull(stage);
        // The file dialogs answer with whatever the test put in `next`.
        app.model().setChoosers(AnsweringChoosers.always(() -> next));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void savesAndOpensModels() throws Exception {
        NetworkSnapshot shipped = app.model().snapshot();
        next = dir.resolve("copy");   // ".npz" is added
        fire("menu-save-model");
        Path saved = dir.resolve("copy.npz");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(saved));
        Network back = NpzModel.load(saved);
        assertArrayEquals(shipped.toNetwork().softmax.weights(), back.softmax.weights(), 0.0);

        Path four = dir.resolve("four-filters.npz");
        NpzModel.save(new Network(4, 3), four);
        next = four;
        fire("menu-open-model");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "four-filters.npz".equals(app.model().modelNameProperty().get()));
        assertEquals(4, app.model().snapshot().numFilters);

        // The models packed into the application open from the File menu, with no file on disk.
        javafx.scene.control.Menu bundled = (javafx.scene.control.Menu) app.window().fileMenu().getItems().stream()
                .filter(i -> "menu-bundled-models".equals(i.getId())).findFirst().orElseThrow();
        assertEquals(org.cnnexplorer.io.BundledModels.ALL.size(), bundled.getItems().size());
        MenuItem strongest = bundled.getItems().get(bundled.getItems().size() - 1);
        assertTrue(strongest.getText().endsWith("98.7%"), strongest.getText());
        robot.interact(strongest::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "mnist-cnn-2conv-relu-he-tuned.npz".equals(app.model().modelNameProperty().get()));
        assertEquals(16, app.model().snapshot().arch.filters2());
    }

    @Test
    void saveNeverReplacesAFileTheUserWasNotAskedAbout() throws Exception {
        Path victim = dir.resolve("victim.npz");
        Files.writeString(victim, "precious");
        next = dir.resolve("victim");   // typed without .npz: the chooser asked about "victim" only
        fire("menu-save-model");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-replace").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#confirm-replace").queryAs(DialogPane.class);
        assertTrue(pane.getHeaderText().contains("victim.npz already exists"), pane.getHeaderText());
        robot.clickOn("#confirm-replace-cancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-replace").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("precious", Files.readString(victim), "Cancel leaves the file alone");
        assertTrue(Files.notExists(dir.resolve("victim")), "nor is anything written under the typed name");

        fire("menu-save-model");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirm-replace").tryQuery().isPresent());
        robot.clickOn("#confirm-replace-replace");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.size(victim) > 1000);
        assertEquals(app.model().snapshot().numFilters, NpzModel.load(victim).numFilters, "Replace writes the model");
    }

    @Test
    void unusableFilesGiveADialogAndChangeNothing() throws Exception {
        NetworkSnapshot before = app.model().snapshot();
        String name = app.model().modelNameProperty().get();

        Path garbage = dir.resolve("notes.npz");
        Files.writeString(garbage, "these are not weights");
        expectError(garbage, "not an .npz model file");

        Path wrongShape = dir.resolve("wrong-shape.npz");
        Files.write(wrongShape, npz(new Npy(new int[] {8, 3, 3}, new double[72]),
                new Npy(new int[] {100, 10}, new double[1000]), new Npy(new int[] {10}, new double[10])));
        expectError(wrongShape, "softmax_weights has shape (100, 10), expected (1352, 10)");

        expectError(dir.resolve("missing.npz"), "does not exist");

        assertEquals(before.version, app.model().store().latest().version, "the model was not replaced");
        assertEquals(name, app.model().modelNameProperty().get());
    }

    private void expectError(Path file, String text) throws Exception {
        next = file;
        fire("menu-open-model");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains(text), pane.getContentText());
        assertTrue(pane.getContentText().contains("current model is unchanged"), pane.getContentText());
        robot.interact(() -> pane.getScene().getWindow().hide());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void fire(String id) {
        MenuItem item = app.window().fileMenu().getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    private static byte[] npz(Npy filters, Npy weights, Npy biases) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(b)) {
            String[] names = {"conv_filters.npy", "softmax_weights.npy", "softmax_biases.npy"};
            Npy[] arrays = {filters, weights, biases};
            for (int i = 0; i < 3; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                zip.write(arrays[i].toBytes());
                zip.closeEntry();
            }
        }
        return b.toByteArray();
    }
}
