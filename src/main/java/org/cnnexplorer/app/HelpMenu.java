package org.cnnexplorer.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/** Help: the keyboard shortcuts, where the article is, and an About box. */
public final class HelpMenu {
    public static final String ARTICLE = "Victor Zhou, \"CNNs, Part 2: Training a Convolutional Neural Network\" (2019), "
            + "https://victorzhou.com/blog/intro-to-cnns-part-2/ ; its code: https://github.com/vzhou842/cnn-from-scratch";

    /** Keys that are no menu item's accelerator: they work within a view, or are a second key for one. */
    static final String VIEW_KEYS = String.join("\n",
            "Within the views",
            "  Lessons (F1): Space or → next page, ← back",
            "  Zoom: Ctrl++ and the keypad's + and - work too",
            "  Draw: Ctrl+Z undo a stroke, Delete or Esc clear",
            "  Backprop step: → or Page Down next stage, ← or Page Up back",
            "",
            "On macOS, Cmd stands for Ctrl.");

    private HelpMenu() {
    }

    /** Fills {@code help} with its items; {@code owner} gives the dialogs their parent window. */
    public static void fill(Menu help, java.util.function.Supplier<Window> owner) {
        MenuItem keys = new MenuItem("_Keyboard shortcuts");
        keys.setId("menu-shortcuts");
        // F1 belongs to the lessons panel
        keys.setAccelerator(KeyCombination.keyCombination("Shift+F1"));
        keys.setOnAction(e -> Dialogs.info(owner.get(), "shortcuts-dialog", "Keyboard shortcuts", shortcuts(owner.get())));
        MenuItem article = new MenuItem("The _article");
        article.setId("menu-article");
        article.setOnAction(e -> Dialogs.info(owner.get(), "article-dialog", "The article this app follows",
                ARTICLE + "\n\nThe app trains the same network in the same way (3×3 convolution, 2×2 max pooling, softmax, "
                        + "SGD one image at a time); its Backprop step tab walks through the article's equations with real numbers."));
        MenuItem about = new MenuItem("_About cnn-explorer");
        about.setId("menu-about");
        about.setOnAction(e -> Dialogs.info(owner.get(), "about-dialog", "cnn-explorer " + version(), aboutText()));
        help.getItems().addAll(keys, article, new javafx.scene.control.SeparatorMenuItem(), about);
    }

    /**
     * The shortcuts list: read from the accelerators on the window's menus when it opens, so a
     * shortcut added to a menu is listed without anyone remembering to, then {@link #VIEW_KEYS}.
     */
    static String shortcuts(Window w) {
        StringBuilder b = new StringBuilder();
        Node bar = w == null || w.getScene() == null ? null : w.getScene().getRoot().lookup(".menu-bar");
        if (bar instanceof MenuBar menus) {
            for (Menu m : menus.getMenus()) {
                List<String> lines = new ArrayList<>();
                collect(m.getItems(), lines);
                if (!lines.isEmpty()) {
                    b.append(label(m)).append('\n');
                    lines.forEach(l -> b.append("  ").append(l).append('\n'));
                    b.append('\n');
                }
            }
        }
        return b + VIEW_KEYS;
    }

    private static void collect(List<MenuItem> items, List<String> lines) {
        // View's tab items (MainWindow marks them) share one line where the first one is
        List<String> tabs = new ArrayList<>();
        int tabsAt = -1;
        for (MenuItem i : items) {
            if (i instanceof Menu sub) {
                collect(sub.getItems(), lines);
            } else if (i.getAccelerator() == null) {
                continue;
            } else if ("tab-item".equals(i.getUserData())) {
                tabsAt = tabsAt < 0 ? lines.size() : tabsAt;
                tabs.add(i.getAccelerator().getDisplayText() + " " + label(i));
            } else {
                lines.add(i.getAccelerator().getDisplayText() + "  " + label(i));
            }
        }
        if (!tabs.isEmpty()) {
            lines.add(tabsAt, "Go to a tab: " + String.join(", ", tabs));
        }
    }

    /** The text as shown: "_Save model…" reads "Save model…". */
    private static String label(MenuItem i) {
        String t = i.getText() == null ? "" : i.getText();
        return i.isMnemonicParsing() ? t.replaceAll("_(.)", "$1") : t;
    }

    static String aboutText() {
        return "See how a small convolutional neural network is trained, written from scratch in Java.\n\n"
                + "Version " + version() + ". Licence: MIT (see LICENSE).\n\n"
                + "Follows " + ARTICLE + ".\n\n"
                + "MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, used under the Creative Commons "
                + "Attribution-Share Alike 3.0 licence (CC BY-SA 3.0); a copy ships with the app.";
    }

    /** The project's version, from the build; "unknown" if the build did not record it. */
    public static String version() {
        try (InputStream in = HelpMenu.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
