package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import org.cnnexplorer.app.ExplorerApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The views that redraw during training scroll without the viewport bitmap cache, which made the
 * renderer draw every change twice (the Filters tab's frame rate halved on first visit), and
 * without a framed background, which the renderer redrew from a bitmap behind every change.
 */
class LiveScrollPaneTest {
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
    void liveViewsScrollWithoutAViewportCache() {
        var t = app.training();
        List<Node> views = List.of(t.filtersView(), t.featureMapsView(), t.poolingView(), t.evaluationView());
        for (String tab : List.of("tab-filters", "tab-feature-maps", "tab-pooling", "tab-evaluation")) {
            robot.interact(() -> app.window().select(tab));
        }
        WaitForAsyncUtils.waitForFxEvents();
        for (Node v : views) {
            List<ScrollPane> panes = robot.from(v).lookup(".scroll-pane").queryAllAs(ScrollPane.class).stream().toList();
            assertFalse(panes.isEmpty(), v.getId() + " has a scroll pane");
            for (ScrollPane p : panes) {
                Node viewport = p.lookup(".viewport");
                assertTrue(viewport != null, v.getId() + ": the scroll pane has its skin");
                assertFalse(viewport.isCache(), v.getId() + ": its viewport is drawn directly, not through a bitmap cache");
                assertTrue(plainBackground(p), v.getId() + ": its background is one plain fill, not a framed one");
            }
        }
    }

    @Test
    void aPlainScrollPaneWouldCacheItsViewport() {
        // What the test above guards against: the default skin's cache is on.
        ScrollPane plain = new ScrollPane();
        LiveScrollPane live = new LiveScrollPane(null);
        robot.interact(() -> {
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(plain, live);
            new javafx.scene.Scene(box);
            box.applyCss();
        });
        assertTrue(plain.lookup(".viewport").isCache());
        assertFalse(live.viewportCached());
        // and the standard theme frames it with two fills, which the renderer draws from a stretched bitmap
        assertFalse(plainBackground(plain));
        assertTrue(plainBackground(live));
    }

    /** At most one fill, square and edge to edge: the renderer fills that directly. */
    private static boolean plainBackground(javafx.scene.layout.Region r) {
        var b = r.getBackground();
        if (b == null || b.getFills().isEmpty()) {
            return true;
        }
        var fill = b.getFills().get(0);
        return b.getFills().size() == 1 && fill.getInsets().equals(javafx.geometry.Insets.EMPTY)
                && fill.getRadii().equals(javafx.scene.layout.CornerRadii.EMPTY);
    }
}
