package org.cnnexplorer.lesson;

import java.util.List;

/** A chapter: its id (the file name without extension), its title and pages. */
public record Chapter(String id, String title, List<LessonPage> pages) {
    public Chapter {
        pages = List.copyOf(pages);
    }
}
