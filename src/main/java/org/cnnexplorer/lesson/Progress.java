package org.cnnexplorer.lesson;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the learner has done, kept between sessions in {@link java.util.prefs}: chapters done,
 * each question's last answer, and where they were. Tests pass their own node so the user's
 * progress is never touched.
 */
public final class Progress {
    private final Preferences node;

    public Progress(Preferences node) {
        this.node = node;
    }

    /** The user's progress node for this app. */
    public static Preferences userNode() {
        return Preferences.userRoot().node("org/cnnexplorer/lessons");
    }

    public void markDone(String chapterId) {
        node.putBoolean("done." + chapterId, true);
        flush();
    }

    public boolean isDone(String chapterId) {
        return node.getBoolean("done." + chapterId, false);
    }

    /** Records the learner's choice for a question and whether the live model agreed. */
    public void recordAnswer(String questionId, String choice, boolean correct) {
        node.put("answer." + questionId, choice);
        node.putBoolean("correct." + questionId, correct);
        flush();
    }

    /** The choice last given, or null. */
    public String answer(String questionId) {
        return node.get("answer." + questionId, null);
    }

    public boolean wasCorrect(String questionId) {
        return node.getBoolean("correct." + questionId, false);
    }

    public void setPosition(int chapter, int page) {
        node.putInt("chapter", chapter);
        node.putInt("page", page);
        flush();
    }

    public int chapter() {
        return node.getInt("chapter", 0);
    }

    public int page() {
        return node.getInt("page", 0);
    }

    /** Forgets everything (Lessons > Start over). */
    public void clear() {
        try {
            node.clear();
            node.flush();
        } catch (BackingStoreException e) {
            // progress is a convenience: a store that cannot be written loses it, nothing else
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // see clear()
        }
    }
}
