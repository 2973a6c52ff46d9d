package org.cnnexplorer.app.mydigits;

import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.MainWindow;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.app.draw.DrawView;
import org.cnnexplorer.data.Datasets;
import org.cnnexplorer.data.MnistFiles;

/**
 * Adds "My digits" to the window: its tab, File menu items, the "Add to my digits" buttons on the
 * Draw tab, training on MNIST plus my digits, and a question before closing with digits not saved.
 *
 * <p>Training on MNIST plus my digits replaces the window's data set with one whose training
 * images are my digits followed by the loaded set's (so "the first N images" always includes
 * them); the test set stays the loaded one. The swap waits while a run is active, since a new
 * data set stops a run.
 */
public final class MyDigitsFeature {
    public static final String TAB = org.cnnexplorer.app.page.PageIds.MY_DIGITS;

    private final AppModel model;
    private final TrainingController controller;
    private final MyDigits digits = new MyDigits();
    private final MyDigitsActions actions;
    private final org.cnnexplorer.app.page.Lazy<MyDigitsView> view;
    /** "Train on MNIST + my digits", kept here so it works before the tab's view is built. */
    private final javafx.beans.property.BooleanProperty trainWith = new javafx.beans.property.SimpleBooleanProperty(this, "trainWith");
    private final Stage stage;
    private MnistFiles.Split base;
    private MnistFiles.Split mixed;
    private boolean pending;

    private MyDigitsFeature(MainWindow w, AppModel m, Stage stage, org.cnnexplorer.app.page.Lazy<DrawView> draw, TrainingController controller) {
        this.model = m;
        this.controller = controller;
        actions = new MyDigitsActions(m, digits, () -> stage);
        this.stage = stage;
        view = new org.cnnexplorer.app.page.Lazy<>(() -> {
            MyDigitsView v = new MyDigitsView(m, digits, actions);
            v.trainWithCheckBox().selectedProperty().bindBidirectional(trainWith);
            actions.setView(v);
            return v;
        });
        w.addPage(org.cnnexplorer.app.page.Page.lazy(TAB, "My digits", view));
        if (draw != null) {
            draw.whenBuilt(d -> d.addControls(new AddToMyDigitsBar(d, digits)));
        }
        MenuItem open = new MenuItem("Open _my digits folder…");
        open.setId("open-my-digits");
        open.setOnAction(e -> actions.openFolder());
        MenuItem importItem = new MenuItem("_Import pictures into my digits…");
        importItem.setId("import-pictures");
        importItem.setOnAction(e -> actions.importPictures());
        w.fileMenu().getItems().addAll(new SeparatorMenuItem(), open, importItem);

        base = m.data();
        m.dataProperty().addListener((o, was, now) -> {
            if (now != mixed) {
                base = now;
                mixed = null;
                if (trainWith.get()) {
                    schedule();
                }
            }
        });
        trainWith.addListener((o, was, now) -> schedule());
        digits.digits().addListener((javafx.collections.ListChangeListener<MyDigits.Digit>) c -> {
            if (trainWith.get()) {
                schedule();
            }
        });
        if (controller != null) {
            controller.stateProperty().addListener((o, was, now) -> {
                if (now == TrainingController.RunState.IDLE && pending) {
                    // quietly: the status line is telling how the run ended
                    apply(false);
                }
            });
        }
        stage.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, this::confirmClose);
        m.onDispose(actions::cancelImport);
    }

    public static MyDigitsFeature install(MainWindow w, AppModel m, Stage stage, org.cnnexplorer.app.page.Lazy<DrawView> draw, TrainingController controller) {
        return new MyDigitsFeature(w, m, stage, draw, controller);
    }

    public MyDigits digits() {
        return digits;
    }

    public MyDigitsView view() {
        return view.get();
    }

    public MyDigitsActions actions() {
        return actions;
    }

    /** The mixed set is made now, or when the active run ends. */
    private void schedule() {
        if (controller != null && controller.state() != TrainingController.RunState.IDLE) {
            pending = true;
            model.statusProperty().set("My digits: the training data changes when this run ends");
            return;
        }
        apply(true);
    }

    private void apply(boolean tell) {
        pending = false;
        if (base == null) {
            return;
        }
        boolean with = trainWith.get() && digits.size() > 0;
        MnistFiles.Split target = with
                ? new MnistFiles.Split(Datasets.concat(base.train().name() + " + my digits", digits.dataset(), base.train()), base.test(),
                        String.format(Locale.ROOT, "%s + %,d of my digits", base.source(), digits.size()))
                : base;
        if (target == model.data()) {
            return;
        }
        mixed = with ? target : null;
        model.dataProperty().set(target);
        if (tell) {
            model.statusProperty().set(String.format(Locale.ROOT, "%s: %,d training and %,d test images", target.source(),
                    target.train().count(), target.test().count()));
        }
    }

    private void confirmClose(WindowEvent e) {
        if (!mayClose()) {
            e.consume();
        }
    }

    /**
     * Whether the window may close: digits that exist only in memory are not lost without a
     * question (save them, close without, or stay).
     */
    public boolean mayClose() {
        boolean unsaved = digits.size() > 0 && (digits.folder() == null || !digits.savedProperty().get());
        if (!unsaved) {
            return true;
        }
        ButtonType save = new ButtonType("Save to folder…", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Close without saving", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setTitle("cnn-explorer");
        a.setHeaderText(String.format(Locale.ROOT, "%,d of my digits are not saved", digits.size()));
        a.setContentText("Save them to a folder before closing?");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == discard) {
            return true;
        }
        if (answer == save) {
            actions.saveToFolder();
            return digits.folder() != null && digits.savedProperty().get();
        }
        return false;
    }
}
