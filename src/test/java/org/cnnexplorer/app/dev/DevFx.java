package org.cnnexplorer.app.dev;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;

/** What the developer tools share: run on the FX thread and wait for the answer; wait for a condition. */
final class DevFx {
    private DevFx() {
    }

    /** {@code s} on the FX thread; the calling thread waits for its result. */
    static <T> T fx(Supplier<T> s) {
        AtomicReference<T> r = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.set(s.get());
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return r.get();
    }

    /** Polls {@code cond} (from this thread) until it holds, or fails after {@code seconds}. */
    static void waitFor(Supplier<Boolean> cond, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!cond.get()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
