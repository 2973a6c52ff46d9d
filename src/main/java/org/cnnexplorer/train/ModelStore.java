package org.cnnexplorer.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.cnnexplorer.nn.Network;

/**
 * Owns the one live network. Only the engine thread (a single background thread) touches it:
 * training, an applied backprop step, loading a model all run as jobs on {@link #executor()}.
 * Everybody else reads the newest immutable {@link NetworkSnapshot}, which jobs publish.
 */
public final class ModelStore implements AutoCloseable {
    private final ExecutorService engine;
    private final AtomicReference<NetworkSnapshot> latest = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private volatile Thread engineThread;
    private Network network;

    public ModelStore(Network initial) {
        this.engine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "engine");
            t.setDaemon(true);
            // Training is background work: where the JVM maps priorities to the OS (Windows, macOS,
            // and Linux with -XX:ThreadPriorityPolicy=1, which the app image sets) the window's
            // thread wins a shared core. The test threads it starts inherit this.
            t.setPriority(Thread.MIN_PRIORITY);
            engineThread = t;
            return t;
        });
        this.network = initial;
        latest.set(new NetworkSnapshot(versions.incrementAndGet(), initial));
    }

    /** The single engine thread; a javafx.concurrent.Service may run its tasks here. */
    public ExecutorService executor() {
        return engine;
    }

    public NetworkSnapshot latest() {
        return latest.get();
    }

    /**
     * The live network, for code already running on the engine thread (a training task).
     *
     * @throws IllegalStateException on any other thread
     */
    public Network network() {
        if (Thread.currentThread() != engineThread) {
            throw new IllegalStateException("the live network is only touched on the engine thread");
        }
        return network;
    }

    /** Copies the live network into a new snapshot; call on the engine thread. */
    public NetworkSnapshot publish() {
        NetworkSnapshot s = new NetworkSnapshot(versions.incrementAndGet(), network());
        latest.set(s);
        return s;
    }

    /** Runs a job on the live network on the engine thread, then publishes a snapshot. */
    public <T> CompletableFuture<T> submit(Function<Network, T> job) {
        return CompletableFuture.supplyAsync(() -> {
            T result = job.apply(network);
            publish();
            return result;
        }, engine);
    }

    /** Replaces the live network (a loaded model, a reset) once queued jobs are done. */
    public CompletableFuture<NetworkSnapshot> replace(Network next) {
        return CompletableFuture.supplyAsync(() -> {
            network = next;
            return publish();
        }, engine);
    }

    @Override
    public void close() {
        engine.shutdownNow();
    }
}
