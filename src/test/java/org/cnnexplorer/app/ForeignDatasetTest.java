package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.train.NetworkSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Open dataset folder with well-formed IDX files of another image size (32x32): the window
 * turns them away with the command line's message and keeps its data, model and labels.
 */
class ForeignDatasetTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> {
            for (Window w : Window.getWindows().stream().filter(w -> w != app.window().root().getScene().getWindow()).toList()) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
        });
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void imagesOfAnotherSizeAreTurnedAwayWithTheCommandLinesMessage(@TempDir Path dir) throws Exception {
        writeIdx(dir, 32, 32, 20);
        MnistFiles.Split before = app.model().data();
        NetworkSnapshot weights = app.model().store().latest();
        robot.interact(() -> app.model().setChoosers(AnsweringChoosers.always(() -> dir)));
        robot.clickOn("File").clickOn("#open-dataset");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String expected = dir + ": the images are 32x32; the network and its model files are for 28x28 images like MNIST's";
        assertTrue(pane.getContentText().startsWith(expected), pane.getContentText());
        assertSame(before, app.model().data(), "the data stays");
        assertSame(weights, app.model().store().latest(), "the model stays");
        Node ok = robot.lookup(".button").match(n -> n.getScene() == pane.getScene()).query();
        robot.clickOn(ok);

        // The command line says the same.
        var err = new java.io.ByteArrayOutputStream();
        int code = org.cnnexplorer.cli.Cli.run(new String[] {"eval", "--data", dir.toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().contains(expected), err.toString());
    }

    /** A well-formed MNIST-style folder of n blank images of rows x cols. */
    static void writeIdx(Path dir, int rows, int cols, int n) throws IOException {
        for (String set : new String[] {"train", "t10k"}) {
            try (OutputStream os = Files.newOutputStream(dir.resolve(set + "-images-idx3-ubyte")); DataOutputStream out = new DataOutputStream(os)) {
                out.writeInt(0x803);
                out.writeInt(n);
                out.writeInt(rows);
                out.writeInt(cols);
                out.write(new byte[n * rows * cols]);
            }
            try (OutputStream os = Files.newOutputStream(dir.resolve(set + "-labels-idx1-ubyte")); DataOutputStream out = new DataOutputStream(os)) {
                out.writeInt(0x801);
                out.writeInt(n);
                out.write(new byte[n]);
            }
        }
    }
}
