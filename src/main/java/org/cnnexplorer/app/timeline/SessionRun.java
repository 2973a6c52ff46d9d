package org.cnnexplorer.app.timeline;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;

/** One run of this session (trained here or opened from a file), with whether the Runs charts overlay it. */
public final class SessionRun {
    /** The longest name shown, in characters: a 5,000-character name hid the Runs charts' legends. */
    static final int MAX_NAME = 60;

    private final RunHistory history;
    private final String name;
    private final BooleanProperty overlaid = new SimpleBooleanProperty(this, "overlaid", true);

    /** {@code name} is the one shown: distinct within the session and short (see {@link SessionRuns#add}). */
    SessionRun(RunHistory history, String name) {
        this.history = history;
        this.name = name;
    }

    /** {@code name}, cut to {@link #MAX_NAME} characters with an ellipsis if longer. */
    static String shortened(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_NAME) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_NAME - 1)) + "…";
    }

    public RunHistory history() {
        return history;
    }

    /** The name shown in the session; the run's file keeps {@code history().name()}. */
    public String name() {
        return name;
    }

    /** Whether the loss and accuracy charts of the Runs tab show this run. */
    public BooleanProperty overlaidProperty() {
        return overlaid;
    }

    public boolean isRecording() {
        return history.status() == RunHistory.Status.RUNNING;
    }

    /** "lr 0.005 · 1,000 images × 3 epochs · seed 1 · all-ties rule" plus where it came from. */
    public String settings() {
        TrainConfig c = history.config();
        String images = c.trainSize() == TrainConfig.ALL ? "all images" : String.format(Locale.ROOT, "%,d images", c.trainSize());
        String s = String.format(Locale.ROOT, "lr %s · %s × %d epochs · seed %d · %s · %d filters%s",
                trim(c.learnRate()), images, c.epochs(), c.seed(), c.firstMaxOnly() ? "first-max rule" : "all-ties rule",
                c.numFilters(), c.shuffle() ? "" : " · not shuffled");
        if (history.origin() != null) {
            s += String.format(Locale.ROOT, " · resumed from %s at step %,d", history.origin().run(), history.origin().step());
        }
        return s;
    }

    /** "3,000 steps, finished" */
    public String progress() {
        return String.format(Locale.ROOT, "%,d steps, %s", history.endStep() - history.startStep(),
                history.status().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name();
    }

    private static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
