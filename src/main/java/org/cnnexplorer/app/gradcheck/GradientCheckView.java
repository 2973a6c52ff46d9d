package org.cnnexplorer.app.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import org.cnnexplorer.app.view.ViewHeader;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.explain.GradientChecker;
import org.cnnexplorer.explain.WeightRef;
import org.cnnexplorer.nn.Network;

/**
 * The "Gradient check" tab: backprop's gradient for weights the learner picks, against a central
 * difference (L(w + ε) − L(w − ε)) / 2ε, with the relative error and a pass/fail mark, on one image.
 * Explains max pooling's ties, where the two legitimately disagree, and offers tiny noise to break them.
 */
public final class GradientCheckView extends BorderPane {
    /** Noise added to break ties: far below one grey level (1/255 ≈ 0.004). */
    public static final double NOISE = 1e-3;

    private final AppModel model;
    private final ObservableValue<double[]> drawnInput;
    private final ObservableList<WeightRef> picked = FXCollections.observableArrayList();
    private final TableView<GradientChecker.Result> table = new TableView<>();
    private final ReadOnlyObjectWrapper<List<GradientChecker.Result>> results = new ReadOnlyObjectWrapper<>(this, "results", List.of());

    private final ToggleGroup sourceGroup = new ToggleGroup();
    private final RadioButton fromTraining = new RadioButton("Training image #");
    private final RadioButton fromDrawing = new RadioButton("Your drawing");
    private final Spinner<Integer> imageIndex = new Spinner<>(0, 59_999, 0);
    private final ChoiceBox<String> rule = new ChoiceBox<>(FXCollections.observableArrayList(
            "every tied position (the article)", "the first max only"));
    private final CheckBox noise = new CheckBox(String.format(Locale.ROOT, "add tiny noise (±%.0e) to break ties", NOISE));
    private final ChoiceBox<String> kind = new ChoiceBox<>(FXCollections.observableArrayList(
            "conv filter f (x, y)", "softmax weight f (row, col) → class k", "softmax bias k"));
    private final Spinner<Integer> f = new Spinner<>(1, 64, 1);
    private final Spinner<Integer> x = new Spinner<>(0, 12, 1);
    private final Spinner<Integer> y = new Spinner<>(0, 12, 1);
    private final Spinner<Integer> k = new Spinner<>(0, 9, 0);
    private final Label summary = new Label();
    private final Random rng = new Random(1);
    private org.cnnexplorer.train.NetworkSnapshot checked;
    private String checkedSummary = "";

    public GradientCheckView(AppModel model, ObservableValue<double[]> drawnInput) {
        this.model = model;
        this.drawnInput = drawnInput;
        setId("gradcheck-view");
        setPadding(new Insets(10));

        ViewHeader header = new ViewHeader("Gradient check: is backprop right?",
                "For each weight w, backprop's ∂L/∂w (analytic) is compared with the slope of the loss measured "
                + "directly, (L(w + ε) − L(w − ε)) / 2ε with ε = 1e−6 (numeric). Relative error |a − n| / (|a| + |n|): "
                + "a pass is below 1e−3 (or an absolute difference below 1e−8).",
                "Max pooling is not differentiable where a 2×2 block's maximum is shared: MNIST's flat background "
                + "ties in almost every block. There the article's rule sends the gradient to every tied position, while the "
                + "loss really moves as if only one of them counted, so a filter weight's check can disagree for a good "
                + "reason: it is marked TIE, not FAIL. Tiny noise on the image (invisible, far below one grey level) breaks "
                + "the ties, and then every weight should pass. Softmax weights and biases do not pass through pooling.");
        setTop(new VBox(4, header, inputControls(), pickControls()));

        table.setId("gradcheck-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("weight", r -> r.weight().label(), 230));
        table.getColumns().add(column("analytic ∂L/∂w", r -> sci(r.analytic()), 140));
        table.getColumns().add(column("numeric", r -> sci(r.numeric()), 140));
        table.getColumns().add(column("|a − n|", r -> sci(r.absError()), 110));
        table.getColumns().add(column("relative error", r -> sci(r.relError()), 120));
        table.getColumns().add(statusColumn());
        table.setPlaceholder(new Label("Pick weights above."));
        BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
        setCenter(table);
        summary.setId("gradcheck-summary");
        summary.setPadding(new Insets(6, 0, 0, 0));
        setBottom(summary);

        addRandom(20);
        // A check takes a few milliseconds, so it simply reruns on every change.
        picked.addListener((javafx.collections.ListChangeListener<WeightRef>) c -> run());
        model.dataProperty().addListener((o, was, now) -> run());
        model.snapshotProperty().addListener((o, was, now) -> {
            updateIndexFields();
            updateStale();
        });
        sourceGroup.selectedToggleProperty().addListener((o, was, now) -> run());
        imageIndex.valueProperty().addListener((o, was, now) -> run());
        rule.valueProperty().addListener((o, was, now) -> run());
        noise.selectedProperty().addListener((o, was, now) -> run());
        run();
    }

    /** A flow, not a row: at the usual window width the labels were cut to "I..." and "Your dra...". */
    private javafx.scene.layout.FlowPane inputControls() {
        fromTraining.setToggleGroup(sourceGroup);
        fromDrawing.setToggleGroup(sourceGroup);
        fromTraining.setSelected(true);
        fromDrawing.disableProperty().bind(drawnInput.map(v -> false).orElse(true));
        imageIndex.setEditable(true);
        org.cnnexplorer.app.view.SpinnerGuard.guard(imageIndex);
        imageIndex.setPrefWidth(100);
        imageIndex.setId("gradcheck-image-index");
        rule.setId("gradcheck-rule");
        rule.setValue(model.snapshot().firstMaxOnly ? rule.getItems().get(1) : rule.getItems().get(0));
        noise.setId("gradcheck-noise");
        noise.setSelected(true);
        Button run = new Button("Run check again");
        run.setId("gradcheck-run");
        run.setDefaultButton(true);
        run.setOnAction(e -> run());
        javafx.scene.layout.FlowPane h = new javafx.scene.layout.FlowPane(8, 6, new Label("Image:"), fromTraining, imageIndex, fromDrawing,
                new Label("   pooling gradient goes to"), rule, noise, run);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(8, 0, 0, 0));
        return h;
    }

    private VBox pickControls() {
        kind.setValue(kind.getItems().get(0));
        kind.setId("gradcheck-kind");
        f.setId("gradcheck-f");
        for (Spinner<Integer> s : List.of(f, x, y, k)) {
            s.setEditable(true);
            org.cnnexplorer.app.view.SpinnerGuard.guard(s);
            s.setPrefWidth(72);
        }
        // Only the indices the chosen kind of weight has are enabled.
        kind.valueProperty().addListener((o, was, now) -> updateIndexFields());
        updateIndexFields();
        Button add = new Button("Add");
        add.setId("gradcheck-add");
        add.setOnAction(e -> addPicked());
        Button random = new Button("Add 20 random");
        random.setId("gradcheck-random");
        random.setOnAction(e -> addRandom(20));
        Button filters = new Button("Add all filter weights");
        filters.setTooltip(new Tooltip("Every weight of every 3×3 filter"));
        filters.setOnAction(e -> addAllFilters());
        Button clear = new Button("Clear list");
        clear.setId("gradcheck-clear");
        clear.setOnAction(e -> picked.clear());
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(picked).asString("%d weights picked"));
        // a narrow window wraps the row rather than cutting its button's word
        javafx.scene.layout.FlowPane one = new javafx.scene.layout.FlowPane(8, 6, new Label("Add a weight:"), kind, new Label("f"), f,
                new Label("x / row"), x, new Label("y / col"), y, new Label("class k"), k, add);
        one.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane many = new javafx.scene.layout.FlowPane(8, 6, random, filters, clear, count);
        many.setAlignment(Pos.CENTER_LEFT);
        VBox v = new VBox(6, one, many);
        v.setPadding(new Insets(6, 0, 0, 0));
        return v;
    }

    private void updateIndexFields() {
        int kindIndex = kind.getItems().indexOf(kind.getValue());
        var arch = model.snapshot().arch;
        // The softmax weights' f counts the pooled maps: the last convolution's filters.
        int filters = kindIndex == 1 ? arch.lastFilters() : arch.filters1();
        int pooled = (model.snapshot().height - 2 * arch.convLayers()) / 2;
        f.setDisable(kindIndex == 2);
        x.setDisable(kindIndex == 2);
        y.setDisable(kindIndex == 2);
        k.setDisable(kindIndex == 0);
        int maxXy = kindIndex == 0 ? 2 : pooled - 1;
        range(f, filters);
        range(x, maxXy);
        range(y, maxXy);
    }

    private static void range(Spinner<Integer> s, int max) {
        var factory = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        factory.setMax(max);
        if (factory.getValue() > max) {
            factory.setValue(max);
        }
    }

    /** The results of the last run (FX thread). */
    public ReadOnlyObjectProperty<List<GradientChecker.Result>> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    public List<WeightRef> picked() {
        return List.copyOf(picked);
    }

    /** Sets whether noise breaks the ties (for tests and the keyboard-less). */
    public void setNoise(boolean on) {
        noise.setSelected(on);
    }

    /** The first typed field that is not a whole number in its range, said as a sentence; or null. */
    private String fieldProblem(List<Spinner<Integer>> fields, List<String> names) {
        for (int i = 0; i < fields.size(); i++) {
            String p = fields.get(i).isDisabled() ? null : org.cnnexplorer.app.view.SpinnerGuard.problem(fields.get(i));
            if (p != null) {
                return names.get(i) + " must be " + p + ".";
            }
        }
        return null;
    }

    private void addPicked() {
        String wrong = fieldProblem(List.of(f, x, y, k), List.of("f", "x / row", "y / col", "class k"));
        if (wrong != null) {
            summary.setText(wrong + " Nothing was added.");
            return;
        }
        Network shape = model.snapshot().toNetwork();
        WeightRef w = switch (kind.getItems().indexOf(kind.getValue())) {
            case 0 -> WeightRef.filter(f.getValue() - 1, x.getValue(), y.getValue());
            case 1 -> WeightRef.weight(f.getValue() - 1, x.getValue(), y.getValue(), k.getValue());
            default -> WeightRef.bias(k.getValue());
        };
        try {
            w.validate(shape);
        } catch (IllegalArgumentException e) {
            summary.setText(String.format(Locale.ROOT, "%s is outside this model: it has %s (f 1–%d), filter rows and "
                    + "columns 0–2, pooled rows and columns 0–%d, classes 0–9.", w.label(), org.cnnexplorer.app.Words.filters(shape.pooledChannels()),
                    shape.pooledChannels(), shape.pooledHeight() - 1));
            return;
        }
        if (!picked.contains(w)) {
            picked.add(w);
        }
    }

    private void addRandom(int n) {
        for (WeightRef w : WeightRef.random(model.snapshot().toNetwork(), n, rng)) {
            if (!picked.contains(w)) {
                picked.add(w);
            }
        }
    }

    private void addAllFilters() {
        int filters = model.snapshot().numFilters;
        for (int i = 0; i < filters * 9; i++) {
            WeightRef w = WeightRef.filter(i / 9, (i % 9) / 3, i % 3);
            if (!picked.contains(w)) {
                picked.add(w);
            }
        }
    }

    /** Runs the check on a private copy of the current model (a few ms per hundred weights). */
    public void run() {
        double[] input;
        int label;
        String wrong = fromDrawing.isSelected() ? null : fieldProblem(List.of(imageIndex), List.of("Training image #"));
        if (wrong != null) {
            summary.setText(wrong + " The check was not run.");
            return;
        }
        if (fromDrawing.isSelected() && drawnInput.getValue() != null) {
            input = drawnInput.getValue();
            Network net = model.snapshot().toNetwork();
            net.setInput(input);
            label = Network.argmax(net.forward());
        } else {
            Dataset train = model.data() == null ? null : model.data().train();
            if (train == null) {
                summary.setText("MNIST is still loading…");
                return;
            }
            int idx = Math.min(imageIndex.getValue(), train.count() - 1);
            Network scratch = new Network(1, train.rows(), train.cols(), 0);
            input = scratch.setInput(train.pixels(), train.offset(idx)).data.clone();
            label = train.label(idx);
        }
        if (noise.isSelected()) {
            input = GradientChecker.withNoise(input, NOISE, 7);
        }
        checked = model.snapshot();
        Network net = checked.toNetwork();
        net.pool.setFirstMaxOnly(rule.getItems().indexOf(rule.getValue()) == 1);
        List<WeightRef> refs = new ArrayList<>();
        for (WeightRef w : picked) {
            try {
                w.validate(net);
                refs.add(w);
            } catch (IllegalArgumentException e) {
                // a weight picked for a model with more filters: skip it
            }
        }
        List<GradientChecker.Result> r = GradientChecker.check(net, input, label, refs);
        table.getItems().setAll(r);
        results.set(List.copyOf(r));
        long pass = r.stream().filter(q -> q.status() == GradientChecker.Status.PASS).count();
        long fail = r.stream().filter(q -> q.status() == GradientChecker.Status.FAIL).count();
        long tie = r.stream().filter(q -> q.status() == GradientChecker.Status.TIE).count();
        long floor = r.stream().filter(q -> q.status() == GradientChecker.Status.PASS && q.relError() > GradientChecker.MAX_REL_ERROR).count();
        checkedSummary = String.format(Locale.ROOT, "%d weights on %s (label %d)%s: %d pass (%d of them on the absolute floor: "
                        + "gradients so small that rounding in the loss dominates the difference), %d fail, %d at a pooling tie.",
                r.size(), fromDrawing.isSelected() && drawnInput.getValue() != null ? "your drawing" : "training image #" + imageIndex.getValue(),
                label, noise.isSelected() ? " with noise" : "", pass, floor, fail, tie);
        summary.setText(checkedSummary);
        updateStale();
    }

    /** True if the model has changed since the table was computed. */
    public boolean isStale() {
        return checked != null && !checked.sameWeights(model.snapshot());
    }

    /** Says so when the weights in the table are no longer the model's (training, a step applied, a model opened). */
    private void updateStale() {
        boolean stale = isStale();
        summary.setText(stale ? "The model has changed since this check (training, an applied step, or a model was opened): "
                + "press Run check again. " + checkedSummary : checkedSummary);
        if (stale) {
            if (!summary.getStyleClass().contains("stale")) {
                summary.getStyleClass().add("stale");
            }
        } else {
            summary.getStyleClass().remove("stale");
        }
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    private static TableColumn<GradientChecker.Result, String> column(String name,
            java.util.function.Function<GradientChecker.Result, String> value, double width) {
        TableColumn<GradientChecker.Result, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<GradientChecker.Result, GradientChecker.Result> statusColumn() {
        TableColumn<GradientChecker.Result, GradientChecker.Result> c = new TableColumn<>("result");
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleObjectProperty<>(d.getValue()));
        c.setPrefWidth(260);
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(GradientChecker.Result r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("check-pass", "check-fail", "check-tie");
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                switch (r.status()) {
                    case PASS -> {
                        setText(r.relError() <= GradientChecker.MAX_REL_ERROR ? "✔ pass"
                                : "✔ pass (both tiny: |a − n| < 1e−8)");
                        getStyleClass().add("check-pass");
                    }
                    case FAIL -> {
                        setText("✘ FAIL");
                        getStyleClass().add("check-fail");
                    }
                    default -> {
                        setText("≈ tie: not differentiable here");
                        getStyleClass().add("check-tie");
                    }
                }
            }
        });
        return c;
    }
}
