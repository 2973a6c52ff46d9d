package org.cnnexplorer.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.page.Highlight;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.lesson.LessonPage;
import org.cnnexplorer.lesson.Progress;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson panel in the real window: walk a chapter with the keyboard, and see answers follow the model. */
class LessonWindowTest {
    static final String NODE = "org/cnnexplorer/test/lessons-" + System.nanoTime();

    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

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
        new Progress(Preferences.userRoot().node(NODE)).clear();
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void theLessonsMenuListsItsChaptersAndScenariosWhenItOpensAndAChapterOpensThePanel() throws Exception {
        javafx.scene.control.Menu menu = fx(() -> ((javafx.scene.control.MenuBar) app.window().root().getTop()).getMenus().stream()
                .filter(m -> "lessons-menu".equals(m.getId())).findFirst().orElseThrow());
        assertFalse(app.lessons().isShowing());
        assertEquals(1, (int) fx(() -> menu.getItems().size()), "only Show lessons before the menu first opens");
        robot.push(KeyCode.ALT, KeyCode.L);  // as a learner would
        waitFor(menu::isShowing);
        java.util.List<String> texts = fx(() -> menu.getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList());
        assertTrue(texts.contains("1. " + fx(() -> app.lessons().course().chapter(0).title())), texts.toString());
        assertTrue(texts.contains("Teacher _scenarios"), texts.toString());
        int count = texts.size();
        fx(() -> {
            menu.hide();
            menu.show();  // a second opening adds nothing twice
            menu.hide();
            return null;
        });
        assertEquals(count, (int) fx(() -> menu.getItems().size()));
        fx(() -> {
            menu.getItems().stream().filter(i -> ("2. " + app.lessons().course().chapter(1).title()).equals(i.getText())).findFirst().orElseThrow().fire();
            return null;
        });
        waitFor(() -> app.lessons().isShowing() && app.lessons().panel().chapterIndex() == 1);
    }

    @Test
    void aPageAboutATabAScenarioHidesSaysSo() throws Exception {
        LessonPanel panel = app.lessons().panel();
        fx(() -> {
            app.window().pages().setHidden(PageIds.DRAW, true);  // as the Fashion-MNIST scenario does
            app.lessons().setShowing(true);
            panel.show(6, 0);  // "Your own handwriting", on the Draw tab
            return null;
        });
        waitFor(() -> panel.chapterIndex() == 6);
        javafx.scene.control.Label action = robot.lookup("#lesson-action").queryAs(javafx.scene.control.Label.class);
        assertTrue(fx(action::isVisible));
        assertTrue(fx(action::getText).contains("Draw tab, which this scenario hides"), fx(action::getText));
    }

    @Test
    void walkTheMaxPoolChapterWithTheKeyboardAnsweringEveryQuestion() throws Exception {
        LessonPanel panel = app.lessons().panel();
        fx(() -> app.window().root().requestFocus());
        robot.type(KeyCode.F1);
        waitFor(() -> app.lessons().isShowing() && panel.isFocused());
        // F1 from a view brings the keys back to the open panel rather than closing it
        fx(() -> app.window().tabs().requestFocus());
        waitFor(() -> !panel.isFocused());
        robot.type(KeyCode.F1);
        waitFor(() -> app.lessons().isShowing() && panel.isFocused());
        fx(() -> {
            panel.show(3, 0);
            panel.requestFocus();
            return null;
        });
        int pages = fx(() -> panel.course().chapter(3).pages().size());
        int asked = 0;
        for (int p = 0; p < pages; p++) {
            int page = p;
            waitFor(() -> panel.pageIndex() == page && panel.chapterIndex() == 3);
            LessonPage lp = fx(panel::currentPage);
            assertEquals(PageIds.POOLING, fx(() -> app.window().tabs().getSelectionModel().getSelectedItem().getId()),
                    "every page of this chapter shows the routing view");
            if (lp.question() != null) {
                asked++;
                // before an answer nothing is revealed and the routed gradient is hidden
                assertNull(fx(panel::lastReveal));
                Node routed = fx(() -> app.window().root().lookup("#routing-routed"));
                assertEquals(0.0, fx(routed::getOpacity), lp.title());
                // closing the panel shows the view whole again (no blank map without its question); reopening hides it again
                robot.type(KeyCode.F1);
                waitFor(() -> !app.lessons().isShowing());
                assertEquals(1.0, fx(routed::getOpacity), "shown while the lesson is closed");
                fx(() -> app.lessons().setShowing(true));
                waitFor(() -> app.lessons().isShowing() && panel.isFocused());
                assertEquals(0.0, fx(routed::getOpacity), "hidden again until answered");
                robot.type(KeyCode.DIGIT1);
                waitFor(() -> panel.lastReveal() != null);
                assertTrue(fx(panel::revealText).matches("(?s).*\\d.*"), "the reveal has numbers: " + fx(panel::revealText));
                assertEquals(1.0, fx(routed::getOpacity), "shown once answered");
                assertNotNull(fx(() -> new Progress(Preferences.userRoot().node(NODE)).answer(lp.question())));
            }
            if (lp.question() != null && lp.question().equals("route-block")) {
                // the focus cue: the zoomed patch is marked and shows the block the question names
                Node patch = fx(() -> app.window().root().lookup("#patch-routed"));
                assertTrue(fx(() -> patch.getStyleClass().contains(Highlight.STYLE)));
            }
            robot.type(p % 2 == 0 ? KeyCode.RIGHT : KeyCode.SPACE);
        }
        assertEquals(3, asked);
        waitFor(() -> panel.chapterIndex() == 4 && panel.pageIndex() == 0);
        assertTrue(new Progress(Preferences.userRoot().node(NODE)).isDone("4-maxpool-backprop"));
        robot.type(KeyCode.LEFT);
        waitFor(() -> panel.chapterIndex() == 3 && panel.pageIndex() == pages - 1);
        // the user's own progress node was not used
        assertEquals(NODE, System.getProperty(LessonFeature.PREFS_PROPERTY));
        robot.type(KeyCode.F1);
        waitFor(() -> !app.lessons().isShowing());
    }

    @Test
    void aNewModelChangesTheRevealedAnswer() throws Exception {
        LessonPanel panel = app.lessons().panel();
        fx(() -> {
            app.lessons().setShowing(true);
            panel.show(0, 5); // "The loss": ask loss-now about training image 0
            return null;
        });
        assertEquals("loss-now", fx(() -> panel.currentPage().question()));
        fx(() -> {
            panel.answer(0);
            return null;
        });
        String before = fx(panel::revealText);
        Dataset train = app.model().data().train();
        Network fresh = new Network(8, 28, 28, 12345);
        double p = fresh.forward(train.pixels(), train.offset(0))[train.label(0)];
        double loss = -Math.log(p);
        String expected = String.format(Locale.ROOT, "L = −ln(%.4f) = %.3f", p, loss);
        assertTrue(!before.contains(expected), before);
        app.model().store().replace(fresh).get(30, TimeUnit.SECONDS);
        fx(() -> {
            app.model().refreshSnapshot();
            return null;
        });
        waitFor(() -> panel.revealText().contains(expected));
        assertNotEquals(before, fx(panel::revealText));
        // the right choice moved with the model too: the trained one was below 0.1
        assertEquals(0, before.contains("= 0.0") ? 0 : -1);
        assertEquals(loss < 0.1 ? 0 : loss < 0.7 ? 1 : loss < 2.3 ? 2 : 3, (int) fx(() -> panel.lastReveal().correct()));
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
    }

    static void waitFor(Callable<Boolean> cond) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(cond).get());
    }
}
