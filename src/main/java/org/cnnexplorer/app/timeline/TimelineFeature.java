package org.cnnexplorer.app.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.Dialogs;
import org.cnnexplorer.app.MainWindow;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.io.RunFile;
import org.cnnexplorer.io.RunFileException;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;

/**
 * Time travel for the window: records every training run, puts the timeline under the tabs, adds
 * the Runs tab, the Timeline menu (keys) and File › Save run… / Open run…, and evaluates the
 * test set at the timeline's step with progress.
 */
public final class TimelineFeature {
    public static final String RUNS_TAB = org.cnnexplorer.app.page.PageIds.RUNS;

    private final AppModel model;
    private final TrainingController training;
    private final Stage stage;
    private final MainWindow window;
    private final SessionRuns runs = new SessionRuns();
    private final MomentPresenter presenter;
    private final TimelineBar bar;
    private final org.cnnexplorer.app.page.Lazy<RunsView> runsView;
    private final ProgressBar evalProgress = new ProgressBar(0);
    private final Button evaluate = new Button("Evaluate here");

    private TimelineFeature(MainWindow w, AppModel model, TrainingController training, Stage stage) {
        this.model = model;
        this.training = training;
        this.stage = stage;
        this.window = w;
        presenter = new MomentPresenter(model, training);
        bar = new TimelineBar(runs, presenter);
        runsView = new org.cnnexplorer.app.page.Lazy<>(() -> new RunsView(model, runs, bar, presenter));
    }

    public static TimelineFeature install(MainWindow w, AppModel model, TrainingController training, Stage stage) {
        TimelineFeature f = new TimelineFeature(w, model, training, stage);
        f.build(w);
        return f;
    }

    private void build(MainWindow w) {
        training.setRecording(runs);
        model.dataProperty().addListener((o, a, now) -> {
            if (now != null) {
                runs.setSource(now.source());
            }
        });
        if (model.data() != null) {
            runs.setSource(model.data().source());
        }
        bar.setOnResume(this::askResume);
        evaluate.setId("timeline-evaluate");
        evaluate.setTooltip(new Tooltip("Test the weights at this step; the Evaluation tab shows the result"));
        evaluate.setOnAction(e -> evaluateHere());
        evalProgress.setId("timeline-eval-progress");
        evalProgress.setPrefWidth(70);
        evalProgress.progressProperty().bind(training.evalProgressProperty());
        evalProgress.visibleProperty().bind(training.evalProgressProperty().greaterThanOrEqualTo(0));
        // No run, no step to test (the Evaluation tab tests the weights in use); and one evaluation at a time.
        evaluate.disableProperty().bind(evalProgress.visibleProperty().or(bar.runBox().valueProperty().isNull()));
        bar.actions().getChildren().addAll(evaluate, evalProgress);
        org.cnnexplorer.app.view.WholeText.keep(evaluate);
        // Under the tabs, above the status line, from the first run on (recorded or opened): before
        // it the row could only say there is no run yet, and building it cost the first frame a tenth.
        showBarWithARun(w);

        w.addPage(org.cnnexplorer.app.page.Page.lazy(RUNS_TAB, "Runs", runsView));

        MenuItem save = item("Save _run…", "Shortcut+Shift+S", this::chooseAndSave);
        save.setId("save-run");
        MenuItem open = item("Open r_un…", "Shortcut+Shift+R", this::chooseAndOpen);
        open.setId("open-run");
        // After the model's items (open, bundled, save), before the dataset's
        var items = w.fileMenu().getItems();
        int at = items.size();
        for (int i = 0; i < items.size(); i++) {
            if ("menu-save-model".equals(items.get(i).getId())) {
                at = i + 1;
            }
        }
        items.addAll(at, java.util.List.of(open, save));

        Menu menu = new Menu("T_imeline");
        menu.setId("timeline-menu");
        menu.getItems().addAll(
                item("_Play / pause replay", "Alt+P", bar::togglePlay),
                item("One step _back", "Alt+Left", () -> bar.move(-1)),
                item("One step _forward", "Alt+Right", () -> bar.move(1)),
                item("100 steps b_ack", "Alt+Shift+Left", () -> bar.move(-100)),
                item("100 steps f_orward", "Alt+Shift+Right", () -> bar.move(100)),
                item("Follow _live training", "Alt+L", bar::goLive),
                new SeparatorMenuItem(),
                item("_Resume from here…", null, this::askResume),
                item("_Evaluate at this step", null, this::evaluateHere),
                item("E_xport the replay as a GIF…", null, this::chooseAndExportGif),
                item("Show the _runs", null, () -> w.select(RUNS_TAB)));
        w.addMenu(menu);
        model.onDispose(bar::dispose);
    }

    private void showBarWithARun(MainWindow w) {
        Runnable show = () -> {
            if (bar.getParent() == null) {
                w.root().setBottom(new VBox(bar, w.root().getBottom()));
            }
        };
        if (!runs.runs().isEmpty()) {
            show.run();
            return;
        }
        runs.runs().addListener(new javafx.collections.ListChangeListener<SessionRun>() {
            @Override
            public void onChanged(Change<? extends SessionRun> c) {
                if (!runs.runs().isEmpty()) {
                    runs.runs().removeListener(this);
                    show.run();
                }
            }
        });
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    /**
     * Gives a tab's view the training image of the run's next step at each moment, but only while
     * the tab shows (and when it is shown): tracing a step costs more than the other views' frames.
     */
    public void followInTab(String tabId, java.util.function.IntConsumer useImage) {
        Tab tab = window.pages().tab(tabId);
        if (tab == null) {
            return;
        }
        int[] latest = {-1, -1};  // the newest image, the one the view has
        Runnable give = () -> {
            if (tab.isSelected() && latest[0] >= 0 && latest[0] != latest[1]) {
                latest[1] = latest[0];
                useImage.accept(latest[0]);
            }
        };
        presenter.setOnNextImage(i -> {
            latest[0] = i;
            give.run();
        });
        tab.selectedProperty().addListener((o, a, now) -> give.run());
    }

    public SessionRuns runs() {
        return runs;
    }

    public MomentPresenter presenter() {
        return presenter;
    }

    public TimelineBar bar() {
        return bar;
    }

    public RunsView runsView() {
        return runsView.get();
    }

    // ---- resume from here ----

    private void askResume() {
        SessionRun r = bar.run();
        if (r == null) {
            model.statusProperty().set("No run to resume from yet");
            return;
        }
        long step = bar.step();
        Optional<TrainConfig> c = ResumeDialog.ask(stage, r, step);
        c.ifPresent(cfg -> resume(r, step, cfg));
    }

    /**
     * Starts a new run from {@code run}'s weights at {@code step} with {@code config} (the run's
     * own images, order and filters; another learning rate, tie rule or number of epochs).
     * Any training under way stops first; the old run stays in the list as it is.
     */
    public void resume(SessionRun run, long step, TrainConfig config) {
        Dataset train = model.data() == null ? null : model.data().train();
        if (train == null) {
            model.statusProperty().set("The data set is still loading; try again in a moment");
            return;
        }
        Network start;
        try {
            start = MomentPresenter.weightsAt(run, train, step);
        } catch (IllegalArgumentException e) {
            Dialogs.error(stage, "Cannot resume " + run.name(), e.getMessage() + "; open the data set it was trained on first.");
            return;
        }
        start.pool.setFirstMaxOnly(config.firstMaxOnly());
        training.stop();
        training.configProperty().set(config);
        model.modelNameProperty().set(String.format(Locale.ROOT, "%s at step %,d", run.name(), step));
        model.store().replace(start).thenRun(() -> Platform.runLater(() -> {
            model.refreshSnapshot();
            runs.resumeNext(run, step);
            training.start();
        }));
    }

    // ---- evaluation at the moment ----

    /** Tests the weights the views show (the timeline's step) with a progress bar; Evaluation shows the result. */
    public void evaluateHere() {
        training.evaluateNow();
    }

    // ---- slides ----

    private void chooseAndExportGif() {
        SessionRun r = bar.run();
        if (r == null || model.data() == null) {
            Dialogs.error(stage, "No run to export", "Train first (Start), or open a run.");
            return;
        }
        Path p = model.choosers().chooseSaveFile(stage, "Export the replay", r.name().replace(' ', '-').toLowerCase(Locale.ROOT)
                + ".gif", "Animated GIF (*.gif)", "gif");
        if (p != null) {
            exportGif(r, p, 60);
        }
    }

    /**
     * Writes the run's filters and the first training image's feature maps at {@code frames} evenly
     * spaced steps as a looping GIF (10 frames a second), in the background.
     */
    public Task<Void> exportGif(SessionRun r, Path p, int frames) {
        Dataset train = model.data().train();
        RunHistory h = r.history();
        Task<Void> t = new Task<>() {
            @Override
            protected Void call() throws IOException {
                new org.cnnexplorer.io.ReplayExport(h, train, 0).writeGif(
                        org.cnnexplorer.io.ReplayExport.steps(h.startStep(), h.endStep(), frames), 10, p,
                        (done, all) -> updateMessage(String.format(Locale.ROOT, "Exporting the replay: frame %d of %d…", done, all)));
                return null;
            }
        };
        t.messageProperty().addListener((o, a, m) -> model.statusProperty().set(m));
        t.setOnSucceeded(e -> model.statusProperty().set("Exported " + r.name() + "'s replay to " + p.getFileName()));
        t.setOnFailed(e -> {
            model.statusProperty().set("Could not export the replay");
            Dialogs.error(stage, "Could not export the replay to " + p.getFileName(), String.valueOf(t.getException().getMessage()));
        });
        Thread th = new Thread(t, "export-replay");
        th.setDaemon(true);
        th.start();
        return t;
    }

    // ---- run files ----

    private void chooseAndSave() {
        SessionRun r = bar.run();
        if (r == null) {
            Dialogs.error(stage, "No run to save", "Train first (Start), or open a run; then File › Save run… writes it.");
            return;
        }
        Path p = model.choosers().chooseSaveFile(stage, "Save the run", r.name().replace(' ', '-').toLowerCase(Locale.ROOT)
                + RunFile.EXTENSION, "cnn-explorer run (*" + RunFile.EXTENSION + ")", RunFile.EXTENSION.substring(1));
        if (p != null) {
            save(r, p);
        }
    }

    /** Writes a run in the background (atomically); a failure gets a dialog and leaves any old file as it was. */
    public Task<Void> save(SessionRun r, Path p) {
        Task<Void> t = new Task<>() {
            @Override
            protected Void call() throws IOException {
                RunFile.save(r.history(), p);
                return null;
            }
        };
        model.statusProperty().set("Saving " + r.name() + "…");
        t.setOnSucceeded(e -> model.statusProperty().set("Saved " + r.name() + " to " + p.getFileName()));
        t.setOnFailed(e -> {
            model.statusProperty().set("Could not save the run");
            Dialogs.error(stage, "Could not save the run to " + p.getFileName(), String.valueOf(t.getException().getMessage()));
        });
        Thread th = new Thread(t, "save-run");
        th.setDaemon(true);
        th.start();
        return t;
    }

    private void chooseAndOpen() {
        Path p = model.choosers().chooseOpenFile(stage, "Open a run", "cnn-explorer run (*" + RunFile.EXTENSION + ")",
                RunFile.EXTENSION.substring(1));
        if (p != null) {
            open(p);
        }
    }

    /** Reads a run in the background and adds it to the session; a bad file gets a dialog and changes nothing. */
    public Task<RunHistory> open(Path p) {
        Task<RunHistory> t = new Task<>() {
            @Override
            protected RunHistory call() throws RunFileException {
                return RunFile.load(p);
            }
        };
        t.setOnSucceeded(e -> {
            SessionRun r = runs.add(t.getValue());
            model.recentFiles().opened(org.cnnexplorer.app.RecentFiles.Kind.RUN, p);
            bar.runBox().setValue(r);
            model.statusProperty().set("Opened " + r.name() + " (" + r.progress() + ")");
        });
        t.setOnFailed(e -> {
            Throwable x = t.getException();
            model.recentFiles().failed(org.cnnexplorer.app.RecentFiles.Kind.RUN, p);
            String msg = x instanceof RunFileException ? x.getMessage() : "cannot read " + p.getFileName() + ": " + x;
            model.statusProperty().set("Could not open the run");
            Dialogs.error(stage, "Could not open the run", msg);
        });
        Thread th = new Thread(t, "open-run");
        th.setDaemon(true);
        th.start();
        return t;
    }
}
