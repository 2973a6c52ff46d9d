package org.cnnexplorer.app.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import org.cnnexplorer.app.view.ViewHeader;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.ViewKeys;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.explain.BackpropTrace;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The "Backprop step" tab: one training step of the article's CNN on one image and label, stage
 * by stage, each with its equation and real numbers. The numbers come from a {@link BackpropTrace}
 * computed on a private copy of the current model; "Apply" then makes the step the model's new state.
 * Keys: Right or Page Down for the next stage, Left or Page Up for the previous, Home and End.
 */
public final class BackpropStepView extends BorderPane {
    private final AppModel model;
    private final ObservableValue<double[]> drawnInput;
    private final List<BackpropStage> stages = new ArrayList<>();
    /** The trace whose network's shape the stages were made for. */
    private BackpropTrace stagesShape;
    private final ReadOnlyObjectWrapper<BackpropTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyIntegerWrapper stageIndex = new ReadOnlyIntegerWrapper(this, "stage", 0);

    private final ToggleGroup sourceGroup = new ToggleGroup();
    private final RadioButton fromTraining = new RadioButton("Training image #");
    private final RadioButton fromDrawing = new RadioButton("Your drawing, label");
    private final Spinner<Integer> imageIndex = new Spinner<>(0, 59_999, 0);
    private final ChoiceBox<Integer> drawnLabel = new ChoiceBox<>(FXCollections.observableArrayList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    private final TextField learnRate = new TextField("0.005");
    private final Label sourceInfo = new Label();
    private final ListView<String> stageList = new ListView<>();
    private final Label position = new Label();
    private final Label stageTitle = new Label();
    private final Label equation = new Label();
    private final Label explanation = new Label();
    private final ScrollPane content = new ScrollPane();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");
    private final Button apply = new Button("Apply this step to the model");
    /** The rate field holds something that is not a rate: nothing is applied until it is fixed. */
    private boolean rateInvalid;
    private final Button recompute = new Button("Recompute");
    private final Label status = new Label();
    private String sourceText = "";
    private ObservableBooleanValue trainingActive = new SimpleBooleanProperty(false);

    /** @param drawnInput the drawing as a network input (null while blank), from the Draw tab */
    public BackpropStepView(AppModel model, ObservableValue<double[]> drawnInput) {
        this.model = model;
        this.drawnInput = drawnInput;
        // Until a trace exists, the stages of the article's network (their titles name its sizes).
        stagesShape = BackpropTrace.record(new Network(8, 28, 28, 0), new double[28 * 28], 0, 0.005);
        stages.addAll(ForwardStages.all(stagesShape));
        stages.addAll(BackwardStages.all(stagesShape));
        setId("backprop-view");
        setPadding(new Insets(10));

        ViewHeader header = new ViewHeader("One backprop step, stage by stage",
                "The article's train(im, label): a forward pass, the loss, then gradients from the end back to the "
                + "filters, and the SGD update, with this model's real numbers. Nothing changes until you press Apply. "
                + "Keys: → or Page Down next, ← or Page Up back.", "");
        setTop(new VBox(4, header, controls()));

        stageList.setId("backprop-stages");
        listStages();
        stageList.setPrefWidth(250);
        stageList.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0 && b.intValue() != stageIndex.get()) {
                show(b.intValue());
            }
        });
        BorderPane.setMargin(stageList, new Insets(8, 10, 0, 0));
        setLeft(stageList);

        stageTitle.getStyleClass().add("stage-title");
        stageTitle.setId("backprop-stage-title");
        equation.getStyleClass().add("equation");
        equation.setId("backprop-equation");
        equation.setWrapText(true);
        explanation.getStyleClass().add("explanation");
        explanation.setWrapText(true);
        content.setFitToWidth(true);
        content.setPadding(new Insets(6));
        content.getStyleClass().add("stage-content");
        content.setId("backprop-content");
        VBox.setVgrow(content, Priority.ALWAYS);
        // Rebuild the stage when the width changes enough to fit more or fewer maps in a row.
        content.viewportBoundsProperty().addListener((o, a, b) -> {
            if (Math.abs(a.getWidth() - b.getWidth()) > 40 && trace.get() != null) {
                show(stageIndex.get());
            }
        });
        VBox centre = new VBox(6, stageTitle, equation, explanation, content);
        centre.setPadding(new Insets(8, 0, 0, 0));
        setCenter(centre);
        setBottom(navigation());

        ViewKeys.install(this, this::key);
        model.dataProperty().addListener((o, a, b) -> recompute());
        model.snapshotProperty().addListener((o, a, b) -> updateStale());
        drawnInput.addListener((o, a, b) -> {
            if (fromDrawing.isSelected()) {
                recompute();
            }
        });
        recompute();
        show(0);
    }

    private javafx.scene.layout.FlowPane controls() {
        fromTraining.setToggleGroup(sourceGroup);
        fromDrawing.setToggleGroup(sourceGroup);
        fromTraining.setSelected(true);
        fromTraining.setId("backprop-from-training");
        fromDrawing.setId("backprop-from-drawing");
        imageIndex.setId("backprop-image-index");
        imageIndex.setEditable(true);
        org.cnnexplorer.app.view.SpinnerGuard.guard(imageIndex);
        imageIndex.setPrefWidth(100);
        drawnLabel.setId("backprop-label");
        drawnLabel.setValue(0);
        drawnLabel.setTooltip(new Tooltip("The digit you meant: the step trains the network towards it"));
        learnRate.setId("backprop-learn-rate");
        learnRate.setPrefColumnCount(6);
        sourceInfo.getStyleClass().add("hint");
        sourceGroup.selectedToggleProperty().addListener((o, a, b) -> recompute());
        imageIndex.valueProperty().addListener((o, a, b) -> recompute());
        drawnLabel.valueProperty().addListener((o, a, b) -> recompute());
        // Every keystroke counts: Apply must never use a rate other than the one on screen.
        learnRate.textProperty().addListener((o, a, b) -> recompute());
        Label lr = new Label("learning rate η");
        // A flow, not a row: in a zoomed window it wraps instead of running off the right edge.
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(8, 6, fromTraining, imageIndex, fromDrawing, drawnLabel, lr, learnRate, sourceInfo);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private HBox navigation() {
        back.setId("backprop-back");
        next.setId("backprop-next");
        apply.setId("backprop-apply");
        recompute.setId("backprop-recompute");
        status.setId("backprop-status");
        position.setId("backprop-position");
        back.setOnAction(e -> back());
        next.setOnAction(e -> next());
        apply.setOnAction(e -> apply());
        apply.setTooltip(new Tooltip("Make this step's updated weights the model's (the other views show them)"));
        recompute.setOnAction(e -> recompute());
        recompute.setTooltip(new Tooltip("Compute the step again with the current model"));
        status.setWrapText(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // The buttons and the stage line keep their whole labels (AtlantaFX's wider buttons, a
        // zoomed window); the status line wraps into the room that is left.
        org.cnnexplorer.app.view.WholeText.keep(back, next, position, recompute, apply);
        status.setMinWidth(40);
        HBox nav = new HBox(8, back, next, position, gap, status, recompute, apply);
        nav.setAlignment(Pos.CENTER_LEFT);
        nav.setPadding(new Insets(8, 0, 0, 0));
        return nav;
    }

    /**
     * While a training run is active (running or paused) it owns the live network on the engine
     * thread, so Apply waits: it is disabled and says why.
     */
    public void setTrainingActive(ObservableBooleanValue active) {
        this.trainingActive = active;
        active.addListener((o, was, now) -> updateApply());
        updateApply();
    }

    private void updateApply() {
        boolean busy = trainingActive.get();
        apply.setDisable(trace.get() == null || busy || rateInvalid);
        if (busy) {
            status.setText("Training is running or paused: stop it (Training > Stop) to apply a step by hand.");
        }
    }

    /** Shows a drawn digit with the label the user means (the Draw tab's button). */
    public void useDrawnDigit(int label) {
        drawnLabel.setValue(label);
        fromDrawing.setSelected(true);
        recompute();
    }

    /** Gives the keyboard to the drawn digit's label (after a drawing was sent here). */
    public void focusLabel() {
        drawnLabel.requestFocus();
    }

    /** Shows training image {@code index}. */
    public void useTrainingImage(int index) {
        fromTraining.setSelected(true);
        imageIndex.getValueFactory().setValue(index);
        recompute();
    }

    public ReadOnlyObjectProperty<BackpropTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stageIndexProperty() {
        return stageIndex.getReadOnlyProperty();
    }

    public int stageCount() {
        return stages.size();
    }

    public String stageId(int i) {
        return stages.get(i).id();
    }

    /**
     * A lesson's focus cue: "stage dLdb" shows that stage (see {@link #stageId}); returns the id of
     * the node to mark, or null for parts this view does not name.
     */
    public String highlight(String part) {
        String[] w = part.trim().split("\\s+");
        if (w.length == 2 && w[0].equals("stage")) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).id().equals(w[1])) {
                    show(i);
                    return "backprop-equation";
                }
            }
        }
        return null;
    }

    public void next() {
        show(Math.min(stages.size() - 1, stageIndex.get() + 1));
    }

    public void back() {
        show(Math.max(0, stageIndex.get() - 1));
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) {
            next();
        } else if (k == KeyCode.LEFT || k == KeyCode.PAGE_UP) {
            back();
        } else if (k == KeyCode.HOME) {
            show(0);
        } else if (k == KeyCode.END) {
            show(stages.size() - 1);
        } else {
            return;
        }
        e.consume();
    }

    /** Computes the step again from the newest snapshot and the chosen image, label and rate. */
    public void recompute() {
        double lr;
        try {
            lr = Double.parseDouble(learnRate.getText().trim());
            if (!(lr >= 0) || lr > 10) {
                throw new NumberFormatException();
            }
            learnRate.getStyleClass().remove("invalid");
            rateInvalid = false;
        } catch (NumberFormatException ex) {
            if (!learnRate.getStyleClass().contains("invalid")) {
                learnRate.getStyleClass().add("invalid");
            }
            rateInvalid = true;
            updateApply();
            status.setText("The learning rate must be a number between 0 and 10, e.g. 0.005.");
            return;
        }
        double[] input;
        int label;
        if (fromDrawing.isSelected()) {
            input = drawnInput.getValue();
            label = drawnLabel.getValue();
            if (input == null) {
                setTrace(null, "Nothing drawn yet: draw a digit in the Draw tab, or pick a training image.");
                return;
            }
            sourceText = "Your drawing, with the label you gave";
        } else {
            Dataset train = model.data() == null ? null : model.data().train();
            if (train == null) {
                setTrace(null, "Loading MNIST…");
                return;
            }
            int idx = Math.min(imageIndex.getValue(), train.count() - 1);
            Network scratch = new Network(1, train.rows(), train.cols(), 0);
            input = scratch.setInput(train.pixels(), train.offset(idx)).data.clone();
            label = train.label(idx);
            sourceText = "Training image #" + idx + " (label " + label + ")";
        }
        NetworkSnapshot s = model.snapshot();
        if (s.height * s.width != input.length) {
            setTrace(null, "The model expects " + s.height + "×" + s.width + " images.");
            return;
        }
        setTrace(BackpropTrace.record(s, input, label, lr), "");
    }

    private void listStages() {
        stageList.getItems().clear();
        for (int i = 0; i < stages.size(); i++) {
            stageList.getItems().add((i + 1) + ". " + stages.get(i).title());
        }
    }

    /** A network of another shape (ReLU, a second convolution) has other stages: list them, staying on the same one where it exists. */
    private void followShape(BackpropTrace t) {
        if (t == null || (t.convLayers == stagesShape.convLayers && t.relu == stagesShape.relu && t.poolHeight == stagesShape.poolHeight)) {
            return;
        }
        String at = stages.get(Math.min(stageIndex.get(), stages.size() - 1)).id();
        stagesShape = t;
        stages.clear();
        stages.addAll(ForwardStages.all(t));
        stages.addAll(BackwardStages.all(t));
        listStages();
        int keep = 0;
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(at)) {
                keep = i;
            }
        }
        stageIndex.set(keep);
    }

    private void setTrace(BackpropTrace t, String message) {
        followShape(t);
        trace.set(t);
        status.setText(message);
        sourceInfo.setText(t == null ? "" : "p_c = " + StageWidgets.prob(t.probabilities()[t.label]) + ",  L = " + StageWidgets.num(t.loss));
        updateStale();
        updateApply();
        show(stageIndex.get());
    }

    /** Tells the user when the model has moved on since the numbers were computed. */
    private void updateStale() {
        BackpropTrace t = trace.get();
        boolean stale = t != null && model.snapshot() != null && model.snapshot().version != t.snapshotVersion;
        recompute.setVisible(stale);
        recompute.setManaged(stale);
        if (stale) {
            status.setText("The model has changed since these numbers were computed (training, or a model was opened).");
        }
    }

    private double contentWidth() {
        double w = content.getViewportBounds().getWidth();
        return w > 100 ? w : 900;
    }

    /** Shows stage i (0-based), as a click in the list does. */
    public void showStage(int i) {
        show(i);
    }

    private void show(int i) {
        stageIndex.set(i);
        BackpropStage s = stages.get(i);
        position.setText(String.format(Locale.ROOT, "Stage %d of %d", i + 1, stages.size()));
        stageTitle.setText(s.title());
        equation.setText(s.equation());
        explanation.setText(s.explanation());
        back.setDisable(i == 0);
        next.setDisable(i == stages.size() - 1);
        if (stageList.getSelectionModel().getSelectedIndex() != i) {
            stageList.getSelectionModel().select(i);
            stageList.scrollTo(Math.max(0, i - 3));
        }
        BackpropTrace t = trace.get();
        announce(StageAnnouncement.of(i, stages.size(), s, t, status.getText()));
        if (t == null) {
            Label waiting = new Label(status.getText());
            content.setContent(waiting);
        } else {
            content.setContent(s.content().apply(new StepContext(t, sourceText, contentWidth())));
        }
    }

    /**
     * Screen readers: the stage line carries the stage's title and main number as its accessible
     * text, and says when it changes; the Next and Back buttons repeat it as their help.
     */
    private void announce(String said) {
        if (said.equals(position.getAccessibleText())) {
            return;
        }
        position.setAccessibleText(said);
        next.setAccessibleHelp(said);
        back.setAccessibleHelp(said);
        position.notifyAccessibleAttributeChanged(javafx.scene.AccessibleAttribute.TEXT);
    }

    /** What the stage line says to a screen reader now. */
    public String announcement() {
        return position.getAccessibleText();
    }

    /**
     * Commits the step: on the engine thread, and only if the live model still has the weights the
     * step was computed from, writes the updated weights into it (the store then publishes them).
     * Completes with whether it was applied.
     */
    public CompletableFuture<Boolean> apply() {
        BackpropTrace t = trace.get();
        if (t == null || trainingActive.get() || rateInvalid) {
            return CompletableFuture.completedFuture(false);
        }
        apply.setDisable(true);
        double pcBefore = t.probabilities()[t.label];
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        model.store().submit(net -> {
            boolean unchanged = t.startsFrom(net);
            if (unchanged) {
                t.applyTo(net);
            }
            return unchanged;
        }).whenComplete((ok, err) -> Platform.runLater(() -> {
            updateApply();
            if (err != null) {
                status.setText("Could not apply the step: " + err.getMessage());
                done.complete(false);
                return;
            }
            model.refreshSnapshot();
            if (ok) {
                model.countHandStep();
            }
            recompute();
            if (ok) {
                BackpropTrace now = trace.get();
                String[] p = now == null ? new String[] {StageWidgets.prob(pcBefore), "?"}
                        : StageWidgets.probs(pcBefore, now.probabilities()[t.label]);
                status.setText(String.format(Locale.ROOT, "Applied. For this image p_%d went from %s to %s; the numbers now "
                        + "show the next step, and the other views show the updated model.", t.label, p[0], p[1]));
                model.statusProperty().set("Applied one backprop step (η = " + t.learnRate + ") to the model");
            } else {
                status.setText("Not applied: the model changed since this step was computed. The numbers are now recomputed "
                        + "with the current model; press Apply again to apply them.");
            }
            done.complete(ok);
        }));
        return done;
    }
}
