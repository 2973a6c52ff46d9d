package org.cnnexplorer.app;

import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.train.ModelStore;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The window's shared state, as JavaFX properties the views bind to. The live network stays in
 * {@link ModelStore} on the engine thread; a frame timer copies the newest published snapshot into
 * {@link #snapshotProperty()} at most ~30 times a second, so views only ever see snapshots.
 */
public final class AppModel {
    private static final long FRAME_NANOS = 33_000_000L;

    private final ModelStore store;
    private final ReadOnlyObjectWrapper<NetworkSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<org.cnnexplorer.app.timeline.Moment> moment =
            new ReadOnlyObjectWrapper<>(this, "moment", org.cnnexplorer.app.timeline.Moment.LIVE);
    private final ObjectProperty<MnistFiles.Split> data = new SimpleObjectProperty<>(this, "data");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "new model");
    private final AnimationTimer pump;
    private final java.util.List<Runnable> disposers = new java.util.ArrayList<>();
    private Choosers choosers = Choosers.platform();
    private NetworkSnapshot clean;
    private NetworkSnapshot pinned;
    private boolean disposed;

    public AppModel(ModelStore store) {
        this.store = store;
        this.snapshot.set(store.latest());
        this.clean = store.latest();
        this.pump = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last < FRAME_NANOS) {
                    return;
                }
                last = now;
                NetworkSnapshot s = pinned != null ? pinned : store.latest();
                if (s != snapshot.get()) {
                    snapshot.set(s);
                }
            }
        };
        pump.start();
    }

    public ModelStore store() {
        return store;
    }

    /** The newest network snapshot the window has taken up (FX thread). */
    public ReadOnlyObjectProperty<NetworkSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public NetworkSnapshot snapshot() {
        return snapshot.get();
    }

    /** Takes up the store's newest snapshot now rather than at the next frame. */
    public void refreshSnapshot() {
        snapshot.set(pinned != null ? pinned : store.latest());
    }

    /**
     * Shows these weights instead of the live ones until {@link #unpin()}: the timeline's moment
     * (a run and a step) when the user has moved it off the live end. Training goes on unseen.
     */
    public void pin(NetworkSnapshot s, org.cnnexplorer.app.timeline.Moment at) {
        pinned = s;
        moment.set(at);
        snapshot.set(s);
    }

    public void unpin() {
        pinned = null;
        moment.set(org.cnnexplorer.app.timeline.Moment.LIVE);
        snapshot.set(store.latest());
    }

    /** The moment whose weights {@link #snapshot()} holds: live, or a run's step (set with them). */
    public ReadOnlyObjectProperty<org.cnnexplorer.app.timeline.Moment> momentProperty() {
        return moment.getReadOnlyProperty();
    }

    public org.cnnexplorer.app.timeline.Moment moment() {
        return moment.get();
    }

    public boolean isPinned() {
        return pinned != null;
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
