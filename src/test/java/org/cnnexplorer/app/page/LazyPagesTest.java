package org.cnnexplorer.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.cnnexplorer.app.view.LiveView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A window shows its first frame after building only the tab it shows: the other pages' views are
 * built when their tab is selected or when {@link Pages#attachNext()} reaches them, each once, on
 * the window's thread whoever asks.
 */
class LazyPagesTest {
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private TabPane tabs;
    private Pages pages;
    private final List<String> built = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> {
            tabs = new TabPane();
            pages = new Pages(tabs);
            for (String id : List.of("a", "b", "c", "d")) {
                pages.register(Page.lazy(id, id.toUpperCase(), new Lazy<>(() -> {
                    built.add(id);
                    Label l = new Label(id);
                    l.setId("view-" + id);
                    return l;
                })));
            }
            tabs.getSelectionModel().select(pages.tab("c"));  // as a remembered last tab would
            stage.setScene(new Scene(tabs, 300, 200));
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        robot.interact(() -> stage.hide());
    }

    @Test
    void beforeTheWindowShowsNothingIsBuiltThenOnlyTheShownTab() {
        assertEquals(List.of(), built, "selecting tabs before the window shows builds nothing");
        robot.interact(() -> stage.show());
        assertEquals(List.of("c"), built);
        assertTrue(pages.attached("c"));
        assertFalse(pages.get("a").built());
        assertNull(pages.tab("a").getContent());

        robot.interact(() -> tabs.getSelectionModel().select(pages.tab("a")));
        assertEquals(List.of("c", "a"), built, "selecting a tab builds its view at once");
        assertSame(pages.get("a").node(), pages.tab("a").getContent());

        List<String> order = new ArrayList<>();
        robot.interact(() -> {
            for (Page p = pages.attachNext(); p != null; p = pages.attachNext()) {
                order.add(p.id());
            }
        });
        assertEquals(List.of("b", "d"), order, "the idle builder takes the rest in tab order");
        assertEquals(List.of("c", "a", "b", "d"), built, "each view is built once");
    }

    @Test
    void aLiveViewBuiltBeforeItsTabIsShownDoesNotDraw() {
        robot.interact(() -> stage.show());
        int[] renders = {0};
        Tab[] tab = new Tab[1];
        robot.interact(() -> {
            Page p = Page.lazy("live", "Live", new Lazy<>(() -> new LiveView() {
                @Override
                protected void render() {
                    renders[0]++;
                }
            }));
            tab[0] = pages.register(p);
            LiveView v = (LiveView) p.node();  // a lesson or a scenario asks for it
            assertFalse(v.showingProperty().get(), "not on screen");
            assertNull(tab[0].getContent());
            v.prepare();
            assertEquals(1, renders[0], "prepare draws once while hidden");
            tabs.getSelectionModel().select(tab[0]);
            assertTrue(v.showingProperty().get());
            assertSame(v, tab[0].getContent());
        });
    }

    @Test
    void aViewAskedForFromAnotherThreadIsBuiltOnTheWindowThread() {
        AtomicInteger onFx = new AtomicInteger();
        Lazy<Label> lazy = new Lazy<>(() -> {
            if (Platform.isFxApplicationThread()) {
                onFx.incrementAndGet();
            }
            return new Label("x");
        });
        List<Label> hooked = new ArrayList<>();
        lazy.whenBuilt(hooked::add);
        lazy.ifBuilt(l -> hooked.add(null));
        assertTrue(hooked.isEmpty(), "ifBuilt does not build");
        Label first = lazy.get();  // the test's thread
        assertSame(first, lazy.get());
        assertEquals(1, onFx.get());
        assertEquals(List.of(first), hooked, "whenBuilt runs once, after the build");
    }
}
