package org.cnnexplorer.app.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.text.Font;
import javafx.util.Duration;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.view.LiveView;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunReplay;
import org.cnnexplorer.train.WindowStats;

/**
 * Every run of the session with its settings; the checked ones overlaid on a loss and an
 * accuracy chart (one colour each, with a legend) with a cursor at the timeline's step; and the
 * filters of two runs side by side at that step.
 */
public final class RunsView extends LiveView {
    private static final int MAX_POINTS = 400;
    private static final double CELL = 14;

    private final AppModel model;
    private final SessionRuns runs;
    private final TimelineBar timeline;
    private final ListView<SessionRun> list = new ListView<>();
    private final NumberAxis lossX = new NumberAxis();
    private final NumberAxis accX = new NumberAxis();
    private final LineChart<Number, Number> loss = new LineChart<>(lossX, new NumberAxis());
    private final LineChart<Number, Number> accuracy = new LineChart<>(accX, new NumberAxis(0, 100, 10));
    private final Line lossCursor = cursor();
    private final Line accCursor = cursor();
    private final Pane lossOverlay = new Pane(lossCursor);
    private final Pane accOverlay = new Pane(accCursor);
    private final ComboBox<SessionRun> left = new ComboBox<>();
    private final ComboBox<SessionRun> right = new ComboBox<>();
    private final Canvas filters = new Canvas(600, 110);
    private final Label compareNote = new Label();
    private final Map<SessionRun, RunReplay> replays = new HashMap<>();
    private final PauseTransition liveRefresh = new PauseTransition(Duration.millis(500));
    private Dataset replayData;
    private int chartedVersion = -1;

    public RunsView(AppModel model, SessionRuns runs, TimelineBar timeline, MomentPresenter presenter) {
        this.model = model;
        this.runs = runs;
        this.timeline = timeline;
        setId("runs-view");
        Label title = new Label("Runs of this session");
        title.getStyleClass().add("view-title");
        Label hint = new Label("Every Start of training is a run; Resume from here starts another from any step. Tick runs to "
                + "overlay their curves; the grey line is the timeline's step.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox top = new VBox(4, title, hint);
        top.setPadding(new Insets(10));
        setTop(top);

        list.setId("runs-list");
        list.setItems(runs.runs());
        list.setPrefWidth(360);
        list.setCellFactory(v -> new RunCell());
        list.setOnMouseClicked(e -> {
            SessionRun r = list.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && r != null) {
                timeline.runBox().setValue(r);
            }
        });

        for (LineChart<Number, Number> c : List.of(loss, accuracy)) {
            c.setAnimated(false);
            c.setCreateSymbols(false);
            c.setMinHeight(180);
            ((NumberAxis) c.getXAxis()).setLabel("step");
            ((NumberAxis) c.getXAxis()).setForceZeroInRange(true);
        }
        loss.setId("runs-loss-chart");
        accuracy.setId("runs-accuracy-chart");
        loss.setTitle("Loss (100-step windows)");
        accuracy.setTitle("Accuracy % (100-step windows)");
        StackPane lossStack = new StackPane(loss, lossOverlay);
        StackPane accStack = new StackPane(accuracy, accOverlay);
        lossOverlay.setMouseTransparent(true);
        accOverlay.setMouseTransparent(true);
        VBox.setVgrow(lossStack, Priority.ALWAYS);
        VBox.setVgrow(accStack, Priority.ALWAYS);

        left.setId("compare-left");
        right.setId("compare-right");
        left.setItems(runs.runs());
        right.setItems(runs.runs());
        left.valueProperty().addListener((o, a, b) -> requestRender());
        right.valueProperty().addListener((o, a, b) -> requestRender());
        filters.setId("compare-filters");
        compareNote.getStyleClass().add("hint");
        HBox pick = new HBox(8, new Label("Filters side by side:"), left, new Label("and"), right, compareNote);
        pick.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox compare = new VBox(6, pick, filters);
        VBox charts = new VBox(6, lossStack, accStack, compare);
        charts.setPadding(new Insets(0, 10, 10, 0));
        BorderPane body = new BorderPane(charts);
        VBox side = new VBox(list);
        VBox.setVgrow(list, Priority.ALWAYS);
        side.setPadding(new Insets(0, 10, 10, 10));
        body.setLeft(side);
        setCenter(body);

        // built when the tab is first shown: the runs recorded before then count as added now
        runsAdded(runs.runs());
        runs.runs().addListener((javafx.collections.ListChangeListener<SessionRun>) c -> {
            while (c.next()) {
                runsAdded(c.getAddedSubList());
            }
        });
        // The cursor and the filters follow the moment the other pages show (the window's frame).
        model.frameProperty().addListener((o, a, b) -> {
            if (!a.moment().equals(b.moment())) {
                requestRender();
            }
        });
        lossOverlay.layoutBoundsProperty().addListener((o, a, b) -> placeCursors());
        // A recording run's curves grow: redraw them twice a second while this tab shows.
        liveRefresh.setOnFinished(e -> {
            if (runs.runs().stream().anyMatch(SessionRun::isRecording)) {
                chartedVersion = -1;
                requestRender();
            }
            liveRefresh.playFromStart();
        });
        liveRefresh.play();
        setMaxRate(30);
    }

    private void runsAdded(java.util.List<? extends SessionRun> added) {
        for (SessionRun r : added) {
            r.overlaidProperty().addListener((o, a, b) -> {
                chartedVersion = -1;
                requestRender();
            });
        }
        if (left.getValue() == null && !runs.runs().isEmpty()) {
            left.setValue(runs.runs().get(0));
        }
        if (runs.runs().size() > 1 && (right.getValue() == null || right.getValue() == left.getValue())) {
            right.setValue(runs.runs().get(runs.runs().size() - 1));
        }
        chartedVersion = -1;
        requestRender();
    }

    private static Line cursor() {
        Line l = new Line();
        l.setStroke(Color.gray(0.35));
        l.getStrokeDashArray().setAll(4.0, 3.0);
        l.setStrokeWidth(1.5);
        l.setManaged(false);
        return l;
    }

    public LineChart<Number, Number> lossChart() {
        return loss;
    }

    public LineChart<Number, Number> accuracyChart() {
        return accuracy;
    }

    public Line lossCursor() {
        return lossCursor;
    }

    public ComboBox<SessionRun> compareLeft() {
        return left;
    }

    public ComboBox<SessionRun> compareRight() {
        return right;
    }

    @Override
    protected void render() {
        int version = runs.runs().size();
        if (chartedVersion != version) {
            chartedVersion = version;
            chart();
        }
        list.refresh();
        placeCursors();
        paintFilters();
    }

    private void chart() {
        List<XYChart.Series<Number, Number>> ls = new ArrayList<>();
        List<XYChart.Series<Number, Number>> as = new ArrayList<>();
        for (SessionRun r : runs.runs()) {
            if (!r.overlaidProperty().get()) {
                continue;
            }
            List<WindowStats> ws = r.history().windows();
            XYChart.Series<Number, Number> l = new XYChart.Series<>();
            XYChart.Series<Number, Number> a = new XYChart.Series<>();
            l.setName(r.name());
            a.setName(r.name());
            int every = Math.max(1, (ws.size() + MAX_POINTS - 1) / MAX_POINTS);
            List<XYChart.Data<Number, Number>> lp = new ArrayList<>();
            List<XYChart.Data<Number, Number>> ap = new ArrayList<>();
            for (int i = 0; i < ws.size(); i += every) {
                double sum = 0;
                int n = 0;
                int correct = 0;
                int count = 0;
                for (int k = i; k < Math.min(ws.size(), i + every); k++) {
                    sum += ws.get(k).averageLoss() * ws.get(k).count();
                    n += ws.get(k).count();
                    correct += ws.get(k).correct();
                    count += ws.get(k).count();
                }
                long x = ws.get(Math.min(ws.size(), i + every) - 1).globalStep();
                lp.add(new XYChart.Data<>(x, sum / n));
                ap.add(new XYChart.Data<>(x, 100.0 * correct / count));
            }
            l.getData().setAll(lp);
            a.getData().setAll(ap);
            ls.add(l);
            as.add(a);
        }
        loss.getData().setAll(ls);
        accuracy.getData().setAll(as);
    }

    /** The step the pages show: the frame's moment, or the timeline run's end while live. */
    private long shownStep() {
        Moment m = model.frame().moment();
        return m.live() ? timeline.step() : m.step();
    }

    /** The dashed line at the timeline's step on both charts. */
    private void placeCursors() {
        place(loss, lossX, lossOverlay, lossCursor);
        place(accuracy, accX, accOverlay, accCursor);
    }

    private void place(LineChart<Number, Number> chart, NumberAxis x, Pane overlay, Line line) {
        Node plot = chart.lookup(".chart-plot-background");
        if (timeline.run() == null || plot == null || chart.getData().isEmpty()) {
            line.setVisible(false);
            return;
        }
        chart.layout();
        long step = shownStep();
        double px = x.getDisplayPosition(step);
        Point2D top = overlay.sceneToLocal(x.localToScene(px, 0));
        Bounds pb = overlay.sceneToLocal(plot.localToScene(plot.getBoundsInLocal()));
        if (top == null || pb == null || px < 0 || px > x.getWidth()) {
            line.setVisible(false);
            return;
        }
        line.setStartX(top.getX());
        line.setEndX(top.getX());
        line.setStartY(pb.getMinY());
        line.setEndY(pb.getMaxY());
        line.setVisible(true);
    }

    /** Both runs' filters at the timeline's step (each clamped to its own run), on one scale. */
    private void paintFilters() {
        GraphicsContext g = filters.getGraphicsContext2D();
        g.clearRect(0, 0, filters.getWidth(), filters.getHeight());
        SessionRun a = left.getValue();
        SessionRun b = right.getValue();
        Dataset train = model.data() == null ? null : model.data().train();
        if (a == null || train == null) {
            compareNote.setText("");
            return;
        }
        if (train != replayData) {
            replays.clear();
            replayData = train;
        }
        long step = shownStep();
        List<double[]> shown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        for (SessionRun r : b == null || b == a ? List.of(a) : List.of(a, b)) {
            RunHistory h = r.history();
            long s = Math.max(h.startStep(), Math.min(step, h.endStep()));
            try {
                RunReplay replay = replays.computeIfAbsent(r, k -> new RunReplay(k.history(), train));
                Network net = replay.seek(s);
                shown.add(net.conv.filters().clone());
                names.add(String.format(Locale.ROOT, "%s, step %,d", r.name(), s));
            } catch (IllegalArgumentException e) {
                note.append(r.name()).append(": ").append(e.getMessage()).append(". ");
            }
        }
        compareNote.setText(note.toString());
        double scale = 1e-12;
        for (double[] f : shown) {
            for (double v : f) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        g.setFont(Font.font(12));
        double y = 0;
        for (int k = 0; k < shown.size(); k++) {
            double[] f = shown.get(k);
            int count = f.length / 9;
            g.setFill(Color.gray(0.2));
            g.fillText(names.get(k), 0, y + 12);
            for (int fi = 0; fi < count; fi++) {
                double x0 = fi * (3 * CELL + 8);
                for (int i = 0; i < 9; i++) {
                    g.setFill(ColorMap.toColor(ColorMap.DIVERGING.argbSymmetric(f[fi * 9 + i], scale)));
                    g.fillRect(x0 + (i % 3) * CELL, y + 16 + (i / 3) * CELL, CELL, CELL);
                }
            }
            y += 16 + 3 * CELL + 8;
        }
    }

    /** A run with its overlay box, its settings and how far it got. */
    private final class RunCell extends ListCell<SessionRun> {
        private final CheckBox box = new CheckBox();
        private final Label settings = new Label();
        private final VBox text;
        private SessionRun bound;

        RunCell() {
            settings.setWrapText(true);
            settings.getStyleClass().add("hint");
            text = new VBox(2, box, settings);
            settings.setMaxWidth(320);
        }

        @Override
        protected void updateItem(SessionRun r, boolean empty) {
            super.updateItem(r, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.overlaidProperty());
                bound = null;
            }
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            bound = r;
            box.selectedProperty().bindBidirectional(r.overlaidProperty());
            box.setText(r.name() + " (" + r.progress() + ")");
            settings.setText(r.settings());
            setGraphic(text);
        }
    }
}
