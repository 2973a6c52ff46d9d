package org.cnnexplorer.app.dev;

import java.io.File;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.Themes;

/**
 * A developer tool, not a test: opens the real window and, in each theme and at zoom 1 and 1.5,
 * saves a PNG of a few controls with the keyboard focus on them (a button, a field, a slider, the
 * Backprop step's buttons), to look at the focus rings and for cut-off labels. Run under a display:
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.FocusTour OUT_DIR}. Preferences are left alone.
 */
public final class FocusTour {
    static File outDir;

    private FocusTour() {
    }

    public static void main(String[] args) {
        System.setProperty("cnnexplorer.preferences", "off");
        outDir = new File(args[0]);
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

    private record Shot(String tab, String id) {
    }

    private static void tour(ExplorerApp app) {
        List<Shot> shots = List.of(new Shot("tab-training", "start-button"), new Shot("tab-training", "learn-rate"),
                new Shot("tab-training", "speed-slider"), new Shot("tab-training", "shuffle"),
                new Shot("tab-backprop", "backprop-next"), new Shot("tab-backprop", "backprop-stages"),
                new Shot("tab-training", "timeline-fwd1"));
        try {
            DevFx.waitFor(() -> app.model().data() != null, 300);
            for (Themes.Theme theme : Themes.Theme.values()) {
                for (double zoom : new double[] {1, 1.5}) {
                    DevFx.fx(() -> {
                        Themes.apply(app.window().root().getScene(), theme);
                        app.settings().zoom().set(zoom);
                        return null;
                    });
                    for (Shot s : shots) {
                        DevFx.fx(() -> {
                            app.window().select(s.tab());
                            return null;
                        });
                        Thread.sleep(500);
                        Node n = DevFx.fx(() -> app.window().root().getScene().lookup("#" + s.id()));
                        DevFx.fx(() -> {
                            n.requestFocus();
                            return null;
                        });
                        Thread.sleep(400);
                        WritableImage img = DevFx.fx(() -> snapshotAround(app.window().root().getScene(), n, s.id().startsWith("backprop-next") ? 1200 : 260));
                        String name = theme.name().toLowerCase(java.util.Locale.ROOT) + "-" + zoom + "-" + s.id() + ".png";
                        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(outDir, name));
                        System.out.println("saved " + name + " focused=" + DevFx.fx(n::isFocused));
                    }
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    /** The part of the window around {@code n}, {@code width} pixels wide. */
    private static WritableImage snapshotAround(Scene scene, Node n, double width) {
        WritableImage all = scene.snapshot(null);
        Bounds b = n.localToScene(n.getBoundsInLocal());
        int x = (int) Math.max(0, b.getMinX() - 20);
        int y = (int) Math.max(0, b.getMinY() - 20);
        int w = (int) Math.min(all.getWidth() - x, Math.max(width, b.getWidth() + 40));
        int h = (int) Math.min(all.getHeight() - y, b.getHeight() + 40);
        if (w <= 0 || h <= 0) {
            return new WritableImage(1, 1); // scrolled out of the window
        }
        return new WritableImage(all.getPixelReader(), x, y, w, h);
    }
}
