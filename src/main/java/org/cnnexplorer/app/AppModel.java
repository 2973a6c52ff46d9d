package org.cnnexplorer.app;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import java.util.function.Supplier;
import org.cnnexplorer.app.page.Frame;
import org.cnnexplorer.app.timeline.Moment;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.train.ModelStore;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * The window's shared state, as JavaFX properties the views bind to. The live network stays in
 * {@link ModelStore} on the engine thread; one frame timer publishes, at most ~30 times a second,
 * one {@link Frame} (the weights, the training step and the moment) on {@link #frameProperty()},
 * the channel every page reads, so views only ever see snapshots and all see the same step.
 */
public final class AppModel {
    private static final long FRAME_NANOS = 33_000_000L;

    private final ModelStore store;
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyObjectWrapper<NetworkSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<Moment> moment = new ReadOnlyObjectWrapper<>(this, "moment", Moment.LIVE);
    private final javafx.beans.property.ReadOnlyIntegerWrapper handSteps = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "handSteps");
    private final ObjectProperty<MnistFiles.Split> data = new SimpleObjectProperty<>(this, "data");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "new model");
    private final AnimationTimer pump;
    private final java.util.List<Runnable> disposers = new java.util.ArrayList<>();
    private final java.util.List<Runnable> beforeFrame = new java.util.ArrayList<>();
    private Supplier<TrainingSnapshot> liveTraining = () -> null;
    private Choosers choosers = Choosers.platform();
    private final RecentFiles recentFiles = new RecentFiles(AppPreferences.open());
    private NetworkSnapshot clean;
    /** The timeline's moment while it is off live (all three set together), else null. */
    private Frame pinned;
    private boolean disposed;

    public AppModel(ModelStore store) {
        this.store = store;
        this.clean = store.latest();
        // The old single-part properties follow the frame, for code that needs only one part.
        frame.addListener((o, was, f) -> {
            moment.set(f.moment());
            snapshot.set(f.weights());
        });
        publish();
        this.pump = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last < FRAME_NANOS) {
                    return;
                }
                last = now;
                for (Runnable r : beforeFrame) {
                    r.run();
                }
                publish();
            }
        };
        pump.start();
    }

    /** A new frame if any part of it changed (FX thread). */
    private void publish() {
        Frame f = pinned != null ? pinned : new Frame(store.latest(), liveTraining.get(), Moment.LIVE);
        Frame was = frame.get();
        if (was == null || was.weights() != f.weights() || was.training() != f.training() || !was.moment().equals(f.moment())) {
            frame.set(f);
        }
    }

    /**
     * The one channel every page reads: what to show this frame (FX thread). A new value at most
     * once a frame, and at once when the timeline picks a moment.
     */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public Frame frame() {
        return frame.get();
    }

    /** Where live frames take their training step from (the training controller's feed). */
    public void setLiveTraining(Supplier<TrainingSnapshot> source) {
        liveTraining = source == null ? () -> null : source;
    }

    /** Runs {@code r} on each frame just before it is published (e.g. to take up new curve points). */
    public void beforeEachFrame(Runnable r) {
        beforeFrame.add(r);
    }

    public ModelStore store() {
        return store;
    }

    /** The weights of {@link #frameProperty()} (FX thread). */
    public ReadOnlyObjectProperty<NetworkSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public NetworkSnapshot snapshot() {
        return snapshot.get();
    }

    /**
     * Backprop steps applied to the live weights by hand (Backprop step's Apply): results computed
     * before one are of other weights, and say so.
     */
    public javafx.beans.property.ReadOnlyIntegerProperty handStepsProperty() {
        return handSteps.getReadOnlyProperty();
    }

    public void countHandStep() {
        handSteps.set(handSteps.get() + 1);
    }

    /** Publishes the newest state now rather than at the next frame. */
    public void refreshSnapshot() {
        publish();
    }

    /**
     * Shows this moment (its weights and training step) instead of the live ones until
     * {@link #unpin()}: the timeline's moment when the user has moved it off the live end.
     * Training goes on unseen.
     */
    public void pin(NetworkSnapshot weights, TrainingSnapshot training, Moment at) {
        pinned = new Frame(weights, training, at);
        publish();
    }

    public void unpin() {
        pinned = null;
        publish();
    }

    public boolean isPinned() {
        return pinned != null;
    }

    /** The moment of {@link #frameProperty()}: live, or a run's step. */
    public ReadOnlyObjectProperty<Moment> momentProperty() {
        return moment.getReadOnlyProperty();
    }

    public Moment moment() {
        return moment.get();
    }

    /** The loaded data set (train and test), or null while loading. */
    public ObjectProperty<MnistFiles.Split> dataProperty() {
        return data;
    }

    public MnistFiles.Split data() {
        return data.get();
    }

    /** One line for the status bar. */
    public StringProperty statusProperty() {
        return status;
    }

    /** What the current weights are: "new model (seed 1)", a file name, "bundled pre-trained model". */
    public StringProperty modelNameProperty() {
        return modelName;
    }

    /** These weights are kept somewhere (opened, saved, bundled or freshly drawn from a seed). */
    public void markClean(NetworkSnapshot weights) {
        clean = weights;
    }

    /** True if the newest weights were changed (trained, a step applied) since they were last kept. */
    public boolean hasUnsavedWeights() {
        NetworkSnapshot now = store.latest();
        return now != clean && !now.sameWeights(clean);
    }

    /** How folders and files are chosen; tests replace it to avoid native dialogs. */
    /** The files opened lately (File > Open Recent); openers report to it. */
    public RecentFiles recentFiles() {
        return recentFiles;
    }

    public Choosers choosers() {
        return choosers;
    }

    public void setChoosers(Choosers c) {
        this.choosers = c;
    }

    /** Runs {@code r} when the window closes, before the engine stops (e.g. to cancel a training task). */
    public void onDispose(Runnable r) {
        disposers.add(r);
    }

    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        for (Runnable r : disposers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // closing must go on: one failing feature does not keep the others alive
                System.err.println("while closing: " + e);
            }
        }
        pump.stop();
        store.close();
    }
}
