package org.cnnexplorer.app.lesson;

import org.cnnexplorer.app.page.Pages;
import org.cnnexplorer.lesson.LessonInput;
import org.cnnexplorer.lesson.LessonPage;

/** What the lesson panel needs from the window: its pages, and the live inputs its questions are about. */
public interface LessonHost {
    Pages pages();

    /** The current weights and the image chosen on the Feature maps and routing tabs, or null if there is none yet. */
    LessonInput imageInput();

    /** The current weights and the Draw tab's drawing, or null if nothing is drawn. */
    LessonInput drawingInput();

    /** Calls {@code r} (FX thread) when the weights, the chosen image or the drawing change. */
    void onInputsChanged(Runnable r);

    /** Called after the panel switched to a page's view (to line up that view's own image, for example). */
    default void pageShown(LessonPage page) {
    }
}
