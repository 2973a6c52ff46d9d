package org.cnnexplorer.app.view;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.train.NetworkSnapshot;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.train.TrainConfig;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * The run's settings, the article's by default: learning rate, epochs, training and test sizes (up
 * to the whole set), seed, shuffling, number of filters and the max-pool tie rule. Locked while a
 * run is active. Each field is checked as it is typed, by the command line's rules: what is wrong
 * shows under the field, and until it is fixed the controller gets no config (Start, Step and
 * Reset wait). What a field shows is what a run uses: nothing is clamped or silently replaced.
 */
public final class SettingsPane extends TitledPane {
    private final AppModel model;
    private final TrainingController training;
    private final ValidationSupport validation = new ValidationSupport();
    private final Spinner<Double> learnRate = new Spinner<>();
    private final Spinner<Long> epochs = new Spinner<>();
    private final Spinner<Long> trainSize = new Spinner<>();
    private final CheckBox trainAll = new CheckBox("all");
    private final Spinner<Long> testSize = new Spinner<>();
    private final CheckBox testAll = new CheckBox("all");
    private final Spinner<Long> seed = new Spinner<>();
    private final Spinner<Long> filters = new Spinner<>();
    private final CheckBox shuffle = new CheckBox("Shuffle the training images every epoch");
    private final CheckBox firstMax = new CheckBox("Max-pool ties: route to the first max only");
    private final Map<Spinner<?>, Function<String, String>> rules = new LinkedHashMap<>();
    private final Map<Spinner<?>, Label> messages = new LinkedHashMap<>();
    private final Label filtersNote = new Label();
    private int trainCount = 60_000;
    private int testCount = 10_000;
    private final CheckBox augment = new CheckBox("Augment the training images");
    // The network options: the defaults are the article's network. Arrows only (not typed), so
    // they can never show a value they do not use.
    private final CheckBox relu = new CheckBox("ReLU after each convolution");
    private final Spinner<Integer> convLayers = new Spinner<>(1, 2, 1);
    private final Spinner<Integer> filters2 = new Spinner<>(1, Architecture.MAX_FILTERS_TWO_LAYERS, 16);
    private final ChoiceBox<Init> init = new ChoiceBox<>(FXCollections.observableArrayList(Init.values()));
    private final Spinner<Integer> batch = new Spinner<>(1, TrainConfig.MAX_BATCH, 1);

    public SettingsPane(AppModel model, TrainingController training) {
        this.model = model;
        this.training = training;
        setText("Settings (the article's by default)");
        setCollapsible(false);
        setId("settings");

        learnRate.setValueFactory(new CheckedSpinnerFactory<>(0.005,
                s -> {
                    double d = SettingsRules.learnRate(s);
                    return Double.isNaN(d) ? null : d;
                },
                d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(),
                (v, n) -> {
                    // 0.001 steps, and tenths of that below 0.001, never reaching 0
                    double by = v + n * 0.001 > 0.0005 && v >= 0.001 ? 0.001 : 0.0001;
                    double next = BigDecimal.valueOf(v).add(BigDecimal.valueOf(n * by)).doubleValue();
                    return next > 0 ? next : v;
                }));
        epochs.setValueFactory(CheckedSpinnerFactory.whole(3, () -> 1, () -> SettingsRules.MAX_EPOCHS, 1));
        trainSize.setValueFactory(CheckedSpinnerFactory.whole(1000, () -> 1, () -> trainCount, 1000));
        testSize.setValueFactory(CheckedSpinnerFactory.whole(1000, () -> 1, () -> testCount, 1000));
        seed.setValueFactory(CheckedSpinnerFactory.whole(1, () -> Long.MIN_VALUE, () -> Long.MAX_VALUE, 1));
        filters.setValueFactory(CheckedSpinnerFactory.whole(8, () -> 1, () -> SettingsRules.MAX_FILTERS, 1));

        rules.put(learnRate, SettingsRules::learnRateProblem);
        rules.put(epochs, s -> SettingsRules.wholeProblem("Epochs", s, 1, SettingsRules.MAX_EPOCHS));
        rules.put(trainSize, s -> trainAll.isSelected() ? null : SettingsRules.wholeProblem("Training images", s, 1, trainCount));
        rules.put(testSize, s -> testAll.isSelected() ? null : SettingsRules.wholeProblem("Test images", s, 1, testCount));
        rules.put(seed, s -> SettingsRules.wholeProblem("Seed", s, Long.MIN_VALUE, Long.MAX_VALUE));
        rules.put(filters, s -> SettingsRules.wholeProblem(convLayers.getValue() == 2 ? "Filters (two layers)" : "Filters", s, 1,
                convLayers.getValue() == 2 ? Architecture.MAX_FILTERS_TWO_LAYERS : SettingsRules.MAX_FILTERS));

        learnRate.setId("learn-rate");
        epochs.setId("epochs");
        trainSize.setId("train-size");
        testSize.setId("test-size");
        seed.setId("seed");
        filters.setId("filters");
        shuffle.setId("shuffle");
        firstMax.setId("first-max-only");
        trainAll.setId("train-all");
        testAll.setId("test-all");
        filtersNote.setId("filters-note");
        filtersNote.getStyleClass().add("hint");
        filtersNote.setWrapText(true);
        relu.setId("relu");
        convLayers.setId("conv-layers");
        filters2.setId("filters2");
        init.setId("init");
        batch.setId("batch");
        init.setValue(Init.ARTICLE);
        init.setConverter(new StringConverter<>() {
            @Override
            public String toString(Init i) {
                return i == null ? "" : switch (i) {
                    case ARTICLE -> "article (N(0,1)/9, N(0,1)/inputs)";
                    case GLOROT -> "Glorot";
                    case HE -> "He";
                };
            }

            @Override
            public Init fromString(String t) {
                return Init.parse(t);
            }
        });
        filters2.disableProperty().bind(convLayers.valueProperty().isEqualTo(1));
        relu.setTooltip(new Tooltip("max(0, x) after each convolution; the article has none"));
        convLayers.setTooltip(new Tooltip("2 adds a second 3x3 convolution that sees every filter of the first (26x26 -> 24x24, pooled to 12x12)"));
        init.setTooltip(new Tooltip("How the first weights are drawn: the article's, Glorot's sqrt(2/(fan in + fan out)) or He's sqrt(2/fan in)"));
        batch.setTooltip(new Tooltip("Images per update, with the gradients averaged over them (the article: 1)"));
        for (Spinner<Integer> s : java.util.List.of(convLayers, filters2, batch)) {
            s.setPrefWidth(120);
        }
        shuffle.setSelected(true);
        trainSize.disableProperty().bind(trainAll.selectedProperty());
        testSize.disableProperty().bind(testAll.selectedProperty());
        learnRate.setTooltip(new Tooltip("SGD step size: weights -= learning rate × gradient (the article: 0.005)"));
        firstMax.setTooltip(new Tooltip("The article copies a block's gradient to every position equal to its max (on flat background all four tie)."));
        filters.setTooltip(new Tooltip("Number of 3x3 filters in the conv layer, 1 to 64 (the article: 8); a change takes new weights"));
        seed.setTooltip(new Tooltip("Seed of the initial weights and the shuffling: the same seed gives the same run"));
        epochs.setTooltip(new Tooltip("Passes over the training images, 1 to 100,000 (the article: 3)"));

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(6));
        int r = 0;
        r = field(g, r, "Learning rate", learnRate, learnRate);
        r = field(g, r, "Epochs", epochs, epochs);
        r = field(g, r, "Training images", new HBox(6, trainSize, trainAll), trainSize);
        r = field(g, r, "Test images", new HBox(6, testSize, testAll), testSize);
        r = field(g, r, "Seed", seed, seed);
        r = field(g, r, "Filters", filters, filters);
        g.add(filtersNote, 0, r++, 2, 1);
        // The experiments' options fold away, so the article's settings keep their place.
        GridPane net = new GridPane();
        net.setHgap(8);
        net.setVgap(6);
        int n = 0;
        net.addRow(n++, whole("Conv layers"), convLayers);
        net.addRow(n++, whole("Filters, layer 2"), filters2);
        net.add(relu, 0, n++, 2, 1);
        net.addRow(n++, whole("Initialisation"), init);
        net.addRow(n, whole("Mini-batch"), batch);
        javafx.scene.control.TitledPane netPane = new javafx.scene.control.TitledPane("Network options (the article's by default)", null);
        netPane.setId("network-options");
        netPane.setExpanded(false);
        // The folded fields join the window when first opened: styled and laid out while folded,
        // they cost the first frame though nobody sees them. Their values count all the same.
        netPane.expandedProperty().addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    netPane.expandedProperty().removeListener(this);
                    netPane.setContent(net);
                }
            }
        });
        netPane.setAnimated(false);
        g.add(netPane, 0, r++, 2, 1);
        g.add(shuffle, 0, r++, 2, 1);
        g.add(firstMax, 0, r++, 2, 1);
        augment.setId("augment");
        augment.setTooltip(new Tooltip("Every epoch half the images, picked at random, are shifted up to 1 pixel, rotated up to 10 degrees and their strokes "
                + "made a little thicker or thinner, at random from the seed (command line: --augment)"));
        augment.selectedProperty().bindBidirectional(training.augmentProperty());
        g.add(augment, 0, r++, 2, 1);
        Label hint = new Label("Seed and filters give new weights at Reset; a change of the network (filters, layers, ReLU,"
                + " initialisation) gives new weights at the next Start; the others apply at the next Start.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        g.add(hint, 0, r, 2, 1);
        setContent(g);

        for (Spinner<?> s : rules.keySet()) {
            s.setEditable(true);
            s.setPrefWidth(120);
            // Typed text counts at once (an F5 while typing must not use the old value);
            // Enter or leaving the field tidies it up.
            s.getEditor().textProperty().addListener((o, was, now) -> publish());
            s.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    s.commitValue();
                }
            });
            Function<String, String> rule = rules.get(s);
            validation.registerValidator(s.getEditor(), false,
                    (javafx.scene.control.Control c, String text) -> ValidationResult.fromErrorIf(c, String.valueOf(rule.apply(text)), rule.apply(text) != null));
        }

        disableProperty().bind(training.stateProperty().isNotEqualTo(TrainingController.RunState.IDLE));
        for (var p : new javafx.beans.value.ObservableValue<?>[] {shuffle.selectedProperty(), firstMax.selectedProperty(),
                trainAll.selectedProperty(), testAll.selectedProperty(), relu.selectedProperty(), convLayers.valueProperty(),
                filters2.valueProperty(), init.valueProperty(), batch.valueProperty()}) {
            p.addListener((o, was, now) -> {
                validation.revalidate();
                publish();
            });
        }
        model.dataProperty().addListener((o, was, d) -> {
            if (d != null) {
                trainCount = d.train().count();
                testCount = d.test().count();
                trainAll.setText("all " + String.format("%,d", trainCount));
                testAll.setText("all " + String.format("%,d", testCount));
                validation.revalidate();
                publish();
            }
        });
        // The Filters box follows the live weights (an opened model, a reset), as --init does on
        // the command line; a different number typed here means new weights, and the note says so.
        model.snapshotProperty().addListener((o, was, now) -> {
            if (now != null && (was == null || was.numFilters != now.numFilters)) {
                filters.getValueFactory().setValue((long) now.numFilters);
            }
            noteFilters();
        });
        model.modelNameProperty().addListener((o, was, now) -> noteFilters());
        publish();
    }

    /** A label that is never cut short ("Convolutio…" in a narrow column). */
    private static Label whole(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** Adds a labelled field with the line under it that says what is wrong with it (hidden while nothing is). */
    private int field(GridPane g, int row, String name, javafx.scene.Node node, Spinner<?> spinner) {
        Label m = new Label();
        m.getStyleClass().add("field-error");
        m.setWrapText(true);
        m.setMaxWidth(200);
        m.setId(spinner.getId() == null ? null : spinner.getId() + "-error");
        m.setVisible(false);
        m.setManaged(false);
        messages.put(spinner, m);
        Label l = new Label(name);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new Insets(4, 0, 0, 0));
        g.addRow(row, l, new javafx.scene.layout.VBox(2, node, m));
        return row + 1;
    }

    /** What is wrong with the settings, or null if a run can use them. */
    public String problem() {
        for (Map.Entry<Spinner<?>, Function<String, String>> e : rules.entrySet()) {
            String p = e.getValue().apply(e.getKey().getEditor().getText());
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The settings as shown, as a config; only call when {@link #problem()} is null. */
    public TrainConfig config() {
        return new TrainConfig(trainAll.isSelected() ? TrainConfig.ALL : (int) (long) typed(trainSize, 1, trainCount),
                testAll.isSelected() ? TrainConfig.ALL : (int) (long) typed(testSize, 1, testCount),
                (int) (long) typed(epochs, 1, SettingsRules.MAX_EPOCHS), SettingsRules.learnRate(learnRate.getEditor().getText()),
                typed(seed, Long.MIN_VALUE, Long.MAX_VALUE), shuffle.isSelected(),
                architecture(), firstMax.isSelected(), batch.getValue());
    }

    /** The network the options describe (only while {@link #problem()} is null: filters are checked per layer count). */
    public Architecture architecture() {
        boolean two = convLayers.getValue() == 2;
        int f1 = (int) (long) typed(filters, 1, two ? Architecture.MAX_FILTERS_TWO_LAYERS : SettingsRules.MAX_FILTERS);
        return new Architecture(f1, two ? filters2.getValue() : 0, relu.isSelected(), init.getValue() == null ? Init.ARTICLE : init.getValue());
    }

    private static Long typed(Spinner<Long> s, long min, long max) {
        return SettingsRules.whole(s.getEditor().getText(), min, max);
    }

    /** The validation behind the field marks, for tests. */
    public ValidationSupport validation() {
        return validation;
    }

    /** Shows a config in the controls (a teacher's scenario); the controller takes it up as usual. */
    public void show(TrainConfig c) {
        learnRate.getValueFactory().setValue(c.learnRate());
        epochs.getValueFactory().setValue((long) c.epochs());
        trainAll.setSelected(c.trainSize() == TrainConfig.ALL);
        testAll.setSelected(c.testSize() == TrainConfig.ALL);
        if (c.trainSize() != TrainConfig.ALL) {
            trainSize.getValueFactory().setValue((long) c.trainSize());
        }
        if (c.testSize() != TrainConfig.ALL) {
            testSize.getValueFactory().setValue((long) c.testSize());
        }
        seed.getValueFactory().setValue(c.seed());
        filters.getValueFactory().setValue((long) c.numFilters());
        shuffle.setSelected(c.shuffle());
        firstMax.setSelected(c.firstMaxOnly());
        Architecture a = c.architecture();
        convLayers.getValueFactory().setValue(a.convLayers());
        if (a.convLayers() == 2) {
            filters2.getValueFactory().setValue(a.filters2());
        }
        relu.setSelected(a.relu());
        init.setValue(a.init());
        batch.getValueFactory().setValue(c.batch());
        publish();
    }

    private void publish() {
        String problem = null;
        for (Map.Entry<Spinner<?>, Function<String, String>> e : rules.entrySet()) {
            String p = e.getValue().apply(e.getKey().getEditor().getText());
            Label m = messages.get(e.getKey());
            m.setText(p == null ? "" : p);
            m.setVisible(p != null);
            m.setManaged(p != null);
            if (problem == null) {
                problem = p;
            }
        }
        training.settingsProblemProperty().set(problem);
        if (problem == null) {
            training.configProperty().set(config());
        }
        noteFilters();
    }

    /** Under Filters: whether Start keeps the live weights or draws new ones. */
    private void noteFilters() {
        NetworkSnapshot s = model.snapshot();
        Long f = typed(filters, 1, SettingsRules.MAX_FILTERS);
        boolean differs = s != null && f != null && f != s.numFilters;
        filtersNote.setText(differs ? "The current weights have " + org.cnnexplorer.app.Words.filters(s.numFilters)
                + ": Start or Reset draws new weights with " + f + "." : "");
        filtersNote.setVisible(differs);
        filtersNote.setManaged(differs);
    }
}
