package org.cnnexplorer.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The seven chapters, read from text files next to this class (resources
 * {@code org/cnnexplorer/lesson/chapters/*.md}) so teachers can read and edit them.
 */
public final class Course {
    /** The chapter files in order; the file name without ".md" is the chapter's id. */
    public static final List<String> CHAPTER_IDS = List.of("1-network", "2-training-loop", "3-softmax-backprop",
            "4-maxpool-backprop", "5-conv-backprop", "6-training-results", "7-beyond");

    private final List<Chapter> chapters;

    private Course(List<Chapter> chapters) {
        this.chapters = List.copyOf(chapters);
    }

    public static Course load() {
        List<Chapter> cs = new ArrayList<>();
        for (String id : CHAPTER_IDS) {
            cs.add(ChapterParser.parse(id, read("chapters/" + id + ".md")));
        }
        return new Course(cs);
    }

    private static String read(String name) {
        try (InputStream in = Course.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lesson file missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Chapter> chapters() {
        return chapters;
    }

    public Chapter chapter(int i) {
        return chapters.get(i);
    }

    public int size() {
        return chapters.size();
    }

    /** The index of a chapter given by number (1-7) or id, or -1. */
    public int indexOf(String numberOrId) {
        for (int i = 0; i < chapters.size(); i++) {
            if (chapters.get(i).id().equals(numberOrId) || String.valueOf(i + 1).equals(numberOrId)) {
                return i;
            }
        }
        return -1;
    }
}
