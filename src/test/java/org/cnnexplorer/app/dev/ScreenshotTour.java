package org.cnnexplorer.app.dev;

import java.io.File;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;

/**
 * A developer tool, not a test: opens the real window, trains part of the article's run, then
 * shows each tab and saves a snapshot of the window as PNG. Run it under a display (e.g. Xvfb):
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.ScreenshotTour OUT_DIR [STEPS [FILTERS]]}.
 */
public final class ScreenshotTour {
    static File outDir;
    static long steps;
    static int filters;

    private ScreenshotTour() {
    }

    public static void main(String[] args) {
        outDir = new File(args.length > 0 ? args[0] : "screenshots");
        steps = args.length > 1 ? Long.parseLong(args[1]) : 2200;
        filters = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        outDir.mkdirs();
        Application.launch(TourApp.class, args);
    }

    public static class TourApp extends ExplorerApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
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
                c.paceProperty().set(1500);
                c.configProperty().set(c.configProperty().get().withFilters(filters));
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
        DevFx.waitFor(cond, 120);
    }

    private static <T> T fx(Supplier<T> s) {
        return DevFx.fx(s);
    }
}
