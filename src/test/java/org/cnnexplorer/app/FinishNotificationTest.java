package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.stage.Popup;
import javafx.stage.Window;
import org.cnnexplorer.app.page.PageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** An evaluation that ends while another tab shows gives a notice; one watched on its own tab does not. */
class FinishNotificationTest {
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
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Popup).toList().forEach(Window::hide));
        FxToolkit.cleanupApplication(app);
    }

    private void evaluateAndWait() throws Exception {
        Object before = app.training().controller().lastTestProperty().get();
        robot.interact(() -> app.training().controller().evaluateNow());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.training().controller().lastTestProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long noticesOnScreen() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Popup && w.isShowing() && w.getScene().getRoot().lookup(".notification-bar") != null).count()).get();
    }

    @Test
    void aResultNobodyIsLookingAtGetsANotice() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.window().root().getScene().getWindow().isFocused());
        robot.interact(() -> app.window().select(PageIds.EVALUATION));
        evaluateAndWait();
        assertEquals(0, app.finishNotifier().shown(), "watched on its own tab: no notice");
        assertEquals(0, noticesOnScreen());

        robot.interact(() -> app.window().select(PageIds.DRAW));
        evaluateAndWait();
        assertEquals(1, app.finishNotifier().shown());
        assertTrue(noticesOnScreen() >= 1, "a notification popup is showing");
    }
}
