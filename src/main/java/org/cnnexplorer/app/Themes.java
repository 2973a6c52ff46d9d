package org.cnnexplorer.app;

import java.util.function.Consumer;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.paint.Color;

/**
 * The window's themes: JavaFX's own (Standard), AtlantaFX's Primer light and dark, and a high
 * contrast one (Primer dark with white text, yellow accents and stronger borders, for a projector).
 * Each adds a small stylesheet of the app's own that keeps its hints, charts and cards readable.
 */
public final class Themes {
    public enum Theme {
        STANDARD("Standard", null),
        LIGHT("Light", "theme-light.css"),
        DARK("Dark", "theme-dark.css"),
        HIGH_CONTRAST("High contrast", "theme-high-contrast.css");

        final String title;
        final String sheet;

        Theme(String title, String sheet) {
            this.title = title;
            this.sheet = sheet;
        }

        public boolean dark() {
            return this == DARK || this == HIGH_CONTRAST;
        }
    }

    private static final ObjectProperty<Theme> CURRENT = new SimpleObjectProperty<>(Theme.STANDARD);

    private Themes() {
    }

    /** The theme in use; canvases that draw text read it through {@link #ink()}. */
    public static ObjectProperty<Theme> currentProperty() {
        return CURRENT;
    }

    /** The colour for text and lines drawn on a canvas over the window's background. */
    public static Color ink() {
        return CURRENT.get().dark() ? Color.WHITE : Color.BLACK;
    }

    public static void apply(Scene scene, Theme t) {
        // AtlantaFX 2.1's classes are compiled for Java 21; its stylesheets are all the app needs,
        // so they are taken from its jar by name and its classes never load on Java 17.
        Application.setUserAgentStylesheet(switch (t) {
            case STANDARD -> null;
            case LIGHT -> atlantafx("primer-light.css");
            case DARK, HIGH_CONTRAST -> atlantafx("primer-dark.css");
        });
        for (Theme other : Theme.values()) {
            if (other.sheet != null) {
                scene.getStylesheets().remove(url(other.sheet));
            }
        }
        if (t.sheet != null) {
            scene.getStylesheets().add(url(t.sheet));
        }
        CURRENT.set(t);
    }

    /** View > Theme: one radio item per theme; {@code chosen} applies and remembers the choice. */
    public static Menu menu(Consumer<Theme> chosen) {
        Menu menu = new Menu("T_heme");
        menu.setId("theme-menu");
        ToggleGroup group = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.title);
            item.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            item.setToggleGroup(group);
            item.setSelected(t == CURRENT.get());
            item.setOnAction(e -> chosen.accept(t));
            CURRENT.addListener((o, was, now) -> item.setSelected(now == t));
            menu.getItems().add(item);
        }
        return menu;
    }

    private static String atlantafx(String sheet) {
        return Themes.class.getResource("/atlantafx/base/theme/" + sheet).toExternalForm();
    }

    private static String url(String sheet) {
        return Themes.class.getResource(sheet).toExternalForm();
    }
}
