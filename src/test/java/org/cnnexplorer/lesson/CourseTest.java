package org.cnnexplorer.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CourseTest {
    @Test
    void sevenChaptersAskAtLeastTwelveDistinctQuestions() {
        Course c = Course.load();
        assertEquals(7, c.size());
        Set<String> asked = new HashSet<>();
        for (Chapter ch : c.chapters()) {
            assertTrue(ch.pages().size() >= 2, ch.id());
            for (LessonPage p : ch.pages()) {
                if (p.question() != null) {
                    assertTrue(asked.add(p.question()), "asked twice: " + p.question());
                }
                for (LessonPage.Block b : p.body()) {
                    // short chunks: no paragraph longer than about five lines of the panel
                    assertTrue(b.math() || b.text().split("\\s+").length <= 90, ch.id() + " / " + p.title());
                }
            }
        }
        assertTrue(asked.size() >= 12, "questions asked: " + asked);
        assertEquals(3, c.indexOf("4"));
        assertEquals(3, c.indexOf("4-maxpool-backprop"));
        assertEquals(-1, c.indexOf("8"));
    }

    @Test
    void aQuestionHidesEveryPartThatShowsItsAnswer() {
        // The routed gradient is drawn twice on Max-pool routing: the map and the zoomed patch.
        for (Chapter ch : Course.load().chapters()) {
            for (LessonPage p : ch.pages()) {
                if (p.question() != null && p.cover().contains("routing-routed")) {
                    assertTrue(p.cover().contains("patch-routed"), ch.id() + " / " + p.title() + " shows the answer in the patch");
                }
            }
        }
    }

    @Test
    void parserReadsKeysParagraphsAndEquations() {
        Chapter ch = ChapterParser.parse("t", "// note\n# Title\n\n## Page one\nview: pooling\nhighlight: block 0 1 2\naction: Click.\n"
                + "ask: route-tie\n\nLine one\nline two.\n\n$$ L = -\\ln p_c $$\nview: not a key here\n\n## Page two\nText.\n");
        assertEquals("Title", ch.title());
        assertEquals(2, ch.pages().size());
        LessonPage p = ch.pages().get(0);
        assertEquals("pooling", p.view());
        assertEquals("block 0 1 2", p.highlight());
        assertEquals("Click.", p.action());
        assertEquals("route-tie", p.question());
        assertEquals(new LessonPage.Block(false, "Line one line two."), p.body().get(0));
        assertEquals(new LessonPage.Block(true, "L = -\\ln p_c"), p.body().get(1));
        assertEquals(new LessonPage.Block(false, "view: not a key here"), p.body().get(2));
    }

    @Test
    void parserRejectsMistakesWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChapterParser.parse("t", "# T\n## P\nask: no-such-question\n"));
        assertTrue(e.getMessage().contains("t:3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChapterParser.parse("t", "## P\ntext\n"));
        assertThrows(IllegalArgumentException.class, () -> ChapterParser.parse("t", "# T\n## P\n$$ x\n"));
        assertThrows(IllegalArgumentException.class, () -> ChapterParser.parse("t", "# T\n"));
    }
}
