package org.cnnexplorer.app;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts Export view as PNG, the theme, zoom and reduced motion into the View menu, Help > Reset preferences, and
 * restores and saves the window's size and position, last tab, theme, zoom and reduced motion ({@link AppPreferences}).
 * Other parts that remember something use {@link #preferences()} and join the reset with {@link #onReset}.
 */
public final class WindowSettings {
    private final AppPreferences prefs;
    private final Stage stage;
    private final Scene scene;
    private final MainWindow window;
    private final Zoom zoom;
    private final ViewExport export;
    private final AppModel model;
    private final java.util.List<Runnable> resets = new java.util.ArrayList<>();

    private WindowSettings(Stage stage, Scene scene, MainWindow window, Zoom zoom, AppModel model) {
        this.prefs = AppPreferences.open();
        this.stage = stage;
        this.scene = scene;
        this.window = window;
        this.zoom = zoom;
        this.export = new ViewExport(window, model);
        this.model = model;
    }

    /** Call before the stage is shown; restores what was saved. */
    public static WindowSettings install(Stage stage, Scene scene, MainWindow window, Zoom zoom, AppModel model) {
        WindowSettings s = new WindowSettings(stage, scene, window, zoom, model);
        s.addMenus();
        s.restore();
        s.watch();
        return s;
    }

    private void addMenus() {
        window.viewMenu().getItems().add(new SeparatorMenuItem());
        window.viewMenu().getItems().addAll(export.menuItems());
        window.viewMenu().getItems().add(new SeparatorMenuItem());
        window.viewMenu().getItems().add(Themes.menu(t -> {
            Themes.apply(scene, t);
            if (prefs != null) {
                prefs.saveTheme(t);
            }
        }));
        window.viewMenu().getItems().addAll(zoom.menuItems());
        window.viewMenu().getItems().add(Motion.menuItem());
        model.onDispose(Motion.follow(scene));
        // Ctrl++ (Ctrl+Shift+= on many keyboards) and the keypad's + and - zoom too.
        scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+ADD"), zoom::in);
        scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+EQUALS"), zoom::in);
        scene.getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+SUBTRACT"), zoom::out);

        MenuItem reset = new MenuItem("_Reset preferences");
        reset.setId("reset-preferences");
        reset.setOnAction(e -> confirmReset());
        window.helpMenu().getItems().add(reset);
    }

    private void restore() {
        if (prefs == null) {
            Themes.apply(scene, Themes.Theme.STANDARD);
            return;
        }
        Themes.apply(scene, prefs.theme());
        Motion.reducedProperty().set(prefs.reducedMotion());
        zoom.set(prefs.zoom());
        double[] b = prefs.windowBounds();
        if (b != null && onSomeScreen(b)) {
            stage.setX(b[0]);
            stage.setY(b[1]);
            stage.setWidth(b[2]);
            stage.setHeight(b[3]);
        }
        stage.setMaximized(prefs.maximized());
        String tab = prefs.lastTab();
        if (tab != null) {
            window.select(tab);
        }
    }

    /** A saved position on a screen that is no longer there would put the window out of sight. */
    private static boolean onSomeScreen(double[] b) {
        return !Screen.getScreensForRectangle(new Rectangle2D(b[0], b[1], b[2], b[3])).isEmpty();
    }

    private void watch() {
        if (prefs == null) {
            return;
        }
        zoom.factorProperty().addListener((o, was, now) -> prefs.saveZoom(now.doubleValue()));
        javafx.beans.value.ChangeListener<Boolean> motion = (o, was, now) -> prefs.saveReducedMotion(now);
        Motion.reducedProperty().addListener(motion);
        model.onDispose(() -> Motion.reducedProperty().removeListener(motion));
        window.tabs().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                prefs.saveLastTab(now.getId());
            }
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> save());
    }

    /** Saves the window's size, position and tab (also done when it closes). */
    public void save() {
        if (prefs == null) {
            return;
        }
        prefs.saveMaximized(stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.saveWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        Tab t = window.tabs().getSelectionModel().getSelectedItem();
        if (t != null) {
            prefs.saveLastTab(t.getId());
        }
        prefs.flush();
    }

    /** Help > Reset preferences: it cannot be undone and empties Open Recent, so it asks first and then says what it did. */
    private void confirmReset() {
        ButtonType reset = Dialogs.button("Reset", false);
        ButtonType cancel = Dialogs.button("Cancel", true);
        Dialogs.ask(stage, "confirm-reset-preferences", "Reset all preferences?",
                "The theme, zoom, reduced motion, training settings and speed go back to their defaults, and the window's "
                        + "size and position, the last tab and the recent files (File > Open Recent) are forgotten. "
                        + "This cannot be undone.",
                answer -> {
                    if (answer == reset) {
                        resetPreferences();
                        model.statusProperty().set("Preferences reset: theme, zoom, motion, training settings and speed "
                                + "are the defaults; window layout, last tab and recent files forgotten");
                    }
                }, reset, cancel);
    }

    /** Back to the defaults now, and nothing remembered until something changes again. */
    public void resetPreferences() {
        Themes.apply(scene, Themes.Theme.STANDARD);
        zoom.factorProperty().set(1);
        Motion.reducedProperty().set(false);
        for (Runnable r : resets) {
            r.run();
        }
        if (prefs != null) {
            prefs.reset();
            prefs.flush();
        }
    }

    /** The preferences, or null when remembering is off (tests). */
    public AppPreferences preferences() {
        return prefs;
    }

    /** {@code r} puts its part back to the defaults at Help > Reset preferences (before the store is cleared). */
    public void onReset(Runnable r) {
        resets.add(r);
    }

    public Zoom zoom() {
        return zoom;
    }

    public ViewExport export() {
        return export;
    }
}
