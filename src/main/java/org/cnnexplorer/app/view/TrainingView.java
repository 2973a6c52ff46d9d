package org.cnnexplorer.app.view;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.SavePaths;
import org.cnnexplorer.io.AtomicFile;
import org.cnnexplorer.app.Dialogs;
import org.cnnexplorer.app.ProgressText;
import org.cnnexplorer.app.SpeedScale;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.app.TrainingController.RunState;
import org.cnnexplorer.train.TrainingSnapshot;
import org.cnnexplorer.train.WindowStats;

/**
 * The Training tab: the run's buttons, its settings and speed, its progress, and the live
 * learning curves with PNG and CSV export.
 */
public final class TrainingView extends LiveView {
    private final AppModel model;
    private final TrainingController training;
    /**
     * Built once there is something to plot (a run starts, a run's moment is shown) or someone
     * asks for them: two empty charts cost the window's first frame about a fifth of its time.
     * Until then their place says what will appear there.
     */
    private final org.cnnexplorer.app.page.Lazy<TrainingCharts> charts = new org.cnnexplorer.app.page.Lazy<>(TrainingCharts::new);
    /** Nothing to export until a run has a point (enabled in render). */
    private final Button png = new Button("Export PNG…");
    private final Button csv = new Button("Export CSV…");
    private final Label chartsEmpty = new Label("The learning curves appear here when a run starts: the average loss and "
            + "accuracy of each 100 training images, and the test set's after each epoch.");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label position = new Label("Not started");
    private final Label timing = new Label(" ");
    private final Label lastWindow = new Label(" ");
    private final SettingsPane settings;
    /** Whether a moment belongs to the run whose curves these are (only then the cursor marks it). */
    private java.util.function.Predicate<org.cnnexplorer.app.timeline.Moment> curvesOf = m -> true;

    public TrainingView(AppModel model, TrainingController training) {
        this.model = model;
        this.training = training;
        setId("training-view");

        ViewHeader header = new ViewHeader("Training",
                "The article's loop: for each image, a forward pass, the loss −ln(p of the true digit), backprop through "
                        + "softmax, max pooling and the convolution, then one SGD step; every 100 images it prints the "
                        + "average loss and accuracy, plotted here.",
                "Blue line: training (the article's 100-step windows). Red dashed line with dots: the test set, after each epoch.");

        Button start = button("Start", "start-button", "Train with these settings on the current weights (F5)");
        Button pause = button("Pause", "pause-button", "Pause or resume (F6)");
        Button step = button("Step", "step-button", "Train on exactly one image, then pause (F7)");
        Button stop = button("Stop", "stop-button", "End the run; the weights stay (F8)");
        Button reset = button("Reset", "reset-button", "New initial weights from the seed (Ctrl+R)");
        start.setOnAction(e -> training.start());
        pause.setOnAction(e -> training.togglePause());
        step.setOnAction(e -> training.step());
        stop.setOnAction(e -> training.stop());
        reset.setOnAction(e -> training.reset());
        var badSettings = training.settingsProblemProperty().isNotNull();
        start.disableProperty().bind(training.stateProperty().isNotEqualTo(RunState.IDLE).or(model.dataProperty().isNull()).or(badSettings));
        pause.disableProperty().bind(training.stateProperty().isEqualTo(RunState.IDLE));
        pause.textProperty().bind(Bindings.when(training.stateProperty().isEqualTo(RunState.PAUSED)).then("Resume").otherwise("Pause"));
        step.disableProperty().bind(model.dataProperty().isNull().or(badSettings.and(training.stateProperty().isEqualTo(RunState.IDLE))));
        reset.disableProperty().bind(badSettings);
        stop.disableProperty().bind(training.stateProperty().isEqualTo(RunState.IDLE));
        start.setDefaultButton(false);
        HBox buttons = new HBox(6, start, pause, step, stop, reset);

        Slider speed = new Slider(SpeedScale.MIN_POSITION, SpeedScale.MAX_POSITION, SpeedScale.positionOf(training.paceProperty().get()));
        speed.setId("speed-slider");
        speed.setMajorTickUnit(1);
        speed.setMinorTickCount(0);
        speed.setShowTickMarks(true);
        Label speedLabel = new Label();
        speedLabel.setId("speed-label");
        speed.valueProperty().addListener((o, was, now) -> training.paceProperty().set(SpeedScale.paceAt(now.doubleValue())));
        training.paceProperty().addListener((o, was, now) -> {
            // follow a pace set elsewhere (a test, a menu); settles after one round trip
            if (SpeedScale.paceAt(speed.getValue()) != now.doubleValue()) {
                speed.setValue(SpeedScale.positionOf(now.doubleValue()));
            }
        });
        speedLabel.textProperty().bind(Bindings.createStringBinding(
                () -> "Speed: " + SpeedScale.describe(training.paceProperty().get()), training.paceProperty()));
        Label ends = new Label("1 step/s … full speed");
        ends.getStyleClass().add("hint");
        VBox speedBox = new VBox(2, speedLabel, speed, ends);

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setId("training-progress");
        position.setId("progress-text");
        position.setWrapText(true);
        position.getStyleClass().add("two-lines");
        timing.setId("timing-text");
        lastWindow.setId("last-window");
        lastWindow.getStyleClass().add("mono");
        lastWindow.setWrapText(true);
        VBox progressBox = new VBox(3, progress, position, timing, lastWindow);

        settings = new SettingsPane(model, training);
        Label weights = new Label();
        weights.setId("weights-origin");
        weights.setWrapText(true);
        weights.getStyleClass().add("hint");
        weights.textProperty().bind(model.modelNameProperty().map(n -> "Weights: " + n
                + (org.cnnexplorer.io.PretrainedModel.NAME.equals(n)
                        ? ". Start trains new weights from the seed, as in the article (Open model… loads them again)."
                        : ". Start trains these; Reset draws new ones from the seed.")));

        VBox left = new VBox(12, header, buttons, weights, speedBox, progressBox, settings);
        left.setPadding(new Insets(10));
        left.setPrefWidth(390);
        left.setMinWidth(340);

        png.setId("export-png");
        png.setOnAction(e -> exportPng());
        csv.setId("export-csv");
        csv.setOnAction(e -> exportCsv());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label note = new Label("Long runs are averaged into at most 500 points per line.");
        note.getStyleClass().add("hint");
        WholeText.keep(png, csv);  // the note gives way in a narrow window, not the buttons
        note.setMinWidth(0);
        HBox exportBar = new HBox(8, note, grow, png, csv);
        exportBar.setAlignment(Pos.CENTER_LEFT);
        chartsEmpty.setId("charts-empty");
        chartsEmpty.setWrapText(true);
        chartsEmpty.getStyleClass().add("hint");
        chartsEmpty.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        chartsEmpty.setAlignment(Pos.CENTER);
        chartsEmpty.setPadding(new Insets(0, 60, 0, 60));
        VBox right = new VBox(4, chartsEmpty, exportBar);
        VBox.setVgrow(chartsEmpty, Priority.ALWAYS);
        charts.whenBuilt(c -> {
            VBox.setVgrow(c, Priority.ALWAYS);
            right.getChildren().set(0, c);
            requestRender();
        });
        right.setPadding(new Insets(6, 10, 8, 4));

        setLeft(new javafx.scene.control.ScrollPane(left) {{
            setFitToWidth(true);
            setHbarPolicy(ScrollBarPolicy.NEVER);
            setMinWidth(360);
        }});
        setCenter(right);

        // Charts and text need not follow every frame; a few updates a second keep the FX thread light
        // (the timeline's moments are shown at once: TrainingFeature sets the rate).
        setMaxRate(6);
        model.frameProperty().addListener((o, was, now) -> requestRender());
        training.stateProperty().addListener((o, was, now) -> requestRender());
        training.historyVersionProperty().addListener((o, was, now) -> requestRender());
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        WholeText.keep(b);
        return b;
    }

    /** The settings (remembered between sessions, see TrainingMemory). */
    public SettingsPane settingsPane() {
        return settings;
    }

    /** The settings' field validation, for tests. */
    public org.controlsfx.validation.ValidationSupport settingsValidation() {
        return settings.validation();
    }

    /** Tells which moments' runs the curves here show (the last run trained); others get no cursor. */
    public void setCurvesOf(java.util.function.Predicate<org.cnnexplorer.app.timeline.Moment> p) {
        curvesOf = p == null ? m -> true : p;
        requestRender();
    }

    /** The learning curves, built now if they were not yet. */
    public TrainingCharts charts() {
        return charts.get();
    }

    @Override
    protected void render() {
        org.cnnexplorer.app.page.Frame frame = model.frame();
        TrainingSnapshot s = frame.training();
        progress.setProgress(s == null ? 0 : s.fraction());
        position.setText(ProgressText.position(s));
        String t = ProgressText.timing(s, training.state() == RunState.RUNNING);
        String shown = training.state() == RunState.PAUSED ? "paused" + (t.isEmpty() ? "" : " · " + t) : t;
        timing.setText(shown.isEmpty() ? " " : shown);  // a blank line, not none: the settings stay put
        png.setDisable(training.history().isEmpty());
        csv.setDisable(training.history().isEmpty());
        if (training.state() != RunState.IDLE || !training.history().isEmpty() || !frame.live()) {
            charts.get();
        }
        charts.ifBuilt(c -> {
            c.sync(training.history());
            // The timeline's step, when it shows one (live training needs no cursor: it is the end).
            c.setCursor(frame.live() || !curvesOf.test(frame.moment()) ? Double.NaN : frame.moment().step());
        });
        WindowStats w = frame.live() ? training.history().lastWindow()
                : frame.moment().run() == null ? null : frame.moment().run().history().windowAtOrBefore(frame.moment().step());
        lastWindow.setText(w == null ? " " : String.format(java.util.Locale.ROOT, "Last %d steps: loss %.3f, accuracy %.0f%%",
                w.count(), w.averageLoss(), 100 * w.accuracy()));
    }

    private void exportPng() {
        Path p = model.choosers().chooseSaveFile(getScene().getWindow(), "Save the charts as PNG", "training.png", "PNG images", "png");
        if (p != null) {
            SavePaths.resolve(getScene().getWindow(), p, "png", this::writePng);
        }
    }

    private void writePng(Path p) {
        WritableImage img = charts.get().snapshot(new SnapshotParameters(), null);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", bytes)) {
                throw new IOException("no PNG writer available");
            }
            writable(p);
            AtomicFile.write(p, bytes.toByteArray());
            model.statusProperty().set("Saved the charts to " + p.getFileName());
        } catch (IOException | RuntimeException ex) {
            Dialogs.error(getScene().getWindow(), "Could not save the charts", String.valueOf(ex.getMessage()));
        }
    }

    private void exportCsv() {
        Path p = model.choosers().chooseSaveFile(getScene().getWindow(), "Save the curves as CSV", "training.csv", "CSV files", "csv");
        if (p != null) {
            SavePaths.resolve(getScene().getWindow(), p, "csv", this::writeCsv);
        }
    }

    private void writeCsv(Path p) {
        try {
            StringWriter text = new StringWriter();
            training.history().writeCsv(text);
            writable(p);
            AtomicFile.write(p, text.toString().getBytes(StandardCharsets.UTF_8));
            model.statusProperty().set("Saved the curves to " + p.getFileName());
        } catch (IOException | RuntimeException ex) {
            Dialogs.error(getScene().getWindow(), "Could not save the curves", String.valueOf(ex.getMessage()));
        }
    }

    /** NIO's own messages on a failed write are often just a path; say why instead. */
    private static void writable(Path p) throws IOException {
        String why = AtomicFile.whyNotWritable(p);
        if (why != null) {
            throw new IOException(why);
        }
    }
}
