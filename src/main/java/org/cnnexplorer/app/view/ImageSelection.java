package org.cnnexplorer.app.view;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import java.util.List;
import javafx.beans.value.ChangeListener;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ImageActivations;
import org.cnnexplorer.train.NetworkSnapshot;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * Which image the feature-map and routing views show, shared so both follow one choice: the
 * image the trainer just stepped on, or image {@link #indexProperty()} of the training or test set.
 * {@link #activations()} gives that image's activations under the weights of the window's frame
 * (live or the timeline's moment), computed on a private copy of the snapshot (never the live network).
 */
public final class ImageSelection {
    public enum Source {
        TRAINING_STEP("Current training image"), TRAIN_SET("Training set"), TEST_SET("Test set"),
        DRAWING("Your drawing");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final AppModel model;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.TRAINING_STEP);
    private final IntegerProperty index = new SimpleIntegerProperty(this, "index", 0);
    /** The Draw tab's digit as MNIST bytes (28x28), or null before one was sent. */
    private final ObjectProperty<byte[]> drawing = new SimpleObjectProperty<>(this, "drawing");
    private Network scratch;
    private ImageActivations cached;
    private Object cachedKey;

    public ImageSelection(AppModel model) {
        this.model = model;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    /** Shows image i of the test set (from the evaluation view). */
    public void showTestImage(int i) {
        source.set(Source.TEST_SET);
        index.set(i);
    }

    /** Shows a drawn digit (28x28 MNIST bytes, from the Draw tab); its label is unknown. */
    public void showDrawing(byte[] pixels) {
        drawing.set(pixels.clone());
        source.set(Source.DRAWING);
    }

    /** The data set being browsed, or null for the training step (or while loading). */
    public Dataset dataset() {
        var d = model.data();
        if (d == null) {
            return null;
        }
        return switch (source.get()) {
            case TRAIN_SET -> d.train();
            case TEST_SET -> d.test();
            case TRAINING_STEP, DRAWING -> null;
        };
    }

    /** Calls {@code onChange} whenever what {@link #activations()} returns may have changed. */
    public void addListener(Runnable onChange) {
        addChoiceListener(onChange);
        // One channel: the weights and the training step arrive together, once a frame.
        model.frameProperty().addListener((o, was, now) -> onChange.run());
    }

    /** Calls {@code onChange} when the choice itself changes (source, index or data set), not the weights. */
    public void addChoiceListener(Runnable onChange) {
        ChangeListener<Object> l = (o, was, now) -> onChange.run();
        source.addListener(l);
        index.addListener(l);
        drawing.addListener(l);
        model.dataProperty().addListener(l);
    }

    /** The chosen image's activations, or null if there is none yet (FX thread). */
    public ImageActivations activations() {
        org.cnnexplorer.app.page.Frame f = model.frame();
        if (source.get() == Source.TRAINING_STEP) {
            TrainingSnapshot s = f.training();
            return s == null ? null : s.current();
        }
        NetworkSnapshot w = f.weights();
        if (source.get() == Source.DRAWING) {
            byte[] px = drawing.get();
            if (px == null || w == null || px.length != w.height * w.width) {
                return null;
            }
            return activationsOf(List.of(px, w), w, px, 0, -1);
        }
        Dataset d = dataset();
        if (d == null || w == null || d.rows() != w.height || d.cols() != w.width) {
            return null;
        }
        int i = Math.max(0, Math.min(index.get(), d.count() - 1));
        return activationsOf(List.of(d, i, w), w, d.pixels(), d.offset(i), d.label(i));
    }

    private ImageActivations activationsOf(Object key, NetworkSnapshot w, byte[] pixels, int offset, int label) {
        if (key.equals(cachedKey)) {
            return cached;
        }
        if (scratch == null || !scratch.arch.sameLayers(w.arch) || scratch.height != w.height || scratch.width != w.width) {
            scratch = w.toNetwork();
        } else {
            w.copyInto(scratch);
        }
        cached = ImageActivations.of(scratch, pixels, offset, label);
        cachedKey = key;
        return cached;
    }

    /** One line saying which image is shown: "test image 42 (a 4)", "training step 1,450: training image 87 (a 3)". */
    public String describe() {
        org.cnnexplorer.app.page.Frame f = model.frame();
        String weights = f.live() ? "the newest weights" : "the weights at " + f.moment().describe();
        if (source.get() == Source.TRAINING_STEP) {
            TrainingSnapshot s = f.training();
            if (s == null || s.current() == null) {
                return "No training step yet: press Start or Step, or browse a data set.";
            }
            return String.format("Training step %,d (epoch %d): training image %,d, %s; weights just after this step",
                    s.globalStep(), s.epoch(), s.imageIndex(), org.cnnexplorer.app.Words.aDigit(s.current().label()));
        }
        if (source.get() == Source.DRAWING) {
            return drawing.get() == null ? "Nothing drawn yet: draw a digit in the Draw tab and press \"Show in feature maps\"."
                    : "Your drawing from the Draw tab (its label is unknown); " + weights;
        }
        Dataset d = dataset();
        if (d == null) {
            return "The data set is loading…";
        }
        int i = Math.max(0, Math.min(index.get(), d.count() - 1));
        return String.format("%s image %,d of %,d, %s; %s",
                source.get() == Source.TEST_SET ? "Test" : "Training", i, d.count(), org.cnnexplorer.app.Words.aDigit(d.label(i)), weights);
    }
}
