package org.cnnexplorer.app.lesson;

import javafx.beans.value.ChangeListener;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.MainWindow;
import org.cnnexplorer.app.TrainingFeature;
import org.cnnexplorer.app.draw.DrawnInput;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.app.page.Pages;
import org.cnnexplorer.app.step.BackpropStepView;
import org.cnnexplorer.app.view.ImageSelection;
import org.cnnexplorer.lesson.LessonInput;
import org.cnnexplorer.lesson.LessonPage;
import org.cnnexplorer.train.ImageActivations;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The lesson's view of the window: questions are asked about the newest published weights and
 * the image the Feature maps and routing tabs show (one shared choice), or the Draw tab's drawing.
 * Lesson pages on the Backprop step tab line that tab up with the same training image.
 */
final class AppLessonHost implements LessonHost {
    private final AppModel model;
    private final MainWindow window;
    private final TrainingFeature training;
    private final DrawnInput draw;
    private final java.util.function.Supplier<BackpropStepView> backprop;

    AppLessonHost(AppModel model, MainWindow window, TrainingFeature training, DrawnInput draw, java.util.function.Supplier<BackpropStepView> backprop) {
        this.model = model;
        this.window = window;
        this.training = training;
        this.draw = draw;
        this.backprop = backprop;
    }

    @Override
    public Pages pages() {
        return window.pages();
    }

    @Override
    public LessonInput imageInput() {
        NetworkSnapshot w = model.snapshot();
        ImageSelection sel = training.selection();
        ImageActivations a = sel.activations();
        if (w == null || a == null || a.input().length != w.height * w.width) {
            return null;
        }
        byte[] px = a.input();
        return new LessonInput(w.toNetwork(), LessonInput.scale(px, 0, px.length), a.label(), learnRate(), describe(sel));
    }

    @Override
    public LessonInput drawingInput() {
        NetworkSnapshot w = model.snapshot();
        double[] x = draw == null ? null : draw.property().get();
        if (w == null || x == null || x.length != w.height * w.width) {
            return null;
        }
        return new LessonInput(w.toNetwork(), x, -1, learnRate(), "your drawing");
    }

    private double learnRate() {
        return training.controller().configProperty().get().learnRate();
    }

    private static String describe(ImageSelection sel) {
        String d = sel.describe();
        int semi = d.indexOf(';');
        return semi > 0 ? d.substring(0, semi) : d;
    }

    @Override
    public void onInputsChanged(Runnable r) {
        ChangeListener<Object> l = (o, was, now) -> r.run();
        model.frameProperty().addListener(l);
        training.selection().addChoiceListener(r);
        if (draw != null) {
            draw.property().addListener(l);
        }
    }

    /** Makes sure there is an image to ask about: the first training image if nothing is chosen yet. */
    void ensureImage() {
        ImageSelection sel = training.selection();
        if (sel.activations() == null && model.data() != null && sel.sourceProperty().get() == ImageSelection.Source.TRAINING_STEP) {
            sel.sourceProperty().set(ImageSelection.Source.TRAIN_SET);
            sel.indexProperty().set(0);
        }
    }

    @Override
    public void pageShown(LessonPage page) {
        ensureImage();
        ImageSelection sel = training.selection();
        if (backprop != null && PageIds.BACKPROP.equals(PageIds.of(page.view()))
                && sel.sourceProperty().get() == ImageSelection.Source.TRAIN_SET) {
            backprop.get().useTrainingImage(sel.indexProperty().get());
        }
    }
}
