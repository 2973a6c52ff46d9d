package org.cnnexplorer.app.draw;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.cnnexplorer.app.view.ViewHeader;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.ViewKeys;
import org.cnnexplorer.app.render.ColorLegend;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.view.LiveView;
import org.cnnexplorer.app.render.ProbabilityBars;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.draw.Drawing;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The "Draw" tab: draw a digit with the mouse or a pen and watch the network read it. Beside the
 * paper: the 28x28 image the network actually gets (cropped, scaled to a 20-pixel box, centred by
 * mass, the way MNIST was made), the saliency of the predicted class over it, and the ten
 * probabilities, all updated on every pen movement. While its tab is hidden it does not follow
 * the training's snapshots; it catches up when shown.
 */
public final class DrawView extends LiveView {
    /** The paper is 280x280: ten screen pixels per network pixel. */
    public static final int PAPER = 280;
    /**
     * Pen radius in paper pixels. A digit drawn most of the paper's height (about 200 px) is scaled
     * by 20/200, so a 24-px stroke comes out about 2.4 px wide, like MNIST's strokes.
     */
    public static final double PEN_RADIUS = 12;
    /**
     * Strokes that would come out wider than this at 28x28 (about the widest tenth of MNIST's) are
     * read as drawn with a finer pen, one that makes them {@link #MNIST_STROKE} wide (MNIST's median).
     */
    static final double MAX_STROKE = 3.5;
    static final double MNIST_STROKE = 2.5;

    private final AppModel model;
    private final Drawing drawing = new Drawing(PAPER, PAPER, PEN_RADIUS);
    private final SketchPad pad;
    private final HeatmapView input = new HeatmapView(6);
    private final HeatmapView saliency = new HeatmapView(6);
    private final ColorLegend saliencyLegend = new ColorLegend(ColorMap.DIVERGING, "∂p/∂pixel", 168);
    private final ProbabilityBars bars = new ProbabilityBars();
    private final Label prediction = new Label();
    private final Label saliencyTitle = new Label("Saliency");
    private final Button undo = new Button("Undo");
    private final Button clear = new Button("Clear");
    private final Button stepThrough = new Button("Step through backprop with this digit…");
    private final Button featureMaps = new Button("Show in feature maps");
    private final LivePredictor predictor = new LivePredictor();
    private final VBox answer;
    private final DrawnInput drawnInput;
    private final ReadOnlyIntegerWrapper predicted = new ReadOnlyIntegerWrapper(this, "predicted", -1);
    private double[] inkOutline = new double[0];
    private double[] lastProbabilities = new double[0];
    private boolean weightsWaiting;
    private Consumer<double[]> onStepThrough;
    private Consumer<double[]> onFeatureMaps;

    public DrawView(AppModel model, DrawnInput drawnInput) {
        this.model = model;
        this.drawnInput = drawnInput;
        this.pad = new SketchPad(drawing, this::penChanged, () -> {
            if (weightsWaiting) {
                requestRender();
            }
        });
        setId("draw-view");
        setPadding(new Insets(10));

        ViewHeader top = new ViewHeader("Draw a digit",
                "Draw with the mouse or a pen. The drawing is cropped to its ink, scaled so its longer side "
                + "is 20 pixels and centred by its centre of mass in 28×28, as MNIST's digits were; the network then runs its "
                + "forward pass (convolution, max pooling, softmax) on every pen movement.", "");
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        undo.setId("draw-undo");
        undo.setTooltip(new Tooltip("Take back the last stroke (Ctrl+Z)"));
        undo.setOnAction(e -> undo());
        clear.setId("draw-clear");
        clear.setTooltip(new Tooltip("Start again (Delete or Escape); Undo brings it back"));
        clear.setOnAction(e -> clear());
        Label keys = new Label("Ctrl+Z undo · Delete or Esc clear");
        keys.getStyleClass().add("hint");
        org.cnnexplorer.app.view.WholeText.keep(undo, clear);
        keys.setMinWidth(0);
        HBox padButtons = new HBox(8, undo, clear, keys);
        padButtons.setAlignment(Pos.CENTER_LEFT);
        VBox paper = new VBox(6, caption("Paper (280 × 280)"), pad, padButtons);

        input.setId("draw-input");
        input.setPrefSize(168, 168);
        input.setGrid(0, null);
        saliency.setId("draw-saliency");
        saliency.setPrefSize(168, 168);
        saliency.setOverlay(this::outlineInk);
        Label inputNote = new Label("Dashed box on the paper: the crop.");
        inputNote.getStyleClass().add("hint");
        Label saliencyNote = new Label("Red: more ink here would raise the predicted class's probability; blue: lower it. "
                + "The outline is the digit. When the network is very sure, p hardly moves and the numbers are tiny; "
                + "the colours are scaled to the largest.");
        saliencyNote.getStyleClass().add("hint");
        saliencyNote.setWrapText(true);
        saliencyNote.setMaxWidth(190);
        saliencyTitle.getStyleClass().add("caption");
        saliencyTitle.setId("draw-saliency-title");
        VBox network = new VBox(6, caption("Network input (28 × 28)"), input, inputNote, saliencyTitle, saliency, saliencyLegend, saliencyNote);

        prediction.setId("draw-prediction");
        prediction.getStyleClass().add("prediction");
        bars.setId("draw-probabilities");
        bars.setPrefSize(420, 240);
        stepThrough.setId("draw-step-through");
        stepThrough.setTooltip(new Tooltip("Open this drawing in the Backprop step tab, with a label you choose"));
        stepThrough.setOnAction(e -> send(onStepThrough));
        featureMaps.setId("draw-feature-maps");
        featureMaps.setOnAction(e -> send(onFeatureMaps));
        featureMaps.setVisible(false);
        featureMaps.setManaged(false);
        answer = new VBox(8, caption("What the network reads"), prediction, bars, stepThrough, featureMaps);

        // in a narrow window the answer goes under the paper (scrolled to), not off the window's edge
        javafx.scene.layout.FlowPane body = new javafx.scene.layout.FlowPane(24, 16, paper, network, answer);
        body.setAlignment(Pos.TOP_LEFT);
        body.setRowValignment(javafx.geometry.VPos.TOP);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        ViewKeys.install(this, this::key);
        // While the pen moves, each move recomputes with the newest weights anyway; new weights
        // (30 a second during training) would double the work per frame, so they wait for the pen.
        model.snapshotProperty().addListener((obs, old, s) -> {
            if (drawing.isEmpty()) {
                return;
            }
            if (pad.isPenDown()) {
                weightsWaiting = true;
            } else {
                requestRender();
            }
        });
        requestRender();
    }

    /** Adds controls under the prediction (e.g. "Add to my digits"). */
    public void addControls(javafx.scene.Node n) {
        answer.getChildren().add(n);
    }

    /** Where "Step through backprop" sends the drawn digit (scaled 28x28 input). */
    public void setOnStepThrough(Consumer<double[]> c) {
        this.onStepThrough = c;
    }

    /** Where "Show in feature maps" sends the drawn digit; the button shows only once this is set. */
    public void setOnFeatureMaps(Consumer<double[]> c) {
        this.onFeatureMaps = c;
        featureMaps.setVisible(c != null);
        featureMaps.setManaged(c != null);
    }

    /** The drawing as the network's input (28x28, scaled to [-0.5, 0.5]), or null while the paper is blank. */
    public ReadOnlyObjectProperty<double[]> drawnInputProperty() {
        return drawnInput.property();
    }

    /** The predicted digit, -1 while the paper is blank. */
    public ReadOnlyIntegerProperty predictedProperty() {
        return predicted.getReadOnlyProperty();
    }

    /** The ten probabilities shown (empty while the paper is blank). */
    public double[] lastProbabilities() {
        return lastProbabilities.clone();
    }

    public Drawing drawing() {
        return drawing;
    }

    public void undo() {
        if (drawing.undo()) {
            pad.repaintAll();
            requestRender();
        }
    }

    public void clear() {
        if (drawing.clear()) {
            pad.repaintAll();
            requestRender();
        }
    }

    private void key(KeyEvent e) {
        if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
            undo();
            e.consume();
        } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.BACK_SPACE) {
            clear();
            e.consume();
        }
    }

    private void send(Consumer<double[]> target) {
        double[] x = drawnInput.get();
        if (target != null && x != null) {
            target.accept(x.clone());
        }
    }

    private void penChanged() {
        requestRender();
    }

    /** Preprocess, predict and show; runs on every change of the drawing, and of the model while shown. */
    @Override
    protected void render() {
        weightsWaiting = false;
        undo.setDisable(!drawing.canUndo());
        clear.setDisable(drawing.isEmpty());
        // A small digit is read as if drawn with a finer pen (see Drawing.inkForNetwork).
        double[] ink = drawing.inkForNetwork(DigitPreprocessor.BOX, MAX_STROKE, MNIST_STROKE);
        DigitPreprocessor.Prepared prep = DigitPreprocessor.prepare(ink, PAPER, PAPER);
        pad.setCrop(prep.crop());
        input.setData(prep.pixels(), 0, DigitPreprocessor.SIZE, DigitPreprocessor.SIZE, ColorMap.GREYS, 0, 1);
        boolean blank = prep.empty();
        stepThrough.setDisable(blank);
        featureMaps.setDisable(blank);
        if (blank) {
            drawnInput.set(null);
            predicted.set(-1);
            bars.clear();
            lastProbabilities = new double[0];
            saliency.clear();
            saliencyLegend.clearRange();
            inkOutline = new double[0];
            prediction.setText("Draw a digit…");
            saliencyTitle.setText("Saliency");
            return;
        }
        double[] scaled = DigitPreprocessor.toScaled(prep.pixels());
        NetworkSnapshot weights = model.snapshot();
        LivePredictor.Result r = predictor.predict(weights, scaled);
        int k = r.predicted();
        inkOutline = prep.pixels();
        drawnInput.set(scaled);
        predicted.set(k);
        bars.setProbabilities(r.probabilities(), -1);
        lastProbabilities = r.probabilities();
        prediction.setText(String.format(Locale.ROOT, "Prediction: %d (%.1f%%)", k, 100 * r.probabilities()[k]));
        double m = Math.max(r.saliency().maxAbs(), 1e-12);
        saliency.setData(r.saliency().dPdX(), 0, DigitPreprocessor.SIZE, DigitPreprocessor.SIZE, ColorMap.DIVERGING, -m, m);
        saliencyLegend.setSymmetric(m, "%.2g");
        saliencyTitle.setText("Saliency of " + k + ": ∂p_" + k + "/∂pixel");
    }

    /** Outlines the input's ink (cells at least half inked) over the saliency map. */
    private void outlineInk(javafx.scene.canvas.GraphicsContext gc, double x0, double y0, double cell, int cols, int rows) {
        if (inkOutline.length != cols * rows) {
            return;
        }
        // One path for the whole outline: a single stroke is far cheaper to paint than hundreds.
        gc.setStroke(Color.gray(0.15, 0.8));
        gc.setLineWidth(1.2);
        gc.beginPath();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!inked(r, c, cols, rows)) {
                    continue;
                }
                double x = x0 + c * cell;
                double y = y0 + r * cell;
                if (!inked(r - 1, c, cols, rows)) {
                    segment(gc, x, y, x + cell, y);
                }
                if (!inked(r + 1, c, cols, rows)) {
                    segment(gc, x, y + cell, x + cell, y + cell);
                }
                if (!inked(r, c - 1, cols, rows)) {
                    segment(gc, x, y, x, y + cell);
                }
                if (!inked(r, c + 1, cols, rows)) {
                    segment(gc, x + cell, y, x + cell, y + cell);
                }
            }
        }
        gc.stroke();
    }

    private static void segment(javafx.scene.canvas.GraphicsContext gc, double x0, double y0, double x1, double y1) {
        gc.moveTo(x0, y0);
        gc.lineTo(x1, y1);
    }

    private boolean inked(int r, int c, int cols, int rows) {
        return r >= 0 && c >= 0 && r < rows && c < cols && inkOutline[r * cols + c] >= 0.5;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }
}
