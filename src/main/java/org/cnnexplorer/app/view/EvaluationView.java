package org.cnnexplorer.app.view;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.TrainingFeed;

/**
 * The article's "Testing the CNN": accuracy and loss on the test set after each epoch or on
 * demand, the confusion matrix, and a gallery of the images behind a cell (misclassified ones by
 * default) with their probabilities. Clicking an image opens it in the feature maps.
 */
public final class EvaluationView extends LiveView {
    /** Thumbnails at most in the gallery, so a bad model cannot flood the window with nodes. */
    static final int GALLERY_LIMIT = 120;

    private final TrainingController training;
    private final org.cnnexplorer.app.AppModel model;
    private final javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
    private final Label stale = new Label();
    /** Enabled once there is a result to filter. */
    private final Button misclassified = new Button("Show all misclassified");
    private final IntConsumer openTestImage;
    private final Label summary = new Label("No evaluation yet: it runs at the end of every epoch, or press Evaluate now.");
    private final ConfusionMatrixView matrix = new ConfusionMatrixView();
    private final Label galleryTitle = new Label();
    private final FlowPane gallery = new FlowPane(8, 8);
    private final java.util.List<Thumbnail> thumbnails = new java.util.ArrayList<>();
    private TrainingFeed.TestPoint point;
    private int cellLabel = -1;     // -1 = all misclassified
    private int cellPredicted = -1;

    /** @param openTestImage shows test image i in the feature maps */
    public EvaluationView(org.cnnexplorer.app.AppModel model, TrainingController training, IntConsumer openTestImage) {
        this.model = model;
        this.training = training;
        this.openTestImage = openTestImage;
        setId("evaluation-view");
        ViewHeader header = new ViewHeader("Test evaluation",
                "The article's last step: run the forward pass on test images the network never trained on and count how "
                        + "often the largest probability is the true digit (the article reached 78% after 3 epochs of 1,000 images).",
                "Confusion matrix: row = true digit, column = prediction, darker blue = larger share of that row; the diagonal "
                        + "is right. Click a cell to see its images; click an image to open it in Feature maps.");
        Button evaluate = new Button("Evaluate now");
        evaluate.setId("evaluate-button");
        evaluate.setTooltip(new Tooltip("Test the weights the views show on the test set: the live ones, or the "
                + "timeline's step (F9)"));
        evaluate.setOnAction(e -> training.evaluateNow());
        progress.setId("eval-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(training.evalProgressProperty());
        progress.visibleProperty().bind(training.evalProgressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());
        evaluate.disableProperty().bind(progress.visibleProperty());
        stale.setId("eval-stale");
        stale.getStyleClass().add("stale-note");
        stale.setWrapText(true);
        stale.setVisible(false);
        stale.managedProperty().bind(stale.visibleProperty());
        misclassified.setId("eval-misclassified");
        misclassified.setOnAction(e -> showCell(-1, -1));
        summary.setId("eval-summary");
        summary.getStyleClass().add("card-title");
        // a narrow window wraps the summary, never the buttons' words
        WholeText.keep(evaluate, misclassified);
        summary.setWrapText(true);
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox actions = new HBox(10, evaluate, progress, misclassified, summary);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, header, actions, stale);
        top.setPadding(new Insets(10));
        setTop(top);

        matrix.setOnCell(this::showCell);
        galleryTitle.getStyleClass().add("card-title");
        galleryTitle.setId("gallery-title");
        gallery.setId("gallery");
        gallery.setPadding(new Insets(4));
        ScrollPane scroll = new LiveScrollPane(gallery);
        scroll.setFitToWidth(true);
        VBox right = new VBox(6, galleryTitle, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        // a short window scrolls the matrix rather than cutting its last rows off
        VBox matrixBox = new VBox(6, FeatureMapsView.caption("Confusion matrix"), matrix);
        matrixBox.setPadding(new Insets(0, 16, 0, 0));  // room for the scroll bar when it shows
        ScrollPane matrixScroll = new LiveScrollPane(matrixBox);
        matrixScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        matrixScroll.setMinWidth(Region.USE_PREF_SIZE);
        HBox body = new HBox(20, matrixScroll, right);
        body.setPadding(new Insets(4, 10, 10, 10));
        setCenter(body);
        // Built on the first visit, perhaps after an evaluation: that one is shown, not "no evaluation yet".
        point = training.lastTestProperty().get();
        training.lastTestProperty().addListener((o, was, now) -> {
            point = now;
            requestRender();
        });
        model.handStepsProperty().addListener((o, was, now) -> requestRender());
        // A result stays on screen when the timeline moves, marked as another moment's.
        model.frameProperty().addListener((o, was, now) -> {
            if (!was.moment().equals(now.moment())) {
                requestRender();
            }
        });
        render();
    }

    public ConfusionMatrixView matrix() {
        return matrix;
    }

    /** The line above the matrix (accuracy and loss, or that there is no evaluation yet). */
    public String summaryText() {
        return summary.getText();
    }

    /** Thumbnails shown now, for tests. */
    public int galleryCount() {
        return gallery.getChildren().size();
    }

    /** Shows the images with this (label, predicted); (-1, -1) for every misclassified one. */
    public void showCell(int label, int predicted) {
        cellLabel = label;
        cellPredicted = predicted;
        requestRender();
    }

    @Override
    protected void render() {
        misclassified.setDisable(point == null);
        if (point == null) {
            stale.setVisible(false);
            matrix.clear();
            gallery.getChildren().clear();
            galleryTitle.setText("");
            summary.setText("No evaluation yet: it runs at the end of every epoch, or press Evaluate now.");
            return;
        }
        EvalResult r = point.result();
        org.cnnexplorer.app.timeline.Moment tested = training.lastTestMoment();
        org.cnnexplorer.app.timeline.Moment shown = model.frame().moment();
        boolean edited = tested.live() && shown.live() && training.lastTestBeforeHandStep();
        boolean old = !tested.equals(shown) || edited;
        stale.setVisible(old);
        stale.setText(edited ? "Stale: these results are for the weights before a backprop step was applied by hand. "
                + "Press Evaluate now to test the weights as they are."
                : old ? "Stale: these results are for " + tested.describe() + "; the views now show " + shown.describe()
                + ". Press Evaluate now to test those weights." : "");
        matrix.setOpacity(old ? 0.45 : 1);
        gallery.setOpacity(old ? 0.45 : 1);
        summary.setText(String.format(Locale.ROOT, "Test accuracy %.1f%% (%,d of %,d right), loss %.3f · %s%s",
                100 * r.accuracy(), r.correct(), r.count(), r.loss(), training.lastTestWeights(),
                point.epoch() > 0 ? " (end of epoch " + point.epoch() + ")" : ""));
        matrix.show(r.confusion());
        fillGallery(r, point.testSet());
    }

    private void fillGallery(EvalResult r, Dataset test) {
        int shown = 0;
        int matches = 0;
        for (int i = 0; i < r.count(); i++) {
            int label = test.label(i);
            int pred = r.predicted()[i];
            boolean wanted = cellLabel < 0 ? pred != label : label == cellLabel && pred == cellPredicted;
            if (!wanted) {
                continue;
            }
            matches++;
            if (shown < GALLERY_LIMIT) {
                // Thumbnails are reused: an evaluation every epoch must not rebuild 120 nodes.
                if (shown == thumbnails.size()) {
                    thumbnails.add(new Thumbnail(openTestImage));
                }
                thumbnails.get(shown).show(r, test, i);
                shown++;
            }
        }
        // The gallery is always the first thumbnails: only its end changes. Setting all of them
        // again took each one out and back in (styled and laid out anew), 0.15 s after every epoch.
        var tiles = gallery.getChildren();
        if (tiles.size() > shown) {
            tiles.remove(shown, tiles.size());
        } else if (tiles.size() < shown) {
            tiles.addAll(thumbnails.subList(tiles.size(), shown));
        }
        String what = cellLabel < 0 ? "Misclassified test images"
                : "Images of " + org.cnnexplorer.app.Words.aDigit(cellLabel) + " predicted as " + cellPredicted;
        galleryTitle.setText(String.format(Locale.ROOT, "%s: %,d%s", what, matches,
                matches > GALLERY_LIMIT ? " (showing the first " + GALLERY_LIMIT + ")" : ""));
    }

    /** One test image in the gallery: the digit, "label → predicted" and both probabilities. */
    private static final class Thumbnail extends VBox {
        private final HeatmapView img = new HeatmapView(2);
        private final Label verdict = new Label();
        private final Label pPred = new Label();
        private final Label pLabel = new Label();
        private EvalResult result;
        private Dataset test;
        private int index;

        Thumbnail(IntConsumer open) {
            super(1);
            img.setHoverValues(false);
            verdict.getStyleClass().add("card-title");
            pPred.getStyleClass().add("hint");
            pLabel.getStyleClass().add("hint");
            getChildren().addAll(img, verdict, pPred, pLabel);
            getStyleClass().add("thumbnail");
            org.cnnexplorer.app.render.HoverTip.install(this, this::tip);
            setOnMouseClicked(e -> open.accept(index));
        }

        void show(EvalResult r, Dataset test, int i) {
            index = i;
            img.setBytes(test.pixels(), test.offset(i), test.cols(), test.rows(), ColorMap.GREYS);
            int label = test.label(i);
            int pred = r.predicted()[i];
            verdict.setText(String.format(Locale.ROOT, "%d → %d", label, pred));
            pPred.setText(String.format(Locale.ROOT, "p(%d) %.0f%%", pred, 100 * r.probability(i, pred)));
            // A right answer's two probabilities are one and the same: print it once.
            pLabel.setText(pred == label ? "" : String.format(Locale.ROOT, "p(%d) %.0f%%", label, 100 * r.probability(i, label)));
            pLabel.setVisible(pred != label);  // still takes its line, so all tiles line up
            result = r;
            this.test = test;
        }

        /** Written when it shows: 120 tiles' worth of unread text on every evaluation was wasted work. */
        private String tip() {
            int label = test.label(index);
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "Test image %d: %s, predicted %d%n", index,
                    org.cnnexplorer.app.Words.aDigit(label),
                    result.predicted()[index]));
            for (int k = 0; k < 10; k++) {
                t.append(String.format(Locale.ROOT, "%d: %5.1f%%%n", k, 100 * result.probability(index, k)));
            }
            return t.append("Click to open it in Feature maps").toString();
        }
    }
}
