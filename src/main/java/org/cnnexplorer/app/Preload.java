package org.cnnexplorer.app;

import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;

/**
 * Start-up work kept off the window's path: the bundled model is read on its own thread while
 * JavaFX starts, and the bundled data set is loaded once the window has painted.
 */
final class Preload {
    private static CompletableFuture<Network> pretrained;

    private Preload() {
    }

    /**
     * While JavaFX starts (most of that on one core), a second thread reads what the window's
     * start needs next: the remembered settings (the preferences store is parsed on first use).
     */
    static void startWarmUp() {
        Thread t = new Thread(() -> {
            AppPreferences p = AppPreferences.open();
            if (p != null) {
                p.windowBounds();
            }
        }, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Starts reading the bundled model (before the toolkit starts). */
    static synchronized void startPretrained() {
        if (pretrained == null) {
            pretrained = CompletableFuture.supplyAsync(Preload::readPretrained, r -> {
                Thread t = new Thread(r, "load-model");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** The bundled model, or null (with a warning on stderr) if it cannot be read. */
    static synchronized Network pretrained() {
        startPretrained();
        CompletableFuture<Network> f = pretrained;
        pretrained = null; // a second window (tests) reads a fresh copy
        return f.join();
    }

    private static Network readPretrained() {
        try {
            return PretrainedModel.load();
        } catch (ModelFileException e) {
            System.err.println("warning: " + e.getMessage() + "; starting with a new model");
            return null;
        }
    }

    /** Runs {@code r} on the FX thread after the next two frames, i.e. once the window shows. */
    static void afterFirstFrame(Runnable r) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 2) {
                    stop();
                    r.run();
                }
            }
        }.start();
    }
}
