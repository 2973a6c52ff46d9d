package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.cnnexplorer.app.ExplorerApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

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
    void mapTitlesAreNeverNarrowerThanALineBeforeTheirMapsAreLaidOut() throws Exception {
        PoolingView view = app.training().poolingView();
        // The idle builder puts the hidden view in its tab; it draws once when the data is in.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> app.model().data() != null && app.window().pages().attached(org.cnnexplorer.app.page.PageIds.POOLING) && view.renders() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.showingProperty().get(), "the tab is still hidden");
        List<Label> titles = robot.from(view).lookup(".card-title").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains("(26×26)") || l.getText().contains("(13×13)")).toList();
        assertEquals(3, titles.size());
        // The tab has not been shown: its maps have no width yet.
        for (Label l : titles) {
            assertTrue(l.getMaxWidth() >= 150, l.getText() + ": max width " + l.getMaxWidth());
        }
    }
}
