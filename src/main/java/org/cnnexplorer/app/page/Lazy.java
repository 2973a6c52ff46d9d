package org.cnnexplorer.app.page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Something of the window built the first time it is asked for: a tab's view (its tab is shown,
 * the window is idle, a lesson points at it) or what one needs (the lesson chapters), so the
 * window's first frame waits only for the tab it shows. Wiring that needs it goes in
 * {@link #whenBuilt}.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private final List<Consumer<? super T>> hooks = new ArrayList<>();
    private volatile T value;
    private boolean building;

    public Lazy(Supplier<T> make) {
        this.make = make;
    }

    /** The view, built now (on the window's thread, whoever asks) if it was not yet. */
    @Override
    public T get() {
        if (value == null && !Platform.isFxApplicationThread()) {
            FutureTask<T> onFx = new FutureTask<>(this::get);
            try {
                Platform.runLater(onFx);
            } catch (IllegalStateException noToolkit) {
                onFx.run();
            }
            try {
                return onFx.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a view was built", e);
            }
        }
        if (value == null) {
            if (building) {
                throw new IllegalStateException("a view asked for itself while being built");
            }
            building = true;
            try {
                value = make.get();
            } finally {
                building = false;
            }
            for (Consumer<? super T> h : List.copyOf(hooks)) {
                h.accept(value);
            }
            hooks.clear();
        }
        return value;
    }

    public boolean built() {
        return value != null;
    }

    /** Runs {@code action} on the view if it is built; does not build it. */
    public void ifBuilt(Consumer<? super T> action) {
        if (value != null) {
            action.accept(value);
        }
    }

    /** Runs {@code hook} on the view once it is built (now, if it is). */
    public void whenBuilt(Consumer<? super T> hook) {
        if (value != null) {
            hook.accept(value);
        } else {
            hooks.add(hook);
        }
    }
}
