package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void oneFilterIsNotOneFilters() {
        assertEquals("1 filter", Words.filters(1));
        assertEquals("64 filters", Words.filters(64));
        assertEquals("1,000 steps", Words.count(1000, "step", "steps"));
    }
}
