package org.cnnexplorer.app.mydigits;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.view.ConfusionMatrixView;
import org.cnnexplorer.app.view.ViewHeader;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The "My digits" tab: the user's digits as a gallery (select, delete, relabel), how many of each,
 * where they are kept, importing a folder of pictures (with progress), training on MNIST plus them,
 * and testing the network on them alone with a confusion matrix. Clicking a cell of the matrix
 * shows the digits behind it.
 */
public final class MyDigitsView extends BorderPane {
    /** Thumbnails at most, so a large import cannot flood the window with nodes. */
    static final int GALLERY_LIMIT = 400;

    private final AppModel model;
    private final MyDigits digits;
    private final Label where = new Label();
    private final Label counts = new Label();
    private final CheckBox trainWith = new CheckBox("Train on MNIST plus my digits");
    private final Button evaluate = new Button("Evaluate on my digits");
    private final Label evalSummary = new Label();
    private final ConfusionMatrixView matrix = new ConfusionMatrixView("my-digits-confusion");
    private final ChoiceBox<String> filter = new ChoiceBox<>();
    private final Label galleryTitle = new Label();
    private final FlowPane gallery = new FlowPane(6, 6);
    private final Button delete = new Button("Delete selected");
    private final ChoiceBox<String> relabel = new ChoiceBox<>();
    private final HBox importRow;
    private final ProgressBar importProgress = new ProgressBar(0);
    private final Label importText = new Label();
    private final Button importCancel = new Button("Cancel");
    private final java.util.Set<MyDigits.Digit> selected = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * The latest evaluation: each tested digit's ten probabilities, keyed by its pixel array (by
     * identity, which a relabelled digit keeps), so deleting or relabelling digits updates the
     * matrix without testing again.
     */
    private final Map<byte[], float[]> tested = new IdentityHashMap<>();
    private String testedModel = "";
    private int cellLabel = -1;
    private int cellPredicted = -1;
    private boolean evaluating;

    public MyDigitsView(AppModel model, MyDigits digits, MyDigitsActions actions) {
        this.model = model;
        this.digits = digits;
        setId("my-digits-view");
        ViewHeader header = new ViewHeader("My digits",
                "Your own handwriting as data. Draw a digit on the Draw tab and add it with its label, or import a folder of "
                        + "pictures laid out one subfolder per digit (0/, 1/, …); every picture goes through the same MNIST-style "
                        + "preprocessing as the canvas. Then train on MNIST plus your digits, or test the network on them alone.",
                "Confusion matrix: row = your label, column = the network's reading; click a cell to see those digits.");

        Button open = new Button("Open folder…");
        open.setId("my-digits-open");
        open.setTooltip(new Tooltip("Keep my digits in a folder: its digits are loaded; an empty folder starts a new set"));
        open.setOnAction(e -> actions.openFolder());
        Button saveAs = new Button("Save to folder…");
        saveAs.setId("my-digits-save-as");
        saveAs.setTooltip(new Tooltip("Write these digits to a folder (two IDX files) and keep them there from now on"));
        saveAs.setOnAction(e -> actions.saveToFolder());
        Button importButton = new Button("Import pictures…");
        importButton.setId("my-digits-import");
        importButton.setTooltip(new Tooltip("Add every picture of a folder laid out one subfolder per digit: 0/, 1/, …, 9/"));
        importButton.setOnAction(e -> actions.importPictures());
        where.setId("my-digits-where");
        where.setWrapText(true);
        HBox files = new HBox(8, open, saveAs, importButton, where);
        files.setAlignment(Pos.CENTER_LEFT);
        org.cnnexplorer.app.view.WholeText.keep(open, saveAs, importButton);

        importProgress.setPrefWidth(240);
        importProgress.setId("my-digits-import-progress");
        importText.setId("my-digits-import-text");
        importCancel.setId("my-digits-import-cancel");
        importRow = new HBox(8, importProgress, importText, importCancel);
        importRow.setAlignment(Pos.CENTER_LEFT);
        org.cnnexplorer.app.view.WholeText.keep(importCancel);
        showImport(null);

        counts.setId("my-digits-counts");
        trainWith.setId("my-digits-train-with");
        trainWith.setTooltip(new Tooltip("At the next Start, the training images are your digits followed by the MNIST ones; "
                + "the test set stays MNIST's"));
        evaluate.setId("my-digits-evaluate");
        evaluate.setTooltip(new Tooltip("Test the current weights on your digits alone"));
        evaluate.setOnAction(e -> evaluateNow());
        evalSummary.setId("my-digits-eval-summary");
        evalSummary.getStyleClass().add("card-title");
        evalSummary.setWrapText(true);
        HBox use = new HBox(14, trainWith, evaluate, evalSummary);
        use.setAlignment(Pos.CENTER_LEFT);
        org.cnnexplorer.app.view.WholeText.keep(trainWith, evaluate);

        VBox top = new VBox(8, header, files, importRow, counts, use);
        top.setPadding(new Insets(10));
        setTop(top);

        filter.getItems().add("All digits");
        filter.getItems().add("Misread");
        for (int k = 0; k < 10; k++) {
            filter.getItems().add("Labelled " + k);
        }
        filter.getSelectionModel().select(0);
        filter.setId("my-digits-filter");
        filter.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            cellLabel = -1;
            cellPredicted = -1;
            refreshGallery();
        });
        delete.setId("my-digits-delete");
        delete.setTooltip(new Tooltip("Remove the selected digits (Delete key)"));
        delete.setOnAction(e -> deleteSelected());
        relabel.getItems().add("Label as…");
        for (int k = 0; k < 10; k++) {
            relabel.getItems().add(Integer.toString(k));
        }
        relabel.getSelectionModel().select(0);
        relabel.setId("my-digits-relabel");
        relabel.setOnAction(e -> {
            int i = relabel.getSelectionModel().getSelectedIndex();
            if (i > 0 && !selected.isEmpty()) {
                List<MyDigits.Digit> which = List.copyOf(selected);
                selected.clear();
                if (!digits.relabel(which, i - 1)) {
                    refreshGallery();  // nothing changed, so the list's listener will not redraw
                }
            }
            relabel.getSelectionModel().select(0);
        });
        Button selectAll = new Button("Select shown");
        selectAll.setId("my-digits-select-shown");
        selectAll.setOnAction(e -> {
            for (javafx.scene.Node n : gallery.getChildren()) {
                selected.add(((Thumb) n).digit);
            }
            refreshGallery();
        });
        galleryTitle.getStyleClass().add("card-title");
        galleryTitle.setId("my-digits-gallery-title");
        galleryTitle.setWrapText(true);
        // Beside the matrix in an 800 px window the column is narrower than these four: they wrap
        // onto more rows, and the title has a line of its own, wrapped rather than cut.
        FlowPane galleryBar = new FlowPane(8, 6, filter, selectAll, delete, relabel);
        galleryBar.setAlignment(Pos.CENTER_LEFT);
        org.cnnexplorer.app.view.WholeText.keep(filter, selectAll, delete, relabel);
        // their whole height, however many thumbnails below
        galleryBar.setMinHeight(Region.USE_PREF_SIZE);
        galleryTitle.setMinHeight(Region.USE_PREF_SIZE);
        gallery.setId("my-digits-gallery");
        gallery.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(gallery);
        scroll.setFitToWidth(true);
        VBox left = new VBox(6, galleryBar, galleryTitle, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        Label matrixCaption = new Label("Confusion matrix on my digits");
        matrixCaption.getStyleClass().add("caption");
        matrix.setOnCell((label, pred) -> {
            cellLabel = label;
            cellPredicted = pred;
            refreshGallery();
        });
        HBox body = new HBox(20, left, new VBox(6, matrixCaption, matrix));
        body.setPadding(new Insets(4, 10, 10, 10));
        setCenter(body);
        setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) && !selected.isEmpty()) {
                deleteSelected();
                e.consume();
            }
        });

        digits.digits().addListener((javafx.collections.ListChangeListener<MyDigits.Digit>) c -> {
            java.util.Set<MyDigits.Digit> still = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            still.addAll(digits.digits());
            selected.retainAll(still);
            refreshCounts();
            showEvaluation();  // and the gallery: rebuilt once per change
        });
        digits.folderProperty().addListener((o, was, now) -> refreshWhere());
        digits.savedProperty().addListener((o, was, now) -> refreshWhere());
        digits.saveErrorProperty().addListener((o, was, now) -> refreshWhere());
        refreshWhere();
        refreshCounts();
        refreshGallery();
        showEvaluation();
    }

    public CheckBox trainWithCheckBox() {
        return trainWith;
    }

    public ConfusionMatrixView matrix() {
        return matrix;
    }

    /** Thumbnails shown now, for tests. */
    public int galleryCount() {
        return gallery.getChildren().size();
    }

    /** Shows an import's progress (null hides the row). */
    void showImport(Task<?> task) {
        boolean on = task != null;
        importRow.setVisible(on);
        importRow.setManaged(on);
        importProgress.progressProperty().unbind();
        importText.textProperty().unbind();
        if (on) {
            importProgress.progressProperty().bind(task.progressProperty());
            importText.textProperty().bind(task.messageProperty());
            importCancel.setOnAction(e -> task.cancel());
        }
    }

    /** Selects the digit at gallery position i (toggles), for tests and keyboard users. */
    public void toggleSelected(int i) {
        Thumb t = (Thumb) gallery.getChildren().get(i);
        if (!selected.remove(t.digit)) {
            selected.add(t.digit);
        }
        refreshGallery();
    }

    public void deleteSelected() {
        if (!selected.isEmpty()) {
            List<MyDigits.Digit> gone = List.copyOf(selected);
            selected.clear();
            if (!digits.removeAll(gone)) {
                refreshGallery();  // nothing changed, so the list's listener will not redraw
            }
        }
    }

    /** Tests the newest weights on all my digits in the background; the matrix shows the result. */
    public void evaluateNow() {
        if (evaluating) {
            return;
        }
        if (digits.size() == 0) {
            evalSummary.setText("No digits to test yet: draw some on the Draw tab, or import pictures.");
            return;
        }
        List<MyDigits.Digit> snapshot = List.copyOf(digits.digits());
        Dataset set = MyDigits.toDataset(snapshot, "my digits");
        NetworkSnapshot weights = model.store().latest();
        evaluating = true;
        evaluate.setDisable(true);
        evalSummary.setText("Testing on " + set.count() + " digits…");
        Task<EvalResult> t = new Task<>() {
            @Override
            protected EvalResult call() {
                return Evaluator.evaluate(weights.toNetwork(), set);
            }
        };
        t.setOnSucceeded(e -> {
            evaluating = false;
            evaluate.setDisable(false);
            EvalResult r = t.getValue();
            tested.clear();
            for (int i = 0; i < snapshot.size(); i++) {
                float[] p = new float[10];
                for (int k = 0; k < 10; k++) {
                    p[k] = (float) r.probability(i, k);
                }
                tested.put(snapshot.get(i).pixels(), p);
            }
            testedModel = model.modelNameProperty().get();
            showEvaluation();
        });
        t.setOnFailed(e -> {
            evaluating = false;
            evaluate.setDisable(false);
            evalSummary.setText("Testing failed: " + t.getException().getMessage());
        });
        Thread th = new Thread(t, "evaluate-my-digits");
        th.setDaemon(true);
        th.start();
    }

    /**
     * The matrix and summary of the digits tested last that are still here, with their labels as
     * they are now; digits added since are counted as not tested.
     */
    private void showEvaluation() {
        java.util.Set<byte[]> present = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        int[][] confusion = new int[10][10];
        int count = 0;
        int correct = 0;
        double loss = 0;
        for (MyDigits.Digit d : digits.digits()) {
            present.add(d.pixels());
            float[] p = tested.get(d.pixels());
            if (p == null) {
                continue;
            }
            int pred = argmax(p);
            confusion[d.label()][pred]++;
            count++;
            correct += pred == d.label() ? 1 : 0;
            loss += -Math.log(Math.max(p[d.label()], 1e-30));
        }
        tested.keySet().retainAll(present);
        if (count == 0) {
            tested.clear();
            matrix.clear();
            if (cellLabel >= 0) {
                cellLabel = -1;
                cellPredicted = -1;
            }
            evalSummary.setText(digits.size() == 0 ? "No digits yet: draw some on the Draw tab and add them, or import pictures."
                    : "Not tested yet: press Evaluate to see how the network reads your digits.");
            refreshGallery();
            return;
        }
        matrix.show(confusion);
        int untested = digits.size() - count;
        evalSummary.setText(String.format(Locale.ROOT, "Accuracy on my digits %.1f%% (%,d of %,d right), loss %.3f · model: %s%s",
                100.0 * correct / count, correct, count, loss / count, testedModel,
                untested == 0 ? "" : String.format(Locale.ROOT, " · %,d added since: Evaluate again", untested)));
        refreshGallery();
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** What the network read for {@code d} at the last evaluation, or null. */
    private Integer prediction(MyDigits.Digit d) {
        float[] p = tested.get(d.pixels());
        return p == null ? null : argmax(p);
    }

    private void refreshWhere() {
        String text;
        if (digits.saveErrorProperty().get() != null) {
            text = "Not saved: " + digits.saveErrorProperty().get() + ". Choose another folder with Save to folder….";
        } else if (digits.folder() == null) {
            text = digits.size() == 0 ? "No folder chosen: digits are kept once you open or save to a folder."
                    : "Not saved yet: choose a folder with Save to folder… to keep these digits.";
        } else {
            text = "Kept in " + digits.folder() + (digits.savedProperty().get() ? " (saved)" : " (not saved)");
        }
        where.setText(text);
        where.getStyleClass().removeAll("check-fail", "check-tie");
        if (digits.saveErrorProperty().get() != null) {
            where.getStyleClass().add("check-fail");
        } else if (digits.folder() == null && digits.size() > 0) {
            where.getStyleClass().add("check-tie");
        }
    }

    private void refreshCounts() {
        int[] n = new int[10];
        for (MyDigits.Digit d : digits.digits()) {
            n[d.label()]++;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d digit%s", digits.size(), digits.size() == 1 ? "" : "s"));
        if (digits.size() > 0) {
            s.append(" · per digit  ");
            for (int k = 0; k < 10; k++) {
                s.append(k).append(": ").append(n[k]).append(k < 9 ? "   " : "");
            }
        }
        counts.setText(s.toString());
        refreshWhere();
    }

    private void refreshGallery() {
        List<MyDigits.Digit> shown = new ArrayList<>();
        int matches = 0;
        int f = filter.getSelectionModel().getSelectedIndex();
        for (MyDigits.Digit d : digits.digits()) {
            Integer pred = prediction(d);
            boolean wanted;
            if (cellLabel >= 0) {
                wanted = pred != null && d.label() == cellLabel && pred == cellPredicted;
            } else if (f == 1) {
                wanted = pred != null && pred != d.label();
            } else if (f >= 2) {
                wanted = d.label() == f - 2;
            } else {
                wanted = true;
            }
            if (wanted) {
                matches++;
                if (shown.size() < GALLERY_LIMIT) {
                    shown.add(d);
                }
            }
        }
        List<Thumb> nodes = new ArrayList<>(shown.size());
        for (MyDigits.Digit d : shown) {
            nodes.add(new Thumb(d, prediction(d), selected.contains(d)));
        }
        gallery.getChildren().setAll(nodes);
        String what = cellLabel >= 0 ? "Labelled " + cellLabel + ", read as " + cellPredicted : filter.getValue();
        galleryTitle.setText(String.format(Locale.ROOT, "%s: %,d%s%s", what, matches,
                matches > GALLERY_LIMIT ? " (showing the first " + GALLERY_LIMIT + ")" : "",
                selected.isEmpty() ? "" : String.format(Locale.ROOT, " · %,d selected", selected.size())));
        delete.setDisable(selected.isEmpty());
        relabel.setDisable(selected.isEmpty());
    }

    /** One digit: the image, its label, and after an evaluation what the network read. Click to select. */
    private final class Thumb extends VBox {
        final MyDigits.Digit digit;

        Thumb(MyDigits.Digit d, Integer pred, boolean isSelected) {
            super(1);
            this.digit = d;
            HeatmapView img = new HeatmapView(2);
            img.setHoverValues(false);
            img.setBytes(d.pixels(), 0, 28, 28, ColorMap.GREYS);
            Label l = new Label(pred == null ? Integer.toString(d.label()) : d.label() + " → " + pred);
            l.getStyleClass().add(pred == null ? "card-title" : pred == d.label() ? "check-pass" : "check-fail");
            getChildren().addAll(img, l);
            setAlignment(Pos.CENTER);
            getStyleClass().add("thumbnail");
            if (isSelected) {
                setStyle("-fx-border-color: #d6604d; -fx-border-width: 2; -fx-background-color: #fde0dd;");
            }
            Tooltip.install(this, new Tooltip("Labelled " + d.label() + (pred == null ? "" : ", read as " + pred)
                    + "\nClick to select; Delete removes the selected digits"));
            setOnMouseClicked(e -> {
                if (!selected.remove(digit)) {
                    selected.add(digit);
                }
                MyDigitsView.this.requestFocus();
                refreshGallery();
            });
        }
    }
}
