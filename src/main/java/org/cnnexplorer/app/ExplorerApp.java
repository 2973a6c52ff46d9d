package org.cnnexplorer.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.cnnexplorer.app.draw.DrawView;
import org.cnnexplorer.app.draw.DrawnInput;
import org.cnnexplorer.app.gradcheck.GradientCheckView;
import org.cnnexplorer.app.lesson.LessonFeature;
import org.cnnexplorer.app.page.Lazy;
import org.cnnexplorer.app.page.Page;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.app.step.BackpropStepView;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ModelStore;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;

/** The desktop app: builds the model, the window and its views, and loads the bundled MNIST. */
public class ExplorerApp extends Application {
    public static final String DRAW_TAB = PageIds.DRAW;
    public static final String BACKPROP_TAB = PageIds.BACKPROP;
    public static final String GRADCHECK_TAB = PageIds.GRADCHECK;

    private AppModel model;
    private MainWindow window;
    private TrainingFeature training;
    private final DrawnInput drawnInput = new DrawnInput();
    private Lazy<DrawView> drawView;
    private Lazy<BackpropStepView> backpropView;
    private Lazy<GradientCheckView> gradientCheckView;
    private ModelFileActions modelFiles;
    private QuitGuard quitGuard;
    private IdleWork idle;
    private EngineWarmUp warmUp;
    private LessonFeature lessons;
    private WindowSettings settings;
    private RecentMenu recentMenu;
    private FinishNotifier finishNotifier;
    private org.cnnexplorer.app.timeline.TimelineFeature timeline;
    private org.cnnexplorer.app.mydigits.MyDigitsFeature myDigits;

    public static void launchApp(String[] args) {
        Preload.startPretrained();
        Preload.startWarmUp();
        Application.launch(ExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupProbe.phase("JavaFX started");
        Network pretrained = Preload.pretrained();
        Network initial = pretrained != null ? pretrained : Trainer.newNetwork(TrainConfig.article(), 28, 28);
        model = new AppModel(new ModelStore(initial));
        model.modelNameProperty().set(pretrained != null ? PretrainedModel.NAME : "new model (seed 1)");
        window = new MainWindow(model);
        installFeatures(window, model, stage);

        MenuItem quit = new MenuItem("_Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setId("menu-quit");
        quitGuard = new QuitGuard(model, stage, training == null ? null : training.controller(), modelFiles);
        // unsaved digits are asked about first, then trained weights
        quit.setOnAction(e -> {
            if (myDigits == null || myDigits.mayClose()) {
                quitGuard.requestQuit();
            }
        });
        window.fileMenu().getItems().addAll(new SeparatorMenuItem(), quit);
        HelpMenu.fill(window.helpMenu(), () -> stage);

        Zoom zoom = new Zoom(window.root());
        Scene scene = new Scene(zoom.root(), 1280, 860);
        scene.getStylesheets().add(ExplorerApp.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        // Below this the tabs, the settings and the timeline's buttons are cut off.
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        settings = WindowSettings.install(stage, scene, window, zoom, model);
        rememberSettingsAndFiles();
        if (training != null) {
            finishNotifier = FinishNotifier.install(training.controller(), stage, window);
        }
        stage.titleProperty().bind(model.modelNameProperty().map(n -> "cnn-explorer: " + n));
        stage.setOnHidden(e -> shutdown());
        StartupProbe.watch(stage);
        // Building the remaining tabs waits while a run trains: the window thread is busiest then,
        // and a tab selected meanwhile is built at once.
        idle = new IdleWork(scene, () -> training != null && training.controller().state() != TrainingController.RunState.IDLE);
        StartupProbe.phase("window built");
        stage.show();
        StartupProbe.phase("window shown");
        model.statusProperty().set("Loading the bundled MNIST…");
        Preload.afterFirstFrame(() -> {
            loadBundledData();
            attachHiddenPages();
        });
    }

    /**
     * The other tabs' views are built and join the scene after the first frame, one at a time (see
     * {@link IdleWork}); selecting a tab before then builds its view at once. A view built once the
     * data is in draws once while hidden; those built before are drawn by {@link #prepareHiddenViews}.
     */
    private void attachHiddenPages() {
        for (int i = 0; i < window.pages().all().size(); i++) {
            idle.add(() -> {
                Page p = window.pages().attachNext();
                if (p != null && model.data() != null && p.node() instanceof org.cnnexplorer.app.view.LiveView v) {
                    v.prepare();
                }
            });
        }
    }

    /** Each feature adds its tabs and menu items here, in tab order. */
    private void installFeatures(MainWindow w, AppModel m, Stage stage) {
        training = TrainingFeature.install(w, m, stage);
        installDrawAndBackprop(w, m, stage);
        lessons = LessonFeature.install(w, m, stage, training, drawnInput, backpropView);
        if (training != null) {
            timeline = org.cnnexplorer.app.timeline.TimelineFeature.install(w, m, training.controller(), stage);
            // A moment of a run: Backprop step walks the run's next step from there (its image, these weights).
            timeline.followInTab(BACKPROP_TAB, i -> backpropView.get().useTrainingImage(i));
            // The Training tab's curves are the last trained run's: a cursor only for its moments.
            var runs = timeline.runs().liveProperty();
            training.trainingView().setCurvesOf(at -> at.run() == runs.get());
        }
        myDigits = org.cnnexplorer.app.mydigits.MyDigitsFeature.install(w, m, stage, drawView,
                training == null ? null : training.controller());
    }

    /** The Draw, Backprop step and Gradient check tabs, and File > Open model / Save model. */
    private void installDrawAndBackprop(MainWindow w, AppModel m, Stage stage) {
        ModelFileActions files = modelFiles = new ModelFileActions(m, stage, () -> {
            if (training != null) {
                training.controller().stop();
            }
        });
        w.fileMenu().getItems().addAll(0, java.util.List.of(files.openItem(), files.bundledMenu(), files.saveItem()));
        Lazy<DrawView> draw = drawView = new Lazy<>(() -> new DrawView(m, drawnInput));
        Lazy<BackpropStepView> step = backpropView = new Lazy<>(() -> new BackpropStepView(m, drawnInput.property()));
        Lazy<GradientCheckView> check = gradientCheckView = new Lazy<>(() -> new GradientCheckView(m, drawnInput.property()));
        draw.whenBuilt(d -> d.setOnStepThrough(input -> {
            step.get().useDrawnDigit(d.predictedProperty().get());
            w.select(BACKPROP_TAB);
            // the pressed button is hidden with its tab: the label to choose has the keyboard next
            step.get().focusLabel();
        }));
        if (training != null) {
            step.whenBuilt(v -> v.setTrainingActive(training.controller().stateProperty().isNotEqualTo(TrainingController.RunState.IDLE)));
            // The feature maps view can show the drawing (as MNIST bytes; its label is unknown).
            draw.whenBuilt(d -> d.setOnFeatureMaps(input -> {
                double[] ink = new double[input.length];
                for (int i = 0; i < ink.length; i++) {
                    ink[i] = input[i] + 0.5;
                }
                training.selection().showDrawing(DigitPreprocessor.toBytes(ink));
                w.select(PageIds.FEATURE_MAPS);
            }));
        }
        w.addPage(Page.lazy(PageIds.DRAW, "Draw", draw));
        w.addPage(Page.lazy(PageIds.BACKPROP, "Backprop step", step, part -> step.get().highlight(part)));
        w.addPage(Page.lazy(PageIds.GRADCHECK, "Gradient check", check));
    }

    /** The training settings and speed, and File > Open Recent (each kind opens as its File > Open… does). */
    private void rememberSettingsAndFiles() {
        java.util.Map<RecentFiles.Kind, java.util.function.Consumer<java.nio.file.Path>> openers = new java.util.EnumMap<>(RecentFiles.Kind.class);
        openers.put(RecentFiles.Kind.MODEL, modelFiles::open);
        if (training != null) {
            TrainingMemory.install(settings, training.trainingView().settingsPane(), training.controller());
            openers.put(RecentFiles.Kind.DATASET, training.opener()::open);
        }
        if (lessons != null && lessons.scenarios() != null) {
            openers.put(RecentFiles.Kind.SCENARIO, lessons.scenarios()::open);
        }
        if (timeline != null) {
            openers.put(RecentFiles.Kind.RUN, timeline::open);
        }
        recentMenu = RecentMenu.install(window, model.recentFiles(), openers, settings);
    }

    /**
     * Once the data is in, the hidden tabs' views built so far draw once in the background, one at
     * a time before the views still to build (each takes a few tens of ms of the window thread), so
     * a first visit during training is as smooth as a later one (without it, 10 frames a second).
     */
    private void prepareHiddenViews() {
        for (Page p : window.pages().all()) {
            if (p.built() && p.node() instanceof org.cnnexplorer.app.view.LiveView v) {
                idle.addFirst(v::prepare);
            }
        }
    }

    /**
     * After the hidden tabs are built, the training step is warmed up in the background (see
     * {@link EngineWarmUp}), unless a run has started by then: it warms the engine itself.
     */
    private void warmUpEngineWhenIdle(org.cnnexplorer.data.Dataset train, org.cnnexplorer.data.Dataset test) {
        if (training == null) {
            return;
        }
        TrainingController c = training.controller();
        boolean[] ranAlready = {false};
        c.stateProperty().addListener((o, was, now) -> {
            if (now != TrainingController.RunState.IDLE) {
                ranAlready[0] = true;
                if (warmUp != null) {
                    warmUp.stop();
                }
            }
        });
        idle.add(() -> {
            if (!ranAlready[0] && warmUp == null) {
                warmUp = EngineWarmUp.startIfWanted(train, test);
                model.onDispose(warmUp::stop);
            }
        });
    }

    /** The engine's warm-up, once started (for tests). */
    EngineWarmUp warmUp() {
        return warmUp;
    }

    private void loadBundledData() {
        model.statusProperty().set("Loading the bundled MNIST…");
        Task<MnistFiles.Split> load = new Task<>() {
            @Override
            protected MnistFiles.Split call() throws Exception {
                return MnistFiles.loadBundled();
            }
        };
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.setId("loading-progress");
        progress.setPrefWidth(120);
        Motion.busy(progress);
        window.addStatusItem(progress);
        load.runningProperty().addListener((o, was, now) -> {
            if (!now) {
                progress.setVisible(false);
                progress.setManaged(false);
            }
        });
        load.setOnSucceeded(e -> {
            MnistFiles.Split s = load.getValue();
            model.statusProperty().set(String.format("%s: %,d training and %,d test images", s.source(), s.train().count(), s.test().count()));
            model.dataProperty().set(s);
            prepareHiddenViews();
            warmUpEngineWhenIdle(s.train(), s.test());
        });
        load.setOnFailed(e -> {
            model.statusProperty().set("Could not load the bundled MNIST: " + load.getException().getMessage());
            Dialogs.error(window.root().getScene().getWindow(), "Could not load the bundled MNIST", load.getException().getMessage());
        });
        Thread t = new Thread(load, "load-data");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The platform is stopping (or a test is done with this app): stop the frame timers and the
     * engine, so nothing keeps this app's data alive. Idempotent with {@link #shutdown()}.
     */
    @Override
    public void stop() {
        if (model != null) {
            model.dispose();
        }
    }

    /** Closing the window stops any training and ends the process. */
    private void shutdown() {
        if (model != null) {
            model.dispose();
        }
        Platform.exit();
    }

    /** For tests: the app's model and window once started. */
    public AppModel model() {
        return model;
    }

    public MainWindow window() {
        return window;
    }

    /** For tests: live training and its views. */
    public TrainingFeature training() {
        return training;
    }

    /** For tests: the Draw, Backprop step and Gradient check views and the model file actions. */
    public DrawView drawView() {
        return drawView.get();
    }

    public BackpropStepView backpropView() {
        return backpropView.get();
    }

    public GradientCheckView gradientCheckView() {
        return gradientCheckView.get();
    }

    /** For tests: the lesson panel, its menu and the teacher scenarios. */
    public LessonFeature lessons() {
        return lessons;
    }

    /** For tests: theme, zoom and remembered settings. */
    public WindowSettings settings() {
        return settings;
    }

    /** For tests: the timeline, the runs of the session and the Runs tab. */
    public org.cnnexplorer.app.timeline.TimelineFeature timeline() {
        return timeline;
    }

    /** For tests: the notices of finished runs and evaluations. */
    public FinishNotifier finishNotifier() {
        return finishNotifier;
    }

    /** For tests: File > Open Recent. */
    public RecentMenu recentMenu() {
        return recentMenu;
    }

    public ModelFileActions modelFiles() {
        return modelFiles;
    }

    public QuitGuard quitGuard() {
        return quitGuard;
    }

    /** For tests: the My digits tab, its digits and actions. */
    public org.cnnexplorer.app.mydigits.MyDigitsFeature myDigits() {
        return myDigits;
    }
}
