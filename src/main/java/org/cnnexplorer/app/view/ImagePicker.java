package org.cnnexplorer.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.data.Dataset;

/**
 * The dataset browser: choose the current training image, or a training or test image by index
 * with a spinner and arrow buttons. Edits the shared {@link ImageSelection}.
 */
public final class ImagePicker extends HBox {
    private final ImageSelection selection;
    private final ChoiceBox<ImageSelection.Source> source = new ChoiceBox<>();
    private final Spinner<Integer> index = new Spinner<>();
    private final SpinnerValueFactory.IntegerSpinnerValueFactory range = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 59_999, 0);
    private final Label what = new Label();
    private boolean syncing;

    public ImagePicker(AppModel model, ImageSelection selection, String idPrefix) {
        this.selection = selection;
        source.getItems().setAll(ImageSelection.Source.values());
        source.setId(idPrefix + "-source");
        index.setValueFactory(range);
        index.setEditable(true);
        SpinnerGuard.guard(index);
        index.setPrefWidth(100);
        index.setId(idPrefix + "-index");
        index.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                index.increment(0);
            }
        });
        Button prev = new Button("◀");
        Button next = new Button("▶");
        prev.setTooltip(new Tooltip("Previous image"));
        next.setTooltip(new Tooltip("Next image"));
        prev.setOnAction(e -> index.decrement(1));
        next.setOnAction(e -> index.increment(1));
        prev.setId(idPrefix + "-prev");
        next.setId(idPrefix + "-next");
        what.getStyleClass().add("hint");
        for (var n : new javafx.scene.Node[] {index, prev, next}) {
            n.disableProperty().bind(source.valueProperty().isEqualTo(ImageSelection.Source.TRAINING_STEP)
                    .or(source.valueProperty().isEqualTo(ImageSelection.Source.DRAWING)));
        }
        getChildren().addAll(new Label("Image:"), source, prev, index, next, what);
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);

        source.valueProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                selection.sourceProperty().set(now);
            }
        });
        range.valueProperty().addListener((o, was, now) -> {
            if (!syncing && now != null) {
                selection.indexProperty().set(now);
            }
        });
        selection.addChoiceListener(this::sync);
        sync();
    }

    /** Updates the line saying which image is shown; the owning view calls it when it renders. */
    public void refresh() {
        what.setText(selection.describe());
    }

    private void sync() {
        syncing = true;
        try {
            source.setValue(selection.sourceProperty().get());
            Dataset d = selection.dataset();
            range.setMax(d == null ? 0 : d.count() - 1);
            if (d != null) {
                range.setValue(Math.min(selection.indexProperty().get(), d.count() - 1));
            }
            refresh();
        } finally {
            syncing = false;
        }
    }
}
