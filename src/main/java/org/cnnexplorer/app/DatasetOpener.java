package org.cnnexplorer.app;

import java.nio.file.Path;
import javafx.concurrent.Task;
import javafx.stage.Window;
import org.cnnexplorer.data.MnistFiles;

/**
 * File > Open dataset folder…: asks for a folder, loads its IDX files in the background and only
 * then replaces the data. A folder that is not MNIST-style IDX data gets a dialog saying what is
 * missing; so does a folder of images that are not 28x28 (the command line turns those away with
 * the same message). The data and the model stay as they were.
 */
public final class DatasetOpener {
    private final AppModel model;
    private final java.util.function.Supplier<Window> owner;
    private boolean loading;

    public DatasetOpener(AppModel model, java.util.function.Supplier<Window> owner) {
        this.model = model;
        this.owner = owner;
    }

    public void chooseAndOpen() {
        if (loading) {
            return;
        }
        Path dir = model.choosers().chooseDirectory(owner.get(), "Open a folder with MNIST-style IDX files");
        if (dir != null) {
            open(dir);
        }
    }

    /** Loads {@code dir} in the background; on success it becomes the data set. */
    public void open(Path dir) {
        loading = true;
        String before = model.statusProperty().get();
        model.statusProperty().set("Loading " + dir.getFileName() + "…");
        Task<MnistFiles.Split> load = new Task<>() {
            @Override
            protected MnistFiles.Split call() throws Exception {
                return MnistFiles.requireMnistSize(MnistFiles.load(dir));
            }
        };
        load.setOnSucceeded(e -> {
            loading = false;
            MnistFiles.Split s = load.getValue();
            model.dataProperty().set(s);
            model.recentFiles().opened(RecentFiles.Kind.DATASET, dir);
            model.statusProperty().set(String.format("%s: %,d training and %,d test images", s.source(), s.train().count(), s.test().count()));
        });
        load.setOnFailed(e -> {
            loading = false;
            Throwable ex = load.getException();
            model.recentFiles().failed(RecentFiles.Kind.DATASET, dir);
            model.statusProperty().set(before);
            Dialogs.error(owner.get(), "This folder is not MNIST-style IDX data",
                    (ex.getMessage() == null ? ex.toString() : ex.getMessage())
                            + "\n\nThe data and the model are unchanged.");
        });
        Thread t = new Thread(load, "load-data");
        t.setDaemon(true);
        t.start();
    }
}
