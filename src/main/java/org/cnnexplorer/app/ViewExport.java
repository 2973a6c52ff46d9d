package org.cnnexplorer.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCombination;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/** View > Export view as PNG…, at 1× or 2× (for slides): the selected tab's view as an image. */
public final class ViewExport {
    private final MainWindow window;
    private final AppModel model;

    public ViewExport(MainWindow window, AppModel model) {
        this.window = window;
        this.model = model;
    }

    public List<MenuItem> menuItems() {
        MenuItem one = new MenuItem("_Export view as PNG…");
        one.setId("export-view");
        one.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        one.setOnAction(e -> export(1));
        MenuItem two = new MenuItem("Export view as PNG at _2×…");
        two.setId("export-view-2x");
        two.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+E"));
        two.setOnAction(e -> export(2));
        return List.of(one, two);
    }

    /** The selected view drawn at {@code scale} times its size on screen (the zoom left out). */
    public WritableImage snapshot(double scale) {
        Node view = window.tabs().getSelectionModel().getSelectedItem().getContent();
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        return view.snapshot(p, null);
    }

    /** Asks for a file and writes the selected view to it; false if cancelled or failed. */
    public boolean export(double scale) {
        Tab tab = window.tabs().getSelectionModel().getSelectedItem();
        if (tab == null || tab.getContent() == null) {
            return false;
        }
        String name = (tab.getId() == null ? "view" : tab.getId().replaceFirst("^tab-", "")) + (scale == 1 ? "" : "@2x") + ".png";
        javafx.stage.Window owner = window.root().getScene().getWindow();
        Path p = model.choosers().chooseSaveFile(owner, "Export the view as PNG", name, "PNG images", "png");
        if (p == null) {
            return false;
        }
        WritableImage img = snapshot(scale);
        try {
            org.cnnexplorer.io.AtomicFile.write(p, out -> {
                if (!ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out)) {
                    throw new IOException("no PNG writer available");
                }
            });
            model.statusProperty().set("Saved the " + tab.getText() + " view to " + p.getFileName());
            return true;
        } catch (IOException | RuntimeException ex) {
            Dialogs.error(owner, "Could not save the view", ex.getMessage());
            return false;
        }
    }
}
