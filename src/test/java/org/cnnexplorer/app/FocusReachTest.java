package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keyboard reach: on every tab, pressing Tab again and again visits every enabled control that
 * can be clicked, typed into or moved (buttons, fields, sliders, lists, choices), including the
 * timeline bar under the tabs. The lesson panel is left out: it is one focus stop that takes its
 * own keys (Space, arrows, digits), which its buttons would otherwise compete with.
 */
class FocusReachTest {
    private final FxRobot robot = new FxRobot();
    private ExplorerApp app;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    private static boolean operable(Node n) {
        return n instanceof ButtonBase || n instanceof TextInputControl || n instanceof Spinner || n instanceof Slider
                || n instanceof ComboBoxBase || n instanceof ChoiceBox || n instanceof ListView || n instanceof TableView;
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible() || p.getStyleClass().contains("lesson-panel")) {
                return false;
            }
        }
        return !n.isDisabled() && n.getScene() != null;
    }

    private static void collect(Node n, List<Node> out) {
        if (n instanceof javafx.scene.control.MenuBar) {
            return; // F10 and the Alt mnemonics reach the menus
        }
        if (operable(n)) {
            if (shown(n)) {
                out.add(n);
            }
            if (!(n instanceof Spinner) && !(n instanceof ComboBoxBase)) {
                // a spinner's editor and arrows are the spinner
                addChildren(n, out);
            }
            return;
        }
        addChildren(n, out);
    }

    private static void addChildren(Node n, List<Node> out) {
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** The control a focus owner belongs to (a spinner's editor counts as the spinner). */
    private static Node owner(Node f) {
        for (Node p = f; p != null; p = p.getParent()) {
            if (p instanceof Spinner || p instanceof ComboBoxBase) {
                return p;
            }
        }
        return f;
    }

    /** Radio buttons of one group are one stop, as usual: Tab reaches the group, the arrow keys move in it. */
    private static boolean groupReached(Node n, Map<Node, Boolean> visited) {
        if (n instanceof javafx.scene.control.Toggle t && t.getToggleGroup() != null) {
            return t.getToggleGroup().getToggles().stream().anyMatch(o -> visited.containsKey((Node) o));
        }
        return false;
    }

    private static String describe(Node n) {
        String text = n instanceof javafx.scene.control.Labeled l ? " \"" + l.getText() + "\"" : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + text;
    }

    @Test
    void tabVisitsEveryControlOnEveryTab() throws Exception {
        List<String> missed = new ArrayList<>();
        for (Tab tab : WaitForAsyncUtils.asyncFx(() -> List.copyOf(app.window().tabs().getTabs())).get()) {
            robot.interact(() -> app.window().tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> app.window().tabs().requestFocus());
            Map<Node, Boolean> visited = new IdentityHashMap<>();
            Node first = null;
            for (int i = 0; i < 400; i++) {
                robot.type(KeyCode.TAB);
                Node f = WaitForAsyncUtils.asyncFx(() -> app.window().root().getScene().getFocusOwner()).get();
                if (f == null) {
                    break;
                }
                Node o = owner(f);
                if (o == first) {
                    break;
                }
                if (first == null) {
                    first = o;
                }
                visited.put(o, true);
            }
            List<Node> all = new ArrayList<>();
            robot.interact(() -> collect(app.window().root().getScene().getRoot(), all));
            Set<String> notReached = new LinkedHashSet<>();
            for (Node n : all) {
                if (!visited.containsKey(n) && !groupReached(n, visited)) {
                    notReached.add(describe(n));
                }
            }
            if (!notReached.isEmpty()) {
                missed.add(tab.getId() + ": " + notReached);
            }
        }
        assertEquals(List.of(), missed, "controls Tab never reaches");
    }

    @Test
    void clickingATimelineStepLeavesTheFocusWhereItWas() throws Exception {
        // the timeline row comes with the first run
        TrainingController c = app.training().controller();
        robot.interact(() -> {
            c.configProperty().set(org.cnnexplorer.train.TrainConfig.article().withSizes(100, 50).withEpochs(1));
            c.paceProperty().set(Double.POSITIVE_INFINITY);
            c.start();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.timeline().runs().runs().size() == 1 && c.state() == TrainingController.RunState.IDLE);
        robot.interact(() -> app.window().select("tab-training"));
        WaitForAsyncUtils.waitForFxEvents();
        Node seed = robot.lookup("#seed").query();
        robot.interact(seed::requestFocus);
        robot.clickOn("#timeline-fwd1");
        Node focus = WaitForAsyncUtils.asyncFx(() -> owner(app.window().root().getScene().getFocusOwner())).get();
        assertEquals(seed, focus);
        robot.interact(() -> robot.lookup("#timeline-back1").query().requestFocus());
        assertEquals(true, robot.lookup("#timeline-back1").query().isFocused(), "yet Tab and focus reach it");
    }
}
