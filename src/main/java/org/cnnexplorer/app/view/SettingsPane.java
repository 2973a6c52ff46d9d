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
    private final CheckBox augment = new CheckBox("Augment the training images (shift, rotate, stroke)");

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
        for (Spinner<?> s : new Spinner<?>[] {learnRate, epochs, trainSize, testSize, seed, filters}) {
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
        g.add(shuffle, 0, r++, 2, 1);
        g.add(firstMax, 0, r++, 2, 1);
        augment.setId("augment");
        augment.setTooltip(new Tooltip("Every epoch half the images, picked at random, are shifted up to 1 pixel, rotated up to 10 degrees and their strokes "
                + "made a little thicker or thinner, at random from the seed (command line: --augment)"));
        augment.selectedProperty().bindBidirectional(training.augmentProperty());
        g.add(augment, 0, r++, 2, 1);
        Label hint = new Label("Seed and filters give new weights at Reset; the others apply at the next Start.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        g.add(hint, 0, r, 2, 1);
        setContent(g);

        disableProperty().bind(training.stateProperty().isNotEqualTo(TrainingController.RunState.IDLE));
        for (var p : new javafx.beans.value.ObservableValue<?>[] {learnRate.valueProperty(), epochs.valueProperty(),
                trainSize.valueProperty(), testSize.valueProperty(), seed.valueProperty(), filters.valueProperty(),
                shuffle.selectedProperty(), firstMax.selectedProperty(), trainAll.selectedProperty(), testAll.selectedProperty()}) {
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
                filters.getValue(), firstMax.isSelected());
    }

    private void publish() {
        training.configProperty().set(config());
    }
}
