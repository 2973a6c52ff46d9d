package org.cnnexplorer.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * File > Open Recent: the recent files grouped by kind (a heading per kind), newest first, and
 * Clear recent. Choosing one hands it to the same open action as File > Open… of its kind, so a
 * file that is gone gets that action's message (and leaves the list).
 */
public final class RecentMenu {
    private final Menu menu = new Menu("Open _Recent");
    private final RecentFiles recent;
    private final Map<RecentFiles.Kind, Consumer<Path>> openers;

    private RecentMenu(RecentFiles recent, Map<RecentFiles.Kind, Consumer<Path>> openers) {
        this.recent = recent;
        this.openers = openers;
        menu.setId("open-recent");
        for (RecentFiles.Kind k : RecentFiles.Kind.values()) {
            recent.list(k).addListener((ListChangeListener<Path>) c -> rebuild());
        }
        rebuild();
    }

    /**
     * Adds the menu to File after the Open… items (before the first separator); kinds without an
     * opener (a feature that is not installed) are not listed.
     */
    public static RecentMenu install(MainWindow w, RecentFiles recent, Map<RecentFiles.Kind, Consumer<Path>> openers, WindowSettings settings) {
        RecentMenu m = new RecentMenu(recent, openers);
        var items = w.fileMenu().getItems();
        int at = items.size();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof SeparatorMenuItem) {
                at = i;
                break;
            }
        }
        items.add(at, m.menu);
        if (settings != null) {
            settings.onReset(recent::clear);
        }
        return m;
    }

    private void rebuild() {
        menu.getItems().clear();
        for (RecentFiles.Kind k : RecentFiles.Kind.values()) {
            Consumer<Path> open = openers.get(k);
            if (open == null || recent.list(k).isEmpty()) {
                continue;
            }
            if (!menu.getItems().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            MenuItem heading = new MenuItem(k.title);
            heading.setDisable(true);
            heading.getStyleClass().add("menu-heading");
            menu.getItems().add(heading);
            for (Path p : recent.list(k)) {
                MenuItem item = new MenuItem(label(p));
                item.setMnemonicParsing(false);
                item.setUserData(p);
                item.getStyleClass().add("recent-" + k.name().toLowerCase(java.util.Locale.ROOT));
                item.setOnAction(e -> open.accept(p));
                menu.getItems().add(item);
            }
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No recent files");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        MenuItem clear = new MenuItem("_Clear recent");
        clear.setId("clear-recent");
        clear.setDisable(recent.isEmpty());
        clear.setOnAction(e -> recent.clear());
        menu.getItems().addAll(new SeparatorMenuItem(), clear);
    }

    /** "model.npz  (/home/ann/models)": the name first, the folder to tell two apart. */
    static String label(Path p) {
        Path name = p.getFileName();
        Path dir = p.getParent();
        return (name == null ? p.toString() : name.toString()) + (dir == null ? "" : "  (" + dir + ")");
    }

    public Menu menu() {
        return menu;
    }

    /** The entries of one kind, newest first, as items (for tests). */
    public java.util.List<MenuItem> items(RecentFiles.Kind k) {
        String style = "recent-" + k.name().toLowerCase(java.util.Locale.ROOT);
        return menu.getItems().stream().filter(i -> i.getStyleClass().contains(style)).toList();
    }
}
