package org.cnnexplorer.app.dev;

import java.io.File;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.Themes;
import org.cnnexplorer.app.TrainingController;

/**
 * A developer tool, not a test: opens the real window, trains a little, then saves a PNG of every
 * tab in one theme at one zoom, to look at. Run under a display (Xvfb will do):
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.ThemeTour OUT_DIR THEME ZOOM}, THEME
 * one of STANDARD, LIGHT, DARK, HIGH_CONTRAST. Preferences are left alone.
 */
public final class ThemeTour {
    static File outDir;
    static Themes.Theme theme;
    static double zoom;

    private ThemeTour() {
    }

    public static void main(String[] args) {
        System.setProperty("cnnexplorer.preferences", "off");
        outDir = new File(args[0]);
        theme = Themes.Theme.valueOf(args[1]);
        zoom = Double.parseDouble(args[2]);
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
                Themes.apply(app.window().root().getScene(), theme);
                app.settings().zoom().set(zoom);
                c.paceProperty().set(1500);
                c.start();
                return null;
            });
            waitFor(() -> fx(() -> c.imagesSeen()) >= 1500);
            fx(() -> {
                c.pause();
                return null;
            });
            Thread.sleep(800);
            for (Tab tab : fx(() -> app.window().tabs().getTabs())) {
                fx(() -> {
                    app.window().tabs().getSelectionModel().select(tab);
                    return null;
                });
                Thread.sleep(1200);
                WritableImage img = fx(() -> app.window().root().getScene().snapshot(null));
                String name = theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + zoom + "-" + tab.getId() + ".png";
                File f = new File(outDir, name);
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
        DevFx.waitFor(cond, 300);
    }

    private static <T> T fx(Supplier<T> s) {
        return DevFx.fx(s);
    }
}
