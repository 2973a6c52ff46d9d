package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.cnnexplorer.app.page.PageIds;
import org.junit.jupiter.api.Test;

/**
 * The window at its smallest (800×560) with a run recorded: on every tab each visible button shows
 * its whole text ("E…" for Export PNG, "…" for Evaluate now were cut) and lies inside the window.
 */
class SmallWindowTest extends WindowTest {
    @Test
    void everyTabsButtonsKeepTheirTextInTheSmallestWindow() throws Exception {
        TrainingController c = app.training().controller();
        fx(() -> {
            c.configProperty().set(org.cnnexplorer.train.TrainConfig.article().withSizes(200, 100).withEpochs(1));
            c.paceProperty().set(Double.POSITIVE_INFINITY);
            c.start();
            return null;
        });
        waitFor(() -> fx(() -> c.state() == TrainingController.RunState.IDLE && c.lastTestProperty().get() != null));
        Stage stage = fx(() -> (Stage) app.window().root().getScene().getWindow());
        fx(() -> {
            stage.setWidth(800);
            stage.setHeight(560);
            return null;
        });
        waitFor(() -> fx(() -> app.window().root().getScene().getWidth() <= 800));
        List<String> cut = new ArrayList<>();
        for (Tab t : fx(() -> List.copyOf(app.window().tabs().getTabs()))) {
            if (PageIds.RUNS.equals(t.getId()) || PageIds.MY_DIGITS.equals(t.getId())) {
                continue;  // their own tests (TimelineWindowTest, MyDigitsWindowTest) size them
            }
            fx(() -> {
                app.window().tabs().getSelectionModel().select(t);
                return null;
            });
            waitFor(() -> fx(() -> t.getContent() != null && t.getContent().getScene() != null));
            cut.addAll(fx(() -> {
                app.window().root().applyCss();
                app.window().root().layout();
                double width = app.window().root().getScene().getWidth();
                List<String> bad = new ArrayList<>();
                for (Node n : t.getContent().lookupAll(".button")) {
                    if (n instanceof Button b && b.isVisible() && b.getScene() != null && b.getWidth() > 0
                            && (b.getWidth() < b.prefWidth(-1) - 0.5 || b.localToScene(b.getBoundsInLocal()).getMaxX() > width + 0.5)) {
                        bad.add(t.getText() + ": \"" + b.getText() + "\" " + b.getWidth() + " of " + b.prefWidth(-1));
                    }
                }
                return bad;
            }));
        }
        assertEquals(List.of(), cut);
    }
}
