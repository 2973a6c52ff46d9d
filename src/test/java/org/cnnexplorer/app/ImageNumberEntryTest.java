package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.app.view.ImageSelection;
import org.junit.jupiter.api.Test;

/** An image number typed into a view's image field and confirmed with Enter is the image shown. */
class ImageNumberEntryTest extends WindowTest {
    private void typeAndEnter(Spinner<?> s, String text) {
        robot.doubleClickOn(s.getEditor()).push(KeyCode.CONTROL, KeyCode.A).eraseText(1).write(text).type(KeyCode.ENTER);
    }

    @Test
    void enterShowsTheTypedImageAndBadTextStaysMarked() throws Exception {
        TrainingFeature t = app.training();
        ImageSelection selection = t.selection();
        fx(() -> {
            app.window().select(PageIds.FEATURE_MAPS);
            return null;
        });
        robot.clickOn("#maps-source").clickOn("Test set");
        waitFor(() -> fx(() -> selection.sourceProperty().get() == ImageSelection.Source.TEST_SET));
        int last = fx(() -> selection.dataset().count() - 1);
        long version = fx(() -> t.featureMapsView().inputMap().version());
        Spinner<?> index = robot.lookup("#maps-index").queryAs(Spinner.class);

        // Enter used to put the old number back before the spinner read the typed one
        typeAndEnter(index, Integer.toString(last));
        assertEquals(last, (int) fx(() -> selection.indexProperty().get()), "Enter takes the typed number");
        assertEquals(Integer.toString(last), fx(() -> index.getEditor().getText()));
        waitFor(() -> fx(() -> t.featureMapsView().inputMap().version()) > version);

        // text that is no image number stays on screen, marked, and the image stays
        for (String bad : new String[] {"abc", Integer.toString(last + 1)}) {
            typeAndEnter(index, bad);
            assertEquals(bad, fx(() -> index.getEditor().getText()), "what was typed stays on screen");
            assertTrue(fx(() -> index.getEditor().getStyleClass().contains("invalid")), bad + " is marked");
            assertEquals(last, (int) fx(() -> selection.indexProperty().get()), "the image does not change for " + bad);
        }
        typeAndEnter(index, "007");
        assertEquals(7, (int) fx(() -> selection.indexProperty().get()));
        assertEquals("7", fx(() -> index.getEditor().getText()), "Enter tidies a valid number");
    }
}
