package org.cnnexplorer.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.cnnexplorer.train.DecimatedSeries;
import org.cnnexplorer.train.TrainingHistory;

/**
 * The learning curves: loss and accuracy over training images seen, for the article's 100-step
 * training windows and for each test evaluation. Points come from a {@link TrainingHistory}
 * (already decimated); a sync appends what is new. When the history starts over (a new run, a
 * reset, other weights) or merges points, the lines are replaced by new series: a LineChart keeps
 * drawing a series' old path after its data is cleared, at the old pixel positions on the new axis.
 */
public final class TrainingCharts extends VBox {
    private final LineChart<Number, Number> lossChart;
    private final LineChart<Number, Number> accuracyChart;
    private final StepAxis lossX;
    private final StepAxis accuracyX;
    private final BooleanProperty hasData = new SimpleBooleanProperty(this, "hasData");
    private XYChart.Series<Number, Number> trainLoss;
    private XYChart.Series<Number, Number> testLoss;
    private XYChart.Series<Number, Number> trainAcc;
    private XYChart.Series<Number, Number> testAcc;
    private final javafx.scene.shape.Line lossCursor = cursorLine("loss-cursor");
    private final javafx.scene.shape.Line accuracyCursor = cursorLine("accuracy-cursor");
    private final javafx.scene.layout.Pane lossOverlay = new javafx.scene.layout.Pane(lossCursor);
    private final javafx.scene.layout.Pane accuracyOverlay = new javafx.scene.layout.Pane(accuracyCursor);
    /** The step the timeline shows, or NaN while it follows live training (no cursor then). */
    private double cursorStep = Double.NaN;
    private long seenRebuilds = -1;
    private long seenTestRebuilds = -1;
    private boolean shownDots = true;
    static final int MAX_DOTS = 60;
    private int shownTrain;
    private int shownTest;

    public TrainingCharts() {
        lossChart = chart("Loss", "cross-entropy loss");
        accuracyChart = chart("Accuracy", "accuracy (%)");
        lossX = new StepAxis((NumberAxis) lossChart.getXAxis());
        accuracyX = new StepAxis((NumberAxis) accuracyChart.getXAxis());
        NumberAxis accY = (NumberAxis) accuracyChart.getYAxis();
        accY.setAutoRanging(false);
        accY.setLowerBound(0);
        accY.setUpperBound(100);
        accY.setTickUnit(10);
        // Until the first point, show the range a new network starts in (ln 10 = 2.3) rather
        // than an empty axis's 0 to 100; with data the axis fits itself.
        NumberAxis lossY = (NumberAxis) lossChart.getYAxis();
        lossY.setLowerBound(0);
        lossY.setUpperBound(2.5);
        lossY.setTickUnit(0.5);
        lossY.autoRangingProperty().bind(hasData);
        newSeries();
        lossChart.setId("loss-chart");
        accuracyChart.setId("accuracy-chart");
        // The cursors sit on panes over the charts, so the charts' own layout never moves them.
        javafx.scene.layout.StackPane lossStack = new javafx.scene.layout.StackPane(lossChart, lossOverlay);
        javafx.scene.layout.StackPane accuracyStack = new javafx.scene.layout.StackPane(accuracyChart, accuracyOverlay);
        lossOverlay.setMouseTransparent(true);
        accuracyOverlay.setMouseTransparent(true);
        lossOverlay.layoutBoundsProperty().addListener((o, a, b) -> placeCursors());
        accuracyOverlay.layoutBoundsProperty().addListener((o, a, b) -> placeCursors());
        // and follow the axes: a wider y axis (longer tick labels) shifts the x axis, a new range rescales it
        for (LineChart<Number, Number> chart : java.util.List.of(lossChart, accuracyChart)) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.widthProperty().addListener((o, a, b) -> placeCursorsLater());
            x.layoutXProperty().addListener((o, a, b) -> placeCursorsLater());
            x.scaleProperty().addListener((o, a, b) -> placeCursorsLater());
            chart.getYAxis().widthProperty().addListener((o, a, b) -> placeCursorsLater());
        }
        VBox.setVgrow(lossStack, Priority.ALWAYS);
        VBox.setVgrow(accuracyStack, Priority.ALWAYS);
        getChildren().addAll(lossStack, accuracyStack);
        setSpacing(4);
    }

    private static LineChart<Number, Number> chart(String title, String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel("training images seen (steps)");
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(true);
        c.setMinHeight(150);  // two of them and the export row fit the smallest window
        return c;
    }

    /** Empty lines in place of the old ones (their paths go with them). */
    private void newSeries() {
        trainLoss = new XYChart.Series<>();
        testLoss = new XYChart.Series<>();
        trainAcc = new XYChart.Series<>();
        testAcc = new XYChart.Series<>();
        trainLoss.setName("training, average of each 100 steps");
        testLoss.setName("test set");
        trainAcc.setName("training, last 100 steps");
        testAcc.setName("test set");
        // back to the empty chart's loss range (autoranging had changed the tick unit)
        NumberAxis lossY = (NumberAxis) lossChart.getYAxis();
        lossY.setLowerBound(0);
        lossY.setUpperBound(2.5);
        lossY.setTickUnit(0.5);
        lossChart.getData().setAll(List.of(trainLoss, testLoss));
        accuracyChart.getData().setAll(List.of(trainAcc, testAcc));
        shownTrain = 0;
        shownTest = 0;
    }

    /** Brings the lines up to date with the history (FX thread). */
    public void sync(TrainingHistory h) {
        DecimatedSeries train = h.chartTrain();
        DecimatedSeries test = h.chartTest();
        boolean dots = test.size() <= MAX_DOTS;
        if (train.rebuilds() != seenRebuilds || test.rebuilds() != seenTestRebuilds || dots != shownDots
                || train.size() < shownTrain || test.size() < shownTest) {
            seenRebuilds = train.rebuilds();
            seenTestRebuilds = test.rebuilds();
            shownDots = dots;
            if (shownTrain + shownTest > 0) {
                newSeries();  // (empty lines need no replacing: that cost a run's start a few frames)
            }
        }
        if (train.size() > shownTrain) {
            List<XYChart.Data<Number, Number>> loss = new ArrayList<>();
            List<XYChart.Data<Number, Number>> acc = new ArrayList<>();
            for (int i = shownTrain; i < train.size(); i++) {
                loss.add(new XYChart.Data<>(train.x(i), train.y(0, i)));
                acc.add(new XYChart.Data<>(train.x(i), 100 * train.y(1, i)));
            }
            trainLoss.getData().addAll(loss);
            trainAcc.getData().addAll(acc);
            shownTrain = train.size();
        }
        if (test.size() > shownTest) {
            List<XYChart.Data<Number, Number>> loss = new ArrayList<>();
            List<XYChart.Data<Number, Number>> acc = new ArrayList<>();
            for (int i = shownTest; i < test.size(); i++) {
                // an infinite loss (weights that give a digit no probability) has no place on
                // the axis, and would take the axis's labels with it: the status line says it
                if (Double.isFinite(test.y(0, i))) {
                    loss.add(marked(new XYChart.Data<>(test.x(i), test.y(0, i)), dots));
                }
                acc.add(marked(new XYChart.Data<>(test.x(i), 100 * test.y(1, i)), dots));
            }
            testLoss.getData().addAll(loss);
            testAcc.getData().addAll(acc);
            shownTest = test.size();
        }
        hasData.set(shownTrain + shownTest > 0);
        double maxX = Math.max(shownTrain > 0 ? train.x(shownTrain - 1) : 0, shownTest > 0 ? test.x(shownTest - 1) : 0);
        lossX.setMax(maxX);
        accuracyX.setMax(maxX);
        placeCursors();
    }

    private static javafx.scene.shape.Line cursorLine(String id) {
        javafx.scene.shape.Line l = new javafx.scene.shape.Line();
        l.setId(id);
        l.getStyleClass().add("step-cursor");
        l.setStroke(javafx.scene.paint.Color.gray(0.35));
        l.getStrokeDashArray().setAll(4.0, 3.0);
        l.setStrokeWidth(1.5);
        l.setManaged(false);
        l.setVisible(false);
        return l;
    }

    /** A dashed line at this step on both charts (the timeline's step), or none for NaN (live). */
    public void setCursor(double step) {
        if (Double.compare(step, cursorStep) != 0) {
            cursorStep = step;
            placeCursors();
        }
    }

    /** After the layout pass under way (placing lays the chart out, which must not happen inside its own layout). */
    private void placeCursorsLater() {
        if (!placePending) {
            placePending = true;
            javafx.application.Platform.runLater(() -> {
                placePending = false;
                placeCursors();
            });
        }
    }

    private boolean placePending;

    private void placeCursors() {
        place(lossChart, lossOverlay, lossCursor);
        place(accuracyChart, accuracyOverlay, accuracyCursor);
    }

    private void place(LineChart<Number, Number> chart, javafx.scene.layout.Pane overlay, javafx.scene.shape.Line line) {
        javafx.scene.Node plot = chart.lookup(".chart-plot-background");
        NumberAxis x = (NumberAxis) chart.getXAxis();
        if (Double.isNaN(cursorStep) || plot == null || getScene() == null) {
            line.setVisible(false);
            return;
        }
        chart.layout();  // the axis has the bounds of the newest sync
        double px = x.getDisplayPosition(cursorStep);
        javafx.geometry.Point2D at = overlay.sceneToLocal(x.localToScene(px, 0));
        javafx.geometry.Bounds pb = overlay.sceneToLocal(plot.localToScene(plot.getBoundsInLocal()));
        if (at == null || pb == null || px < 0 || px > x.getWidth()) {
            line.setVisible(false);
            return;
        }
        line.setStartX(at.getX());
        line.setEndX(at.getX());
        line.setStartY(pb.getMinY());
        line.setEndY(pb.getMaxY());
        line.setVisible(true);
    }

    /** The cursor lines, for tests (in their overlay's coordinates). */
    public javafx.scene.shape.Line lossCursor() {
        return lossCursor;
    }

    public javafx.scene.shape.Line accuracyCursor() {
        return accuracyCursor;
    }

    /** A dot on each test point while they are few enough to tell apart (many tiny epochs made a solid band). */
    private static XYChart.Data<Number, Number> marked(XYChart.Data<Number, Number> d, boolean dots) {
        if (!dots) {
            return d;  // the line alone (the charts create no symbols of their own)
        }
        javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4.5);
        dot.getStyleClass().add("test-point");
        d.setNode(dot);
        return d;
    }

    /** Points on the training loss line, for tests. */
    public int trainPoints() {
        return trainLoss.getData().size();
    }

    /** Test points on the accuracy chart (the loss chart leaves out infinite losses). */
    public int testPoints() {
        return testAcc.getData().size();
    }

    public int testLossPoints() {
        return testLoss.getData().size();
    }

    /** The two charts, for tests. */
    public LineChart<Number, Number> lossChart() {
        return lossChart;
    }

    public LineChart<Number, Number> accuracyChart() {
        return accuracyChart;
    }
}
