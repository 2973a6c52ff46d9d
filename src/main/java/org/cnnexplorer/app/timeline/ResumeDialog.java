package org.cnnexplorer.app.timeline;

import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;

/**
 * Asks for the settings of a run resumed from a step: the learning rate, the max-pool tie rule
 * and how many epochs the schedule has. The images, their order (the seed) and the number of
 * filters stay the run's, so the new run continues exactly where the old one was.
 */
final class ResumeDialog {
    private ResumeDialog() {
    }

    /** The smallest number of epochs that leaves at least one step after {@code step}. */
    static int minEpochs(RunHistory h, long step) {
        return (int) (step / h.stepsPerEpoch()) + 1;
    }

    /** The settings typed, or null if they are not usable; {@code error} gets why. */
    static TrainConfig parse(TrainConfig base, String lr, int epochs, boolean firstMax, int minEpochs, StringBuilder error) {
        double rate;
        try {
            rate = Double.parseDouble(lr.trim());
        } catch (NumberFormatException e) {
            rate = Double.NaN;
        }
        if (!(rate > 0) || Double.isInfinite(rate) || !lr.trim().matches("[0-9.eE+-]+")) {
            error.append("The learning rate must be a positive number such as 0.005");
            return null;
        }
        if (epochs < minEpochs) {
            error.append("At least ").append(minEpochs).append(" epochs, so that there is a step left to train");
            return null;
        }
        return base.withLearnRate(rate).withEpochs(epochs).withFirstMaxOnly(firstMax);
    }

    static Optional<TrainConfig> ask(Window owner, SessionRun run, long step) {
        RunHistory h = run.history();
        TrainConfig base = h.config();
        int min = minEpochs(h, step);
        Dialog<TrainConfig> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("cnn-explorer");
        d.setHeaderText(String.format(Locale.ROOT, "Resume %s from step %,d as a new run", run.name(), step));
        d.getDialogPane().setId("resume-dialog");
        TextField lr = new TextField(Double.toString(base.learnRate()));
        lr.setId("resume-lr");
        Spinner<Integer> epochs = new Spinner<>(min, 100_000, Math.max(min, base.epochs()));
        epochs.setId("resume-epochs");
        epochs.setEditable(true);
        CheckBox firstMax = new CheckBox("Max-pool backward: first maximum of a block only (else every tied maximum)");
        firstMax.setId("resume-first-max");
        firstMax.setSelected(base.firstMaxOnly());
        Label error = new Label();
        error.setId("resume-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Learning rate"), lr);
        g.addRow(1, new Label("Epochs in all"), epochs);
        g.add(firstMax, 0, 2, 2, 1);
        g.add(new Label("The same images in the same order as " + run.name() + "; the old run stays as it is."), 0, 3, 2, 1);
        g.add(error, 0, 4, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Runnable check = () -> {
            StringBuilder why = new StringBuilder();
            TrainConfig c = parse(base, lr.getText(), epochs.getValue() == null ? 0 : epochs.getValue(), firstMax.isSelected(), min, why);
            error.setText(why.toString());
            d.getDialogPane().lookupButton(ButtonType.OK).setDisable(c == null);
        };
        lr.textProperty().addListener((o, a, b) -> check.run());
        epochs.valueProperty().addListener((o, a, b) -> check.run());
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK
                ? parse(base, lr.getText(), epochs.getValue(), firstMax.isSelected(), min, new StringBuilder()) : null);
        return d.showAndWait();
    }
}
