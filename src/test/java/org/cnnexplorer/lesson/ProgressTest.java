package org.cnnexplorer.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final Preferences node = Preferences.userRoot().node("org/cnnexplorer/test/progress-" + System.nanoTime());

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void keepsChaptersAnswersAndPositionAcrossInstances() {
        Progress p = new Progress(node);
        p.markDone("1-network");
        p.recordAnswer("route-tie", "2", true);
        p.setPosition(3, 2);
        Progress again = new Progress(node);
        assertTrue(again.isDone("1-network"));
        assertFalse(again.isDone("2-training-loop"));
        assertEquals("2", again.answer("route-tie"));
        assertTrue(again.wasCorrect("route-tie"));
        assertEquals(3, again.chapter());
        assertEquals(2, again.page());
        again.clear();
        assertNull(new Progress(node).answer("route-tie"));
        assertEquals(0, new Progress(node).chapter());
    }
}
