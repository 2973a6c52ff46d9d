package org.cnnexplorer.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.DataIdentity;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;
import org.junit.jupiter.api.Test;

class ResumeSettingsTest {
    private static final TrainConfig BASE = TrainConfig.article();

    @Test
    void changedSettingsKeepTheRunsImagesOrderAndFilters() {
        StringBuilder why = new StringBuilder();
        TrainConfig c = ResumeDialog.parse(BASE, " 0.02 ", "4", true, 2, why);
        assertEquals(BASE.withLearnRate(0.02).withEpochs(4).withFirstMaxOnly(true), c);
        assertEquals("", why.toString());
    }

    @Test
    void nonsenseGetsAMessageAndNoSettings() {
        for (String lr : new String[] {"", "abc", "-1", "0", "NaN", "Infinity", "1e999", "0x10"}) {
            StringBuilder why = new StringBuilder();
            assertNull(ResumeDialog.parse(BASE, lr, "3", false, 1, why), lr);
            assertTrue(why.toString().startsWith("Learning rate"), lr + ": " + why);
        }
        StringBuilder why = new StringBuilder();
        assertNull(ResumeDialog.parse(BASE, "0.01", "1", false, 2, why));
        assertTrue(why.toString().startsWith("At least 2 epochs"), why.toString());
        // Not a number, or out of range: said so, never clamped into range.
        for (String epochs : new String[] {"abc", "", "0", "100001", "99999999999999999999"}) {
            StringBuilder e = new StringBuilder();
            assertNull(ResumeDialog.parse(BASE, "0.01", epochs, false, 1, e), epochs);
            assertTrue(e.toString().startsWith("Epochs in all: a whole number from 1 to 100,000"), epochs + ": " + e);
        }
    }

    @Test
    void atLeastOneStepIsLeftToTrain() {
        RunHistory h = new RunHistory("r", BASE, new DataIdentity("x", 1000, 28, 28, 0), 1000, 0, 50, "VECTOR", null,
                new Network(8, 28, 28, 1));
        assertEquals(1, ResumeDialog.minEpochs(h, 0));
        assertEquals(1, ResumeDialog.minEpochs(h, 999));
        assertEquals(2, ResumeDialog.minEpochs(h, 1000));
        assertEquals(3, ResumeDialog.minEpochs(h, 2500));
    }
}
