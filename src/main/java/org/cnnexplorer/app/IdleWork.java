package org.cnnexplorer.app;

import java.util.ArrayDeque;
import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * Work the window does after its first frame (building the hidden tabs, drawing them once), one
 * task at a time: each 150 ms after the frame that styled and laid out what the last one changed,
 * so the window keeps drawing and answering between them. (Timelines with fixed times caught up
 * after a long frame by running several tasks in one frame: half a second frozen.)
 */
final class IdleWork {
    private final Scene scene;
    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PauseTransition gap = new PauseTransition(Duration.millis(150));
    private final Runnable afterLayout = new Runnable() {
        @Override
        public void run() {
            scene.removePostLayoutPulseListener(this);
            gap.playFromStart();
        }
    };
    private final java.util.function.BooleanSupplier busy;
    private boolean running;

    /** {@code busy}: while true, tasks queued with {@link #add} wait (those from {@link #addFirst} do not). */
    IdleWork(Scene scene, java.util.function.BooleanSupplier busy) {
        this.scene = scene;
        this.busy = busy;
        gap.setOnFinished(e -> next());
    }

    /** Queues a task that waits while the window is busy (FX thread). */
    void add(Runnable task) {
        tasks.addLast(task);
        start();
    }

    /** Queues a task before the others, to run even while the window is busy (FX thread). */
    void addFirst(Runnable task) {
        urgent.addLast(task);
        start();
    }

    private void start() {
        if (!running) {
            running = true;
            gap.playFromStart();
        }
    }

    private void next() {
        Runnable task = urgent.poll();
        if (task == null && !tasks.isEmpty() && busy.getAsBoolean()) {
            gap.playFromStart();  // ask again later
            return;
        }
        if (task == null) {
            task = tasks.poll();
        }
        if (task == null) {
            running = false;
            return;
        }
        task.run();
        scene.addPostLayoutPulseListener(afterLayout);
    }
}
