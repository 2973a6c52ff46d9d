package org.cnnexplorer.lesson;

import java.util.List;

/**
 * One page of a chapter: a few short paragraphs and equations, then what the learner does.
 *
 * @param title     the page's heading
 * @param view      the page id of the view to switch to (see the app's PageIds), or null to stay
 * @param highlight the part of that view to highlight ("probability-bars", "block strongest"), or null
 * @param action    what the learner does now ("Press Step (F7)"), or null
 * @param question  the id of a {@link Question} to ask, or null
 * @param cover     ids of parts of the view that would give the answer away: hidden until the learner answers
 * @param body      paragraphs and equations in order
 */
public record LessonPage(String title, String view, String highlight, String action, String question, List<String> cover,
                         List<Block> body) {
    /** A paragraph of plain text, or an equation in LaTeX. */
    public record Block(boolean math, String text) {
    }

    public LessonPage {
        cover = List.copyOf(cover);
        body = List.copyOf(body);
    }
}
