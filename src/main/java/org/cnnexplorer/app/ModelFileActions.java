package org.cnnexplorer.app;

import java.nio.file.Path;
import javafx.concurrent.Task;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.cnnexplorer.io.AtomicFile;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * File menu: Open model… and Save model… as NumPy .npz (the article's array layout, so weights
 * exported from its numpy code open here). Reading and writing happen off the FX thread; a file
 * that cannot be used gives a dialog saying why and leaves the current model as it was.
 */
public final class ModelFileActions {
    private final AppModel model;
    private final Window owner;
    private final Runnable stopTraining;

    /** @param stopTraining ends a training run before a loaded model replaces the live one */
    public ModelFileActions(AppModel model, Window owner, Runnable stopTraining) {
        this.model = model;
        this.owner = owner;
        this.stopTraining = stopTraining;
    }

    public MenuItem openItem() {
        MenuItem open = new MenuItem("Open _model…");
        open.setId("menu-open-model");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
        open.setOnAction(e -> {
            Path p = model.choosers().chooseOpenFile(owner, "Open a model (.npz)", "NumPy model (*.npz)", "npz");
            if (p != null) {
                open(p);
            }
        });
        return open;
    }

    public MenuItem saveItem() {
        MenuItem save = new MenuItem("_Save model…");
        save.setId("menu-save-model");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> {
            Path p = model.choosers().chooseSaveFile(owner, "Save the model (.npz)", "model.npz", "NumPy model (*.npz)", "npz");
            if (p != null) {
                saveChosen(p, null);
            }
        });
        return save;
    }

    /**
     * Saves to the name the file chooser gave, with ".npz" added if missing (see {@link SavePaths}).
     *
     * @param then runs on the FX thread after a successful save (may be null)
     */
    public void saveChosen(Path chosen, Runnable then) {
        SavePaths.resolve(owner, chosen, "npz", p -> save(p, then));
    }

    /** File › Open bundled model: the models packed into the application, each with its test accuracy. */
    public javafx.scene.control.Menu bundledMenu() {
        javafx.scene.control.Menu menu = new javafx.scene.control.Menu("Open _bundled model");
        menu.setId("menu-bundled-models");
        for (org.cnnexplorer.io.BundledModels.Entry m : org.cnnexplorer.io.BundledModels.ALL) {
            MenuItem item = new MenuItem(String.format(java.util.Locale.ROOT, "%s: %.1f%%", m.title(), 100 * m.testAccuracy()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(m.fileName(), () -> org.cnnexplorer.io.BundledModels.load(m), null));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Loads a model file in the background and makes it the live model; on failure, a dialog. */
    public Task<Network> open(Path file) {
        return open(String.valueOf(file.getFileName()), () -> NpzModel.load(file), file);
    }

    /**
     * Loads a model in the background and makes it the live model; on failure, a dialog naming
     * {@code name}. A {@code file} (null for a bundled model) goes to, or leaves, Open Recent.
     */
    private Task<Network> open(String name, java.util.concurrent.Callable<Network> loader, Path file) {
        Task<Network> load = new Task<>() {
            @Override
            protected Network call() throws Exception {
                return loader.call();
            }
        };
        load.setOnSucceeded(e -> {
            Network net = load.getValue();
            model.statusProperty().set("Opening " + name + "…");
            // A run trains the live network in one long engine job: end it, then swap (queued behind it).
            stopTraining.run();
            model.store().replace(net).whenComplete((snapshot, err) -> javafx.application.Platform.runLater(() -> {
                if (err != null) {
                    Dialogs.error(owner, "Could not use the model " + name, err.getMessage());
                    return;
                }
                model.refreshSnapshot();
                model.markClean(snapshot);
                if (file != null) {
                    model.recentFiles().opened(RecentFiles.Kind.MODEL, file);
                }
                model.modelNameProperty().set(name);
                model.statusProperty().set("Opened " + name + ": " + (net.arch.isArticleShape() ? Words.filters(net.numFilters) : net.arch.describe()));
            }));
        });
        load.setOnFailed(e -> {
            Throwable t = load.getException();
            if (file != null) {
                model.recentFiles().failed(RecentFiles.Kind.MODEL, file);
            }
            model.statusProperty().set("Could not open " + name + "; the current model is unchanged");
            Dialogs.error(owner, "Could not open the model " + name,
                    t.getMessage() + "\n\nThe current model is unchanged.");
        });
        start(load, "open-model");
        return load;
    }

    /** Writes the current model (the newest snapshot) atomically in the background. */
    public Task<Void> save(Path file) {
        return save(file, null);
    }

    private Task<Void> save(Path file, Runnable then) {
        NetworkSnapshot s = model.store().latest();
        Task<Void> write = new Task<>() {
            @Override
            protected Void call() throws Exception {
                String why = AtomicFile.whyNotWritable(file);
                if (why != null) {
                    throw new java.io.IOException(why);
                }
                NpzModel.save(s.toNetwork(), file);
                return null;
            }
        };
        write.setOnSucceeded(e -> {
            model.markClean(s);
            model.statusProperty().set("Saved the model to " + file.getFileName());
            if (then != null) {
                then.run();
            }
        });
        write.setOnFailed(e -> Dialogs.error(owner, "Could not save the model", String.valueOf(write.getException().getMessage())));
        start(write, "save-model");
        return write;
    }

    private void start(Task<?> task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
