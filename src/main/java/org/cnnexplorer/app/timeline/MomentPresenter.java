package org.cnnexplorer.app.timeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ImageActivations;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.RunReplay;
import org.cnnexplorer.train.Trainer;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * The one channel that says which moment the views show, and what makes them show it. A live
 * moment lets the views follow training; any other moment is replayed on a worker thread (the
 * newest request wins, older ones are dropped) and then handed to the views as the snapshots
 * they already read (one frame, {@link AppModel#pin}), so a view never keeps
 * its own idea of the step.
 */
public final class MomentPresenter {
    /** Versions of replayed snapshots, far from the live store's, so they never compare equal. */
    private static final AtomicLong VERSIONS = new AtomicLong(1L << 60);

    private final AppModel model;
    private final TrainingController training;
    private final ObjectProperty<Moment> moment = new SimpleObjectProperty<>(this, "moment", Moment.LIVE);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Request> pending = new AtomicReference<>();
    /** Worker thread only. */
    private final Map<SessionRun, RunReplay> replays = new HashMap<>();
    private Dataset replayData;
    private Network scratch;
    private Consumer<Timing> latencyListener;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * How long showing one moment took: from asking to the views having it (wall clock), and the
     * CPU time of the replay (worker thread) and of handing it to the views (FX thread), which
     * does not grow when other programs load the machine.
     */
    public record Timing(double wallMs, double replayCpuMs, double viewsCpuMs) {
    }
    private java.util.function.IntConsumer onNextImage = i -> { };

    private record Request(Moment moment, Dataset train, long requestedAt) {
    }

    public MomentPresenter(AppModel model, TrainingController training) {
        this.model = model;
        this.training = training;
        moment.addListener((o, was, now) -> show(now));
        model.onDispose(worker::shutdownNow);
    }

    /** The moment every view shows (FX thread). */
    public ObjectProperty<Moment> momentProperty() {
        return moment;
    }

    public Moment moment() {
        return moment.get();
    }

    /** Why the moment cannot be shown (other images loaded than the run's), or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * Told, for each moment shown, which training image the run's next step trains on (the step
     * the Backprop step view walks through: these weights, that image), or -1 at a run's end.
     */
    public void setOnNextImage(java.util.function.IntConsumer c) {
        onNextImage = c == null ? i -> { } : c;
    }

    /** Told the milliseconds from asking for a moment to the views having it (for measuring). */
    public void setLatencyListener(Consumer<Timing> l) {
        latencyListener = l;
    }

    private void show(Moment m) {
        if (m == null || m.live()) {
            pending.set(null);
            problem.set("");
            model.unpin();
            return;
        }
        Dataset train = model.data() == null ? null : model.data().train();
        if (train == null) {
            problem.set("The data set is still loading");
            return;
        }
        if (pending.getAndSet(new Request(m, train, System.nanoTime())) == null) {
            worker.execute(this::work);
        }
    }

    private void work() {
        Request r;
        while ((r = pending.getAndSet(null)) != null) {
            Request req = r;
            try {
                Shown s = replay(req);
                Platform.runLater(() -> apply(req, s));
            } catch (IllegalArgumentException e) {
                Platform.runLater(() -> problem.set(e.getMessage()));
            }
        }
    }

    private record Shown(NetworkSnapshot weights, TrainingSnapshot training, int nextImage, long cpuNanos) {
    }

    /** Worker thread: the run's weights and activations at the step. */
    private Shown replay(Request req) {
        long cpu0 = CPU.getCurrentThreadCpuTime();
        if (req.train() != replayData) {
            replays.clear();
            replayData = req.train();
        }
        SessionRun run = req.moment().run();
        RunReplay replay = replays.get(run);
        if (replay == null) {
            replay = new RunReplay(run.history(), req.train());
            replays.put(run, replay);
        }
        long step = Math.min(Math.max(req.moment().step(), run.history().startStep()), run.history().endStep());
        Network net = replay.seek(step);
        NetworkSnapshot weights = new NetworkSnapshot(VERSIONS.incrementAndGet(), net);
        Trainer t = replay.trainer();
        int img = t.lastImage();
        ImageActivations act = null;
        if (img >= 0) {
            if (scratch == null || scratch.numFilters != net.numFilters) {
                scratch = net.copy();
            } else {
                scratch.copyWeightsFrom(net);
            }
            scratch.pool.setFirstMaxOnly(net.pool.firstMaxOnly());
            Dataset set = t.trainingSet();
            act = ImageActivations.of(scratch, set.pixels(), set.offset(img), set.label(img));
        }
        TrainingSnapshot ts = new TrainingSnapshot(weights, t.epoch(), run.history().config().epochs(), t.stepInEpoch(),
                t.stepsPerEpoch(), step, t.totalSteps(), step, t.lastLoss(), 0, img, act);
        int next = -1;
        if (step < run.history().endStep()) {
            replay.seek(step + 1);  // one step on: the replay moves forward from here next time anyway
            next = replay.trainer().lastImage();
        }
        return new Shown(weights, ts, next, CPU.getCurrentThreadCpuTime() - cpu0);
    }

    private void apply(Request req, Shown s) {
        Moment now = moment.get();
        if (now == null || now.live()) {
            return;  // went back to live meanwhile
        }
        long cpu0 = CPU.getCurrentThreadCpuTime();
        problem.set("");
        // one frame: these weights, that step's snapshot and the moment, together
        model.pin(s.weights(), s.training(), new Moment(now.run(), s.training().globalStep(), false));
        if (s.nextImage() >= 0) {
            onNextImage.accept(s.nextImage());
        }
        if (latencyListener != null) {
            latencyListener.accept(new Timing((System.nanoTime() - req.requestedAt()) / 1e6, s.cpuNanos() / 1e6,
                    (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6));
        }
    }

    /** The weights of a run at a step, replayed now on the calling thread (for Resume and the comparison). */
    static Network weightsAt(SessionRun run, Dataset train, long step) {
        return new RunReplay(run.history(), train).seek(step).copy();
    }
}
