package org.cnnexplorer.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The settings accept what the command line's train options accept, and say what is wrong otherwise. */
class SettingsRulesTest {
    @Test
    void learningRatesAsTheCommandLineTakesThem() {
        assertEquals(0.005, SettingsRules.learnRate("0.005"));
        assertEquals(10.0, SettingsRules.learnRate("10"), "not clamped to 1");
        assertEquals(1e-3, SettingsRules.learnRate("1e-3"));
        assertEquals(0.5, SettingsRules.learnRate(" .5 "));
        for (String bad : new String[] {"0", "-1", "abc", "", "NaN", "Infinity", "1e999", "0x10", "1d"}) {
            assertTrue(Double.isNaN(SettingsRules.learnRate(bad)), bad);
            assertTrue(SettingsRules.learnRateProblem(bad).startsWith("Learning rate: a positive number"), bad);
        }
        assertNull(SettingsRules.learnRateProblem("0.01"));
    }

    @Test
    void wholeNumbersInRangeOnly() {
        assertEquals(64L, SettingsRules.whole("64", 1, 64));
        assertNull(SettingsRules.whole("65", 1, 64), "not clamped to 64");
        assertNull(SettingsRules.whole("0", 1, 64));
        assertNull(SettingsRules.whole("1e3", Long.MIN_VALUE, Long.MAX_VALUE), "a seed is a whole number, not 1e3 read as 0");
        assertNull(SettingsRules.whole("99999999999999999999", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(99_999_999_999L, SettingsRules.whole("99999999999", Long.MIN_VALUE, Long.MAX_VALUE), "--seed takes it");
        assertEquals(-7L, SettingsRules.whole("-7", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(60_000L, SettingsRules.whole("60,000", 1, 60_000));
        assertEquals(-1_000_000L, SettingsRules.whole("-1,000,000", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(10_000L, SettingsRules.whole("10_000", 1, 60_000));
        // a separator only between groups of three: "1,0" is not ten
        for (String bad : new String[] {"1,0", "1_0", "10,00", "1,0000", ",100", "100,", "1,,000", "1,000_000", "1 000"}) {
            assertNull(SettingsRules.whole(bad, Long.MIN_VALUE, Long.MAX_VALUE), bad);
        }
        assertEquals("Filters: a whole number from 1 to 64, not \"65\"", SettingsRules.wholeProblem("Filters", "65", 1, 64));
        assertEquals("Seed: a whole number, not \"1e3\"", SettingsRules.wholeProblem("Seed", "1e3", Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
