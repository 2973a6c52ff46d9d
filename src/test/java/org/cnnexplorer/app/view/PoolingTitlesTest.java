package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Label;
import org.cnnexplorer.app.ExplorerApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Max-pool routing titles on the first visit: they once wrapped one letter per line for the first frames. */
class PoolingTitlesTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void mapTitlesAreNeverNarrowerThanALineBeforeTheirMapsAreLaidOut() {
        List<Label> titles = robot.from(app.training().poolingView()).lookup(".card-title").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains("(26×26)") || l.getText().contains("(13×13)")).toList();
        assertEquals(3, titles.size());
        // The tab has not been shown: its maps have no width yet.
        for (Label l : titles) {
            assertTrue(l.getMaxWidth() >= 150, l.getText() + ": max width " + l.getMaxWidth());
        }
    }
}
