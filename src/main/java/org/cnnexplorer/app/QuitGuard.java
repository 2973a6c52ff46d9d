package org.cnnexplorer.app;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * File > Quit and the window's close button: trained weights that were never saved are not
 * thrown away without a word. A running run is paused while the question is open; Cancel
 * resumes it, and so does cancelling Save…'s file chooser. Once a file is chosen the run ends
 * and the weights it reached are saved.
 */
public final class QuitGuard {
    private final AppModel model;
    private final Stage stage;
    private final TrainingController training;
    private final ModelFileActions files;
    private boolean asking;
    private Runnable close;

    public QuitGuard(AppModel model, Stage stage, TrainingController training, ModelFileActions files) {
        this.model = model;
        this.stage = stage;
        this.training = training;
        this.files = files;
        this.close = stage::close;
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestQuit();
        });
    }

    /** What quitting does in the end (tests replace it: closing the window ends the JavaFX platform). */
    public void setCloseAction(Runnable r) {
        close = r;
    }

    /** Closes the window at once if nothing would be lost; otherwise asks first. */
    public void requestQuit() {
        if (asking) {
            return;
        }
        boolean running = training != null && training.state() == TrainingController.RunState.RUNNING;
        boolean active = training != null && training.isActive();
        if (!active && !model.hasUnsavedWeights()) {
            close.run();
            return;
        }
        if (running) {
            training.pause();
        }
        asking = true;
        ButtonType save = Dialogs.button("Save…", false);
        ButtonType discard = Dialogs.button("Quit without saving", false);
        ButtonType cancel = Dialogs.button("Cancel", true);
        String what = active ? "Training is under way on these weights" : "These weights were trained";
        Dialogs.ask(stage, "confirm-quit", "Save the trained model before quitting?",
                what + " (" + model.modelNameProperty().get() + ") and have not been saved; "
                        + "quitting without saving throws them away.",
                answer -> {
                    asking = false;
                    if (answer == discard) {
                        close.run();
                    } else if (answer == save) {
                        saveThenClose(running);
                    } else if (running) {
                        training.resume();
                    }
                }, save, discard, cancel);
    }

    /**
     * Asks where to save while the run stays paused; cancelling resumes a run that was running.
     * Only once the file is settled does the run end: the engine publishes its last weights, which
     * are saved, then the window closes.
     */
    private void saveThenClose(boolean resumeOnCancel) {
        Path chosen = model.choosers().chooseSaveFile(stage, "Save the model (.npz)", "model.npz", "NumPy model (*.npz)", "npz");
        if (chosen == null) {
            if (resumeOnCancel) {
                training.resume();
            }
            return;
        }
        SavePaths.resolve(stage, chosen, "npz", p -> {
            if (training != null) {
                training.stop();
            }
            CompletableFuture.runAsync(() -> { }, model.store().executor())
                    .thenRun(() -> Platform.runLater(() -> files.saveChosen(p, close)));
        });
    }
}
