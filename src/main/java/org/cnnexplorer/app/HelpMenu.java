package org.cnnexplorer.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;

/** Help: the keyboard shortcuts, where the article is, and an About box. */
public final class HelpMenu {
    public static final String ARTICLE = "Victor Zhou, \"CNNs, Part 2: Training a Convolutional Neural Network\" (2019), "
            + "https://victorzhou.com/blog/intro-to-cnns-part-2/ ; its code: https://github.com/vzhou842/cnn-from-scratch";

    static final String SHORTCUTS = String.join("\n",
            "Training",
            "  F5  Start, or resume a paused run",
            "  F6  Pause / resume",
            "  F7  Step: train on one image, then pause",
            "  F8  Stop (the weights stay)",
            "  F9  Evaluate on the test set",
            "  Ctrl+R  Reset: new weights from the seed",
            "",
            "Files",
            "  Ctrl+O  Open a dataset folder",
            "  Ctrl+Shift+O  Open a model (.npz)",
            "  Ctrl+S  Save the model (.npz)",
            "  Ctrl+Q  Quit (asks first if trained weights were not saved)",
            "",
            "Views",
            "  F1  Lessons: show the guided course beside the views (Space or → next page, ← back)",
            "  Shift+F1  This list",
            "  Ctrl+1 … Ctrl+9  Go to a tab",
            "  Ctrl+= / Ctrl+- / Ctrl+0  Zoom in, out, actual size",
            "  Ctrl+E / Ctrl+Shift+E  Export the view as PNG (1×, 2×)",
            "  Timeline: Alt+← / Alt+→ one step, Alt+Shift+← / Alt+Shift+→ 100 steps, Alt+P play or pause, Alt+L follow live",
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
        keys.setOnAction(e -> Dialogs.info(owner.get(), "shortcuts-dialog", "Keyboard shortcuts", SHORTCUTS));
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
