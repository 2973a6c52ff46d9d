package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Settings show what is wrong beside the field, hold Start until fixed, and never use a value other than the one shown. */
class SettingsValidationTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();
    private final List<Throwable> uncaught = new ArrayList<>();
    private Thread.UncaughtExceptionHandler before;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
        before = fx(() -> {
            Thread.UncaughtExceptionHandler h = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            return h;
        });
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(before);
            return null;
        });
        FxToolkit.cleanupApplication(app);
    }

    /** Types into a field with the keyboard, then leaves it with Tab. */
    private void typeInto(String id, String text) {
        Spinner<?> s = robot.lookup("#" + id).queryAs(Spinner.class);
        robot.doubleClickOn(s.getEditor()).push(KeyCode.CONTROL, KeyCode.A).eraseText(1).write(text).type(KeyCode.TAB);
    }

    private String shown(String id) throws Exception {
        return fx(() -> robot.lookup("#" + id).queryAs(Spinner.class).getEditor().getText());
    }

    private String error(String id) throws Exception {
        return fx(() -> {
            Label l = robot.lookup("#" + id + "-error").queryAs(Label.class);
            return l.isVisible() ? l.getText() : "";
        });
    }

    private boolean startDisabled() throws Exception {
        return fx(() -> robot.lookup("#start-button").queryAs(Button.class).isDisabled());
    }

    @Test
    void rejectedInputStaysMarkedAndHoldsStartUntilFixed() throws Exception {
        TrainingController c = app.training().controller();
        String[][] bad = {
            {"learn-rate", "0"}, {"learn-rate", "-1"}, {"learn-rate", "abc"},
            {"seed", "1e3"}, {"seed", "99999999999999999999"},
            {"epochs", "abc"}, {"epochs", "0"}, {"epochs", "1,0"}, {"epochs", "1_0"}, {"filters", "0"}, {"filters", "65"}, {"train-size", "60001"},
        };
        String good = "";
        for (String[] b : bad) {
            typeInto(b[0], b[1]);
            assertEquals(b[1], shown(b[0]), "what was typed stays on screen");
            assertFalse(error(b[0]).isEmpty(), b[0] + " = " + b[1] + " is marked");
            assertTrue(error(b[0]).contains(b[1].length() > 24 ? b[1].substring(0, 24) : b[1]), error(b[0]));
            assertTrue(startDisabled(), "Start waits for " + b[0] + " = " + b[1]);
            assertTrue(fx(() -> app.training().trainingView().lookup("#reset-button").isDisabled()), "and Reset too");
            assertTrue(fx(() -> app.training().trainingView().settingsValidation().isInvalid()), "ControlsFX sees it too");
            assertEquals(b[0].equals("learn-rate") ? "Learning rate" : b[0].equals("seed") ? "Seed" : b[0].equals("epochs") ? "Epochs"
                    : b[0].equals("filters") ? "Filters" : "Training images", fx(() -> c.settingsProblemProperty().get()).split(":")[0]);
            // F5 and Ctrl+R do nothing either, and say why
            fx(() -> {
                c.start();
                c.reset();
                return null;
            });
            assertEquals(TrainingController.RunState.IDLE, fx(c::state));
            assertTrue(fx(() -> app.model().statusProperty().get()).startsWith("Fix the settings first"));
            // put it right again
            String fix = switch (b[0]) {
                case "learn-rate" -> "0.005";
                case "seed" -> "1";
                case "epochs" -> "3";
                case "filters" -> "8";
                default -> "1000";
            };
            typeInto(b[0], fix);
            assertEquals("", error(b[0]));
            assertFalse(startDisabled());
            assertFalse(fx(() -> app.model().statusProperty().get()).startsWith("Fix the settings first"),
                    "the refusal goes once the field is fixed: " + fx(() -> app.model().statusProperty().get()));
        }
        assertTrue(uncaught.isEmpty(), "no uncaught exceptions: " + uncaught);
    }

    @Test
    void whatIsShownIsWhatIsUsedNothingClamped() throws Exception {
        TrainingController c = app.training().controller();
        typeInto("learn-rate", "10");
        assertEquals("10", shown("learn-rate"));
        assertEquals(10.0, fx(() -> c.configProperty().get().learnRate()), "a large learning rate is taken as typed, as the CLI does");
        typeInto("filters", "64");
        assertEquals("64", shown("filters"));
        assertEquals(64, fx(() -> c.configProperty().get().numFilters()));
        typeInto("seed", "-7");
        assertEquals(-7L, fx(() -> c.configProperty().get().seed()));
        typeInto("seed", "4000000000");
        assertEquals(4_000_000_000L, fx(() -> c.configProperty().get().seed()), "seeds beyond int, as --seed takes them");
        robot.clickOn("#reset-button");
        waitFor(() -> fx(() -> app.model().statusProperty().get()).equals("New weights from seed 4000000000, 64 filters"));
        typeInto("epochs", "100000");
        assertEquals(100_000, fx(() -> c.configProperty().get().epochs()));
        // typed text counts before Enter: F5 right after typing uses it
        Spinner<?> lr = robot.lookup("#learn-rate").queryAs(Spinner.class);
        robot.doubleClickOn(lr.getEditor()).push(KeyCode.CONTROL, KeyCode.A).eraseText(1).write("0.02");
        assertEquals(0.02, fx(() -> c.configProperty().get().learnRate()));
        assertTrue(uncaught.isEmpty(), "no uncaught exceptions: " + uncaught);
    }
}
