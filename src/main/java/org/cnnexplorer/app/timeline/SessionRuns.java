package org.cnnexplorer.app.timeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunRecorder;
import org.cnnexplorer.train.Trainer;
import org.cnnexplorer.train.TrainingRun;

/**
 * Every run of the session, in order, and the recording of new ones: each Start of training
 * becomes a run, recorded by {@link RunRecorder} on the engine thread and listed here.
 */
public final class SessionRuns implements TrainingRun.Recording {
    /** A run to start from another run's step (Resume from here). */
    record Resume(SessionRun from, long step) {
    }

    private final ObservableList<SessionRun> runs = FXCollections.observableArrayList();
    private final ObjectProperty<SessionRun> live = new SimpleObjectProperty<>(this, "live");
    private final AtomicReference<Resume> pendingResume = new AtomicReference<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile String source = "MNIST";

    /** The runs, oldest first (FX thread). */
    public ObservableList<SessionRun> runs() {
        return runs;
    }

    /** The run being recorded by live training, or the last one that was (FX thread). */
    public ObjectProperty<SessionRun> liveProperty() {
        return live;
    }

    /** Where training images come from, for run files ("bundled MNIST", a folder). */
    public void setSource(String s) {
        source = s;
    }

    /** The next run that starts continues {@code from}'s schedule at {@code step}. */
    void resumeNext(SessionRun from, long step) {
        pendingResume.set(new Resume(from, step));
    }

    /**
     * Adds a run (FX thread), under a short name no other run of the session has: a run saved and
     * opened again in the same session was listed twice as "Run 4"; now the second is "Run 4 (2)".
     */
    public SessionRun add(RunHistory h) {
        String base = h.name().isBlank() ? "Unnamed run" : SessionRun.shortened(h.name());
        String name = base;
        for (int i = 2; taken(name); i++) {
            name = base + " (" + i + ")";
        }
        SessionRun r = new SessionRun(h, name);
        runs.add(r);
        return r;
    }

    private boolean taken(String name) {
        return runs.stream().anyMatch(r -> r.name().equals(name));
    }

    /** A name no run of the session has yet: "Run 3". */
    String nextName() {
        return "Run " + numbers.incrementAndGet();
    }

    @Override
    public RunHistory begin(Trainer trainer, Trainer.Listener next) {
        Resume r = pendingResume.getAndSet(null);
        RunHistory.Origin origin = null;
        if (r != null && r.step() <= trainer.totalSteps()) {
            trainer.positionAt(r.step());
            origin = new RunHistory.Origin(r.from().name(), r.step());
        }
        RunHistory h = RunRecorder.record(nextName(), trainer, source, origin, next);
        Platform.runLater(() -> {
            SessionRun s = add(h);
            live.set(s);
        });
        return h;
    }
}
