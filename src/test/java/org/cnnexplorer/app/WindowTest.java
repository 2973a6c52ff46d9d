package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;

import java.util.List;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real window for one test: started with the bundled data loaded, and afterwards any run
 * stopped, any dialog closed and the app taken down. (Older window tests still spell this out.)
 */
abstract class WindowTest {
    protected ExplorerApp app;
    protected final FxRobot robot = new FxRobot();

    @BeforeEach
    void startWindow() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
    }

    @AfterEach
    void stopWindow() throws Exception {
        fx(() -> {
            app.training().controller().stop();
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != app.window().root().getScene().getWindow() && w instanceof Stage s) {
                    s.close();
                }
            }
            return null;
        });
        FxToolkit.cleanupApplication(app);
    }
}
