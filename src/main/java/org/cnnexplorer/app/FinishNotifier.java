package org.cnnexplorer.app;

import javafx.geometry.Pos;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.cnnexplorer.app.page.PageIds;
import org.controlsfx.control.Notifications;

/**
 * A small notice (ControlsFX {@link Notifications}) when a long training run or an evaluation
 * ends while the user is looking elsewhere: another tab is showing, or, for a long run, the window
 * is not focused.
 * The status line says the same; the notice is for whoever is not watching it. Clicking it shows
 * the result's tab. With reduced motion it stays until closed instead of fading away.
 */
public final class FinishNotifier {
    /** A run shorter than this is watched to its end: no notice. */
    static final long LONG_RUN_NANOS = 10_000_000_000L;
    private final Stage stage;
    private final MainWindow window;
    private int shown;

    private FinishNotifier(Stage stage, MainWindow window) {
        this.stage = stage;
        this.window = window;
    }

    public static FinishNotifier install(TrainingController c, Stage stage, MainWindow window) {
        FinishNotifier n = new FinishNotifier(stage, window);
        c.setOnFinished(n::finished);
        return n;
    }

    private void finished(TrainingController.Finished.What what, String result, long nanos) {
        boolean training = what == TrainingController.Finished.What.TRAINING;
        if (training && nanos < LONG_RUN_NANOS) {
            return;
        }
        String tab = training ? PageIds.TRAINING : PageIds.EVALUATION;
        Tab selected = window.tabs().getSelectionModel().getSelectedItem();
        boolean onTab = selected != null && tab.equals(selected.getId());
        // An evaluation lasts a second at most: whoever asked for it on its tab is still there, focused
        // or not (a notice there only covered the window, and took a click meant for the matrix).
        boolean watching = onTab && (!training || stage.isFocused());
        if (watching || !stage.isShowing()) {
            return;
        }
        Notifications n = Notifications.create()
                .owner(stage)
                .title(training ? "Training finished" : "Evaluation finished")
                .text(result + "\n(click to see it)")
                .position(Pos.TOP_RIGHT)
                .hideAfter(Motion.reduced() ? Duration.INDEFINITE : Duration.seconds(8))
                .onAction(e -> {
                    stage.toFront();
                    window.select(tab);
                });
        if (Themes.currentProperty().get().dark()) {
            n.darkStyle();
        }
        n.showInformation();
        shown++;
    }

    /** How many notices were shown (for tests). */
    public int shown() {
        return shown;
    }
}
