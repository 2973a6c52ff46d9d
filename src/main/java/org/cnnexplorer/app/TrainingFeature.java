package org.cnnexplorer.app;

import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.cnnexplorer.app.page.Lazy;
import org.cnnexplorer.app.page.Page;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.app.view.EvaluationView;
import org.cnnexplorer.app.view.FeatureMapsView;
import org.cnnexplorer.app.view.FiltersView;
import org.cnnexplorer.app.view.ImageSelection;
import org.cnnexplorer.app.view.PoolingView;
import org.cnnexplorer.app.view.TrainingView;

/**
 * Adds live training to the window: the Training menu with its shortcuts, the training, filters,
 * feature map, max-pool routing and evaluation tabs, File > Open dataset folder…, and the frame
 * rate in the status bar.
 */
public final class TrainingFeature {
    private final TrainingController controller;
    private final FrameRateMeter frameRate = new FrameRateMeter();
    private final DatasetOpener opener;
    private TrainingView trainingView;
    private ImageSelection selection;
    // built when first shown or when the window is idle after its first frame
    private Lazy<FiltersView> filtersView;
    private Lazy<FeatureMapsView> featureMapsView;
    private Lazy<PoolingView> poolingView;
    private Lazy<EvaluationView> evaluationView;

    private TrainingFeature(MainWindow w, AppModel m, Stage stage) {
        controller = new TrainingController(m, () -> stage);
        opener = new DatasetOpener(m, () -> stage);
    }

    public static TrainingFeature install(MainWindow w, AppModel m, Stage stage) {
        TrainingFeature f = new TrainingFeature(w, m, stage);
        f.build(w, m);
        return f;
    }

    private void build(MainWindow w, AppModel m) {
        trainingView = new TrainingView(m, controller);
        selection = new ImageSelection(m);
        filtersView = new Lazy<>(() -> new FiltersView(m));
        featureMapsView = new Lazy<>(() -> new FeatureMapsView(m, selection));
        poolingView = new Lazy<>(() -> new PoolingView(m, selection));
        evaluationView = new Lazy<>(() -> new EvaluationView(m, controller, i -> {
            selection.showTestImage(i);
            w.select(PageIds.FEATURE_MAPS);
        }));
        w.addPage(Page.of(PageIds.TRAINING, "Training", trainingView));
        w.addPage(Page.lazy(PageIds.FILTERS, "Filters", filtersView));
        w.addPage(Page.lazy(PageIds.FEATURE_MAPS, "Feature maps", featureMapsView));
        w.addPage(Page.lazy(PageIds.POOLING, "Max-pool routing", poolingView, part -> poolingView.get().highlight(part)));
        w.addPage(Page.lazy(PageIds.EVALUATION, "Evaluation", evaluationView));

        // Slow paces show every step (at most 30 a second); faster than the eye can follow, the
        // image views settle for fewer frames, which leaves the CPU to the training thread.
        Runnable rates = () -> {
            double pace = controller.paceProperty().get();
            // a moment of the timeline (scrubbed or replayed) is shown at once, not a frame later
            boolean everyStep = Double.isFinite(pace) && pace <= 30 || !m.moment().live();
            double imageRate = everyStep ? 30 : 10;
            filtersView.ifBuilt(v -> v.setMaxRate(imageRate));
            featureMapsView.ifBuilt(v -> v.setMaxRate(imageRate));
            poolingView.ifBuilt(v -> v.setMaxRate(imageRate));
            trainingView.setMaxRate(m.moment().live() ? 6 : 30);
        };
        filtersView.whenBuilt(v -> rates.run());
        featureMapsView.whenBuilt(v -> rates.run());
        poolingView.whenBuilt(v -> rates.run());
        controller.paceProperty().addListener((o, was, now) -> rates.run());
        m.momentProperty().addListener((o, was, now) -> {
            if (was.live() != now.live()) {
                rates.run();
            }
        });
        rates.run();

        MenuItem open = new MenuItem("_Open dataset folder…");
        open.setId("open-dataset");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> opener.chooseAndOpen());
        w.fileMenu().getItems().add(0, open);

        Menu menu = new Menu("_Training");
        menu.setId("training-menu");
        menu.getItems().addAll(
                item("_Start / Resume", "F5", controller::start),
                item("_Pause / Resume", "F6", controller::togglePause),
                item("S_tep (one image)", "F7", controller::step),
                item("St_op", "F8", controller::stop),
                new SeparatorMenuItem(),
                item("_Reset weights from seed", "Shortcut+R", controller::reset),
                item("_Evaluate on the test set", "F9", controller::evaluateNow));
        w.addMenu(menu);

        Label fps = new Label();
        fps.setId("fps");
        fps.getStyleClass().add("hint");
        fps.textProperty().bind(frameRate.fpsProperty().map(v -> String.format("%.0f fps", v.doubleValue())));
        w.addStatusItem(fps);
        frameRate.start();
        m.onDispose(frameRate::stop);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setAccelerator(KeyCombination.keyCombination(accelerator));
        i.setOnAction(e -> action.run());
        return i;
    }

    /** Each of this feature's tabs (id) with a file name for its screenshot. */
    public java.util.List<String[]> screenshotTabs() {
        return java.util.List.of(new String[] {PageIds.TRAINING, "training"}, new String[] {PageIds.FILTERS, "filters"},
                new String[] {PageIds.FEATURE_MAPS, "feature-maps"}, new String[] {PageIds.POOLING, "pooling"},
                new String[] {PageIds.EVALUATION, "evaluation"});
    }

    public ImageSelection selection() {
        return selection;
    }

    public FeatureMapsView featureMapsView() {
        return featureMapsView.get();
    }

    public PoolingView poolingView() {
        return poolingView.get();
    }

    public EvaluationView evaluationView() {
        return evaluationView.get();
    }

    public TrainingController controller() {
        return controller;
    }

    public FrameRateMeter frameRate() {
        return frameRate;
    }

    public DatasetOpener opener() {
        return opener;
    }

    public TrainingView trainingView() {
        return trainingView;
    }

    public FiltersView filtersView() {
        return filtersView.get();
    }
}
