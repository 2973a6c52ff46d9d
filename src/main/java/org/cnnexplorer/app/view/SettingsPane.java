package org.cnnexplorer.app.view;

import java.math.BigDecimal;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.TrainingController;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.train.TrainConfig;

/**
 * The run's settings, the article's by default: learning rate, epochs, training and test sizes (up
 * to the whole set), seed, shuffling, number of filters and the max-pool tie rule. Locked while a
 * run is active; each change becomes the controller's next {@link TrainConfig}.
 */
public final class SettingsPane extends TitledPane {
    private final TrainingController training;
    private final Spinner<Double> learnRate = new Spinner<>();
    private final Spinner<Integer> epochs = new Spinner<>(1, 100, 3);
    private final Spinner<Integer> trainSize = new Spinner<>(1, 60_000, 1000, 1000);
    private final CheckBox trainAll = new CheckBox("all");
    private final Spinner<Integer> testSize = new Spinner<>(1, 10_000, 1000, 1000);
    private final CheckBox testAll = new CheckBox("all");
    private final Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 1);
    private final Spinner<Integer> filters = new Spinner<>(1, 32, 8);
    private final CheckBox shuffle = new CheckBox("Shuffle the training images every epoch");
    private final CheckBox firstMax = new CheckBox("Max-pool ties: route to the first max only");
    // The network options (issue 11): none of them is the article's but the defaults.
    private final CheckBox relu = new CheckBox("ReLU after each convolution");
    private final Spinner<Integer> convLayers = new Spinner<>(1, 2, 1);
    private final Spinner<Integer> filters2 = new Spinner<>(1, Architecture.MAX_FILTERS_TWO_LAYERS, 16);
    private final ComboBox<Init> init = new ComboBox<>(FXCollections.observableArrayList(Init.values()));
    private final Spinner<Integer> batch = new Spinner<>(1, TrainConfig.MAX_BATCH, 1);

    public SettingsPane(AppModel model, TrainingController training) {
        this.training = training;
        setText("Settings (the article's by default)");
        setCollapsible(false);
        setId("settings");

        SpinnerValueFactory.DoubleSpinnerValueFactory lr = new SpinnerValueFactory.DoubleSpinnerValueFactory(0.0001, 1, 0.005, 0.001);
        lr.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }

            @Override
            public Double fromString(String s) {
                try {
                    double d = Double.parseDouble(s.trim());
                    return d > 0 && Double.isFinite(d) ? d : lr.getValue();
                } catch (NumberFormatException e) {
                    return lr.getValue();
                }
            }
        });
        learnRate.setValueFactory(lr);
        for (Spinner<?> s : new Spinner<?>[] {learnRate, epochs, trainSize, testSize, seed, filters, convLayers, filters2, batch}) {
            s.setEditable(true);
            s.setPrefWidth(120);
            // Commit typed text when focus leaves, not only on Enter.
            s.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    s.increment(0);
                }
            });
        }
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
        shuffle.setSelected(true);
        trainSize.disableProperty().bind(trainAll.selectedProperty());
        testSize.disableProperty().bind(testAll.selectedProperty());
        learnRate.setTooltip(new Tooltip("SGD step size: weights -= learning rate × gradient (the article: 0.005)"));
        firstMax.setTooltip(new Tooltip("The article copies a block's gradient to every position equal to its max (on flat background all four tie)."));
        filters.setTooltip(new Tooltip("Number of 3x3 filters in the conv layer (the article: 8); a change takes new weights"));
        seed.setTooltip(new Tooltip("Seed of the initial weights and the shuffling: the same seed gives the same run"));

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(6));
        int r = 0;
        g.addRow(r++, new Label("Learning rate"), learnRate);
        g.addRow(r++, new Label("Epochs"), epochs);
        g.addRow(r++, new Label("Training images"), new HBox(6, trainSize, trainAll));
        g.addRow(r++, new Label("Test images"), new HBox(6, testSize, testAll));
        g.addRow(r++, new Label("Seed"), seed);
        g.addRow(r++, new Label("Filters"), filters);
        g.addRow(r++, new Label("Convolution layers"), convLayers);
        g.addRow(r++, new Label("Filters, layer 2"), filters2);
        g.add(relu, 0, r++, 2, 1);
        g.addRow(r++, new Label("Initialisation"), init);
        g.addRow(r++, new Label("Mini-batch"), batch);
        g.add(shuffle, 0, r++, 2, 1);
        g.add(firstMax, 0, r++, 2, 1);
        Label hint = new Label("Seed and filters give new weights at Reset; a change of the network (filters, layers, ReLU,"
                + " initialisation) gives new weights at the next Start; the others apply at the next Start.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        g.add(hint, 0, r, 2, 1);
        setContent(g);

        disableProperty().bind(training.stateProperty().isNotEqualTo(TrainingController.RunState.IDLE));
        for (var p : new javafx.beans.value.ObservableValue<?>[] {learnRate.valueProperty(), epochs.valueProperty(),
                trainSize.valueProperty(), testSize.valueProperty(), seed.valueProperty(), filters.valueProperty(),
                shuffle.selectedProperty(), firstMax.selectedProperty(), trainAll.selectedProperty(), testAll.selectedProperty(),
                relu.selectedProperty(), convLayers.valueProperty(), filters2.valueProperty(), init.valueProperty(),
                batch.valueProperty()}) {
            p.addListener((o, was, now) -> publish());
        }
        model.dataProperty().addListener((o, was, d) -> {
            if (d != null) {
                ((SpinnerValueFactory.IntegerSpinnerValueFactory) trainSize.getValueFactory()).setMax(d.train().count());
                ((SpinnerValueFactory.IntegerSpinnerValueFactory) testSize.getValueFactory()).setMax(d.test().count());
                trainAll.setText("all " + String.format("%,d", d.train().count()));
                testAll.setText("all " + String.format("%,d", d.test().count()));
            }
        });
        publish();
    }

    /** The settings as a config. */
    public TrainConfig config() {
        return new TrainConfig(trainAll.isSelected() ? TrainConfig.ALL : trainSize.getValue(),
                testAll.isSelected() ? TrainConfig.ALL : testSize.getValue(),
                epochs.getValue(), learnRate.getValue(), seed.getValue(), shuffle.isSelected(),
                architecture(), firstMax.isSelected(), batch.getValue());
    }

    /** The network the options describe. */
    public Architecture architecture() {
        boolean two = convLayers.getValue() == 2;
        int f1 = two ? Math.min(filters.getValue(), Architecture.MAX_FILTERS_TWO_LAYERS) : filters.getValue();
        return new Architecture(f1, two ? filters2.getValue() : 0, relu.isSelected(), init.getValue() == null ? Init.ARTICLE : init.getValue());
    }

    private void publish() {
        training.configProperty().set(config());
    }
}
