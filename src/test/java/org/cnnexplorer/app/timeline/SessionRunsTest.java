package org.cnnexplorer.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.DataIdentity;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;
import org.junit.jupiter.api.Test;

class SessionRunsTest {
    private static RunHistory named(String name) {
        return new RunHistory(name, TrainConfig.article(), new DataIdentity("x", 1000, 28, 28, 0), 1000, 0, 50, "VECTOR", null,
                new Network(8, 28, 28, 1));
    }

    @Test
    void aRunOpenedInTheSessionThatMadeItGetsItsOwnName() {
        SessionRuns runs = new SessionRuns();
        assertEquals("Run 4", runs.add(named("Run 4")).name());
        assertEquals("Run 4 (2)", runs.add(named("Run 4")).name());
        assertEquals("Run 4 (3)", runs.add(named("Run 4")).name());
        assertEquals("Run 5", runs.add(named("Run 5")).name());
        assertEquals("Run 4", runs.runs().get(1).history().name(), "the file keeps the run's own name");
    }

    @Test
    void aLongNameIsShortenedForDisplay() {
        SessionRuns runs = new SessionRuns();
        String name = runs.add(named("x".repeat(5000))).name();
        assertEquals(60, name.length());
        assertTrue(name.endsWith("…"), name);
        assertEquals(name + " (2)", runs.add(named("x".repeat(4000))).name(), "distinct after shortening too");
        assertEquals("Unnamed run", runs.add(named(" ")).name());
    }
}
