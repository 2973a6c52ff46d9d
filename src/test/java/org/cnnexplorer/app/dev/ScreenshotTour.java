package org.cnnexplorer.app.dev;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.train.RunControl;

/**
 * A developer tool, not a test: opens the real window, trains part of the article's run, then
 * shows each tab and saves a snapshot of the window as PNG. Run it under a display (e.g. Xvfb):
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.ScreenshotTour OUT_DIR [steps]}.
 */
public final class ScreenshotTour {
    static File outDir;
    static long steps;

    private ScreenshotTour() {
    }

    public static void main(String[] args) {
        outDir = new File(args.length > 0 ? args[0] : "screenshots");
        steps = args.length > 1 ? Long.parseLong(args[1]) : 2200;
        outDir.mkdirs();
        Application.launch(TourApp.class, args);
    }

    public static class TourApp extends ExplorerApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            stage.setWidth(1400);
            stage.setHeight(900);
            Thread t = new Thread(() -> tour(this), "tour");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void tour(ExplorerApp app) {
        try {
            waitFor(() -> app.model().data() != null);
            TrainingController c = app.training().controller();
            fx(() -> {
                c.paceProperty().set(RunControl.FULL_SPEED);
                c.start();
                return null;
            });
            waitFor(() -> fx(() -> c.imagesSeen()) >= steps);
            fx(() -> {
                c.pause();
                return null;
            });
            Thread.sleep(800);
            for (String[] tab : app.training().screenshotTabs()) {
                fx(() -> {
                    app.window().select(tab[0]);
                    return null;
                });
                Thread.sleep(900);
                WritableImage img = fx(() -> app.window().root().getScene().snapshot(null));
                File f = new File(outDir, tab[1] + ".png");
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
                System.out.println("saved " + f);
            }
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    private static void waitFor(Supplier<Boolean> cond) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!cond.get()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T fx(Supplier<T> s) {
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
}
