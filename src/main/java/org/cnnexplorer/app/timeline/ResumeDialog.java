package org.cnnexplorer.app.timeline;

import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.cnnexplorer.app.view.SettingsRules;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

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

    /** The settings typed, or null if they are not usable; {@code error} gets why (the Training tab's rules). */
    static TrainConfig parse(TrainConfig base, String lr, String epochs, boolean firstMax, int minEpochs, StringBuilder error) {
        String why = SettingsRules.learnRateProblem(lr);
        if (why == null) {
            why = epochsProblem(epochs, minEpochs);
        }
        if (why != null) {
            error.append(why);
            return null;
        }
        int n = (int) (long) SettingsRules.whole(epochs, minEpochs, SettingsRules.MAX_EPOCHS);
        return base.withLearnRate(SettingsRules.learnRate(lr)).withEpochs(n).withFirstMaxOnly(firstMax);
    }

    private static String epochsProblem(String epochs, int minEpochs) {
        Long n = SettingsRules.whole(epochs, 1, SettingsRules.MAX_EPOCHS);
        if (n != null && n < minEpochs) {
            return "At least " + minEpochs + " epochs, so that there is a step left to train";
        }
        return SettingsRules.wholeProblem("Epochs in all", epochs, minEpochs, SettingsRules.MAX_EPOCHS);
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
        // Text fields checked as typed, as on the Training tab: what is shown is what is used (a
        // stock spinner threw on "abc", trained with its old value, and turned 0 into 1).
        TextField lr = new TextField(Double.toString(base.learnRate()));
        lr.setId("resume-lr");
        TextField epochs = new TextField(Integer.toString(Math.max(min, base.epochs())));
        epochs.setId("resume-epochs");
        epochs.setPrefColumnCount(8);
        CheckBox firstMax = new CheckBox("Max-pool backward: first maximum of a block only (else every tied maximum)");
        firstMax.setId("resume-first-max");
        firstMax.setSelected(base.firstMaxOnly());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        Label lrError = field(g, 0, "Learning rate", lr);
        Label epochsError = field(g, 1, "Epochs in all", epochs);
        g.add(firstMax, 0, 2, 2, 1);
        g.add(new Label("The same images in the same order as " + run.name() + "; the old run stays as it is."), 0, 3, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(lr, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                String.valueOf(SettingsRules.learnRateProblem(text)), SettingsRules.learnRateProblem(text) != null));
        validation.registerValidator(epochs, false, (Control c, String text) -> ValidationResult.fromErrorIf(c,
                String.valueOf(epochsProblem(text, min)), epochsProblem(text, min) != null));
        Runnable check = () -> {
            show(lrError, SettingsRules.learnRateProblem(lr.getText()));
            show(epochsError, epochsProblem(epochs.getText(), min));
            d.getDialogPane().lookupButton(ButtonType.OK).setDisable(lrError.isVisible() || epochsError.isVisible());
            if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                d.getDialogPane().getScene().getWindow().sizeToScene();  // room for a message's lines
            }
        };
        lr.textProperty().addListener((o, a, b) -> check.run());
        epochs.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK
                ? parse(base, lr.getText(), epochs.getText(), firstMax.isSelected(), min, new StringBuilder()) : null);
        return d.showAndWait();
    }

    /** A labelled field with the line under it that says what is wrong with it, as on the Training tab. */
    private static Label field(GridPane g, int row, String name, TextField field) {
        Label m = new Label();
        m.setId(field.getId() + "-error");
        m.getStyleClass().add("field-error");
        m.setWrapText(true);
        m.setMaxWidth(320);
        m.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);  // every line of it, not an ellipsis
        Label l = new Label(name);
        GridPane.setValignment(l, VPos.TOP);
        l.setPadding(new Insets(4, 0, 0, 0));
        g.addRow(row, l, new VBox(2, field, m));
        return m;
    }

    private static void show(Label message, String problem) {
        message.setText(problem == null ? "" : problem);
        message.setVisible(problem != null);
        message.setManaged(problem != null);
    }
}
