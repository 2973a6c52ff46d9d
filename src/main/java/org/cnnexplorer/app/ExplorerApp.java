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
import org.cnnexplorer.app.gradcheck.GradientCheckView;
import org.cnnexplorer.app.step.BackpropStepView;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ModelStore;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;

/** The desktop app: builds the model, the window and its views, and loads the bundled MNIST. */
public class ExplorerApp extends Application {
    public static final String DRAW_TAB = "tab-draw";
    public static final String BACKPROP_TAB = "tab-backprop";
    public static final String GRADCHECK_TAB = "tab-gradcheck";

    private AppModel model;
    private MainWindow window;
    private TrainingFeature training;
    private DrawView drawView;
    private BackpropStepView backpropView;
    private GradientCheckView gradientCheckView;
    private ModelFileActions modelFiles;
    private QuitGuard quitGuard;

    public static void launchApp(String[] args) {
        Application.launch(ExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Network pretrained = loadPretrained();
        Network initial = pretrained != null ? pretrained : Trainer.newNetwork(TrainConfig.article(), 28, 28);
        model = new AppModel(new ModelStore(initial));
        model.modelNameProperty().set(pretrained != null ? PretrainedModel.NAME : "new model (seed 1)");
        window = new MainWindow(model);
        installFeatures(window, model, stage);

        MenuItem quit = new MenuItem("_Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setId("menu-quit");
        quitGuard = new QuitGuard(model, stage, training == null ? null : training.controller(), modelFiles);
        quit.setOnAction(e -> quitGuard.requestQuit());
        window.fileMenu().getItems().addAll(new SeparatorMenuItem(), quit);
        HelpMenu.fill(window.helpMenu(), () -> stage);

        Scene scene = new Scene(window.root(), 1280, 860);
        scene.getStylesheets().add(ExplorerApp.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(model.modelNameProperty().map(n -> "cnn-explorer: " + n));
        stage.setOnHidden(e -> shutdown());
        stage.show();
        loadBundledData();
    }

    /** Each feature adds its tabs and menu items here, in tab order. */
    private void installFeatures(MainWindow w, AppModel m, Stage stage) {
        training = TrainingFeature.install(w, m, stage);
        installDrawAndBackprop(w, m, stage);
    }

    /** The Draw, Backprop step and Gradient check tabs, and File > Open model / Save model. */
    private void installDrawAndBackprop(MainWindow w, AppModel m, Stage stage) {
        ModelFileActions files = modelFiles = new ModelFileActions(m, stage, () -> {
            if (training != null) {
                training.controller().stop();
            }
        });
        w.fileMenu().getItems().addAll(0, java.util.List.of(files.openItem(), files.saveItem()));
        DrawView draw = drawView = new DrawView(m);
        BackpropStepView step = backpropView = new BackpropStepView(m, draw.drawnInputProperty());
        GradientCheckView check = gradientCheckView = new GradientCheckView(m, draw.drawnInputProperty());
        draw.setOnStepThrough(input -> {
            step.useDrawnDigit(draw.predictedProperty().get());
            w.select(BACKPROP_TAB);
        });
        if (training != null) {
            step.setTrainingActive(training.controller().stateProperty().isNotEqualTo(TrainingController.RunState.IDLE));
            // The feature maps view can show the drawing (as MNIST bytes; its label is unknown).
            draw.setOnFeatureMaps(input -> {
                double[] ink = new double[input.length];
                for (int i = 0; i < ink.length; i++) {
                    ink[i] = input[i] + 0.5;
                }
                training.selection().showDrawing(DigitPreprocessor.toBytes(ink));
                w.select("tab-feature-maps");
            });
        }
        w.addTab("Draw", DRAW_TAB, draw);
        w.addTab("Backprop step", BACKPROP_TAB, step);
        w.addTab("Gradient check", GRADCHECK_TAB, check);
    }

    /** The bundled pre-trained model, or null (with a note in the status line) if it cannot be read. */
    private Network loadPretrained() {
        try {
            return PretrainedModel.load();
        } catch (ModelFileException e) {
            System.err.println("warning: " + e.getMessage() + "; starting with a new model");
            return null;
        }
    }

    private void loadBundledData() {
        model.statusProperty().set("Loading the bundled MNIST…");
        Task<MnistFiles.Split> load = new Task<>() {
            @Override
            protected MnistFiles.Split call() throws Exception {
                return MnistFiles.loadBundled();
            }
        };
        load.setOnSucceeded(e -> {
            MnistFiles.Split s = load.getValue();
            model.statusProperty().set(String.format("%s: %,d training and %,d test images", s.source(), s.train().count(), s.test().count()));
            model.dataProperty().set(s);
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
        return drawView;
    }

    public BackpropStepView backpropView() {
        return backpropView;
    }

    public GradientCheckView gradientCheckView() {
        return gradientCheckView;
    }

    public ModelFileActions modelFiles() {
        return modelFiles;
    }

    public QuitGuard quitGuard() {
        return quitGuard;
    }
}
