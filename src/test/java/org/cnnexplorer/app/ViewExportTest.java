package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** View > Export view as PNG writes the selected tab's view at 1x and at 2x its size. */
class ViewExportTest {
    private final FxRobot robot = new FxRobot();
    private ExplorerApp app;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    private void saveTo(Path file) {
        app.model().setChoosers(new Choosers() {
            @Override
            public Path chooseDirectory(Window owner, String title) {
                return null;
            }

            @Override
            public Path chooseSaveFile(Window owner, String title, String suggestedName, String description, String extension) {
                assertTrue(suggestedName.equals("filters.png") || suggestedName.equals("filters@2x.png"), suggestedName);
                return file;
            }

            @Override
            public Path chooseOpenFile(Window owner, String title, String description, String... extensions) {
                return null;
            }
        });
    }

    @Test
    void exportsTheSelectedViewAtOneAndTwoTimes() throws Exception {
        robot.interact(() -> app.window().select("tab-filters"));
        Path one = dir.resolve("one.png");
        Path two = dir.resolve("two.png");
        boolean[] ok = new boolean[2];
        saveTo(one);
        robot.interact(() -> ok[0] = app.settings().export().export(1));
        saveTo(two);
        robot.interact(() -> ok[1] = app.settings().export().export(2));
        assertTrue(ok[0] && ok[1]);
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        double w = app.window().tabs().getSelectionModel().getSelectedItem().getContent().getLayoutBounds().getWidth();
        assertEquals(Math.ceil(w), a.getWidth(), 1.0);
        assertEquals(2 * a.getWidth(), b.getWidth(), 2.0);
        assertEquals(2 * a.getHeight(), b.getHeight(), 2.0);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
