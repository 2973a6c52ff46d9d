package org.cnnexplorer.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a chapter file, a small Markdown-like text a teacher can edit:
 *
 * <pre>
 * # Chapter title
 *
 * ## Page title
 * view: pooling
 * highlight: block strongest
 * action: Click any block of the routed map.
 * ask: route-block
 * cover: routing-routed, patch-routed
 *
 * A paragraph; lines that follow each other join into one.
 *
 * $$ \frac{\partial L}{\partial b} = p_c - 1 $$
 * </pre>
 *
 * The keys (view, highlight, action, ask, cover) come right after a page's title. A line starting with
 * "//" is a note for teachers and is not shown.
 */
public final class ChapterParser {
    private ChapterParser() {
    }

    public static Chapter parse(String id, String text) {
        String title = null;
        List<LessonPage> pages = new ArrayList<>();
        PageBuilder page = null;
        StringBuilder para = new StringBuilder();
        int lineNo = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.startsWith("//")) {
                continue;
            }
            if (line.startsWith("## ")) {
                flush(page, para);
                if (page != null) {
                    pages.add(page.build());
                }
                page = new PageBuilder(line.substring(3).strip());
                continue;
            }
            if (line.startsWith("# ")) {
                if (title != null || page != null) {
                    throw new IllegalArgumentException(id + ":" + lineNo + ": only one chapter title, before the pages");
                }
                title = line.substring(2).strip();
                continue;
            }
            if (page == null) {
                if (!line.isEmpty()) {
                    throw new IllegalArgumentException(id + ":" + lineNo + ": text before the first \"## \" page title");
                }
                continue;
            }
            if (page.inHeader && !line.isEmpty() && line.matches("(view|highlight|action|ask|cover):.*")) {
                int colon = line.indexOf(':');
                page.set(line.substring(0, colon), line.substring(colon + 1).strip(), id + ":" + lineNo);
                continue;
            }
            page.inHeader = false;
            if (line.startsWith("$$")) {
                flush(page, para);
                if (!line.endsWith("$$") || line.length() < 4) {
                    throw new IllegalArgumentException(id + ":" + lineNo + ": an equation is one line: $$ ... $$");
                }
                page.body.add(new LessonPage.Block(true, line.substring(2, line.length() - 2).strip()));
            } else if (line.isEmpty()) {
                flush(page, para);
            } else {
                para.append(para.length() == 0 ? "" : " ").append(line);
            }
        }
        flush(page, para);
        if (page != null) {
            pages.add(page.build());
        }
        if (title == null) {
            throw new IllegalArgumentException(id + ": no \"# \" chapter title");
        }
        if (pages.isEmpty()) {
            throw new IllegalArgumentException(id + ": no pages");
        }
        return new Chapter(id, title, pages);
    }

    private static void flush(PageBuilder page, StringBuilder para) {
        if (page != null && para.length() > 0) {
            page.body.add(new LessonPage.Block(false, para.toString()));
        }
        para.setLength(0);
    }

    private static final class PageBuilder {
        final String title;
        final List<LessonPage.Block> body = new ArrayList<>();
        boolean inHeader = true;
        String view;
        String highlight;
        String action;
        String ask;
        List<String> cover = List.of();

        PageBuilder(String title) {
            this.title = title;
        }

        void set(String key, String value, String where) {
            switch (key) {
                case "view" -> view = value;
                case "highlight" -> highlight = value;
                case "action" -> action = value;
                case "ask" -> {
                    if (Questions.get(value) == null) {
                        throw new IllegalArgumentException(where + ": no question named " + value);
                    }
                    ask = value;
                }
                case "cover" -> cover = java.util.Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
                default -> throw new IllegalArgumentException(where + ": unknown key " + key);
            }
        }

        LessonPage build() {
            return new LessonPage(title, view, highlight, action, ask, cover, body);
        }
    }
}
