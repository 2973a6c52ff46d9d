package org.cnnexplorer.lesson;

import java.nio.file.Path;
import java.util.List;
import org.cnnexplorer.train.TrainConfig;

/**
 * A teacher's set-up for a lesson, read by {@link ScenarioReader}: the data, the starting weights,
 * the training settings, the chapter to open and the controls to hide.
 *
 * @param name         shown in the title bar and the status line
 * @param description  one or two sentences for the learner
 * @param dataset      a folder of IDX files, or null for the bundled MNIST
 * @param model        where the starting weights come from
 * @param modelFile    the .npz file when {@code model} is FILE, else null
 * @param settings     the training settings (seed included)
 * @param startChapter the chapter to open, 0-based
 * @param hide         ids of tabs ("tab-gradcheck") or controls ("first-max-only") to hide
 */
public record Scenario(String name, String description, Path dataset, Model model, Path modelFile, TrainConfig settings,
                       int startChapter, List<String> hide) {
    public enum Model {
        /** The pre-trained model that ships with the app. */
        BUNDLED,
        /** New weights drawn from the settings' seed, as the article starts. */
        SEED,
        /** Weights from a .npz file. */
        FILE
    }

    public Scenario {
        hide = List.copyOf(hide);
    }
}
