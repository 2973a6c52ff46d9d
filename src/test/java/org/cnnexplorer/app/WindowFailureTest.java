package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowFailureTest {
    @Test
    void missingGtkIsNamedInOneLine() {
        String m = WindowFailure.message(new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to load glass GTK library.")));
        assertTrue(m.startsWith("error: cannot open the window: JavaFX needs GTK 3 (libgtk-3-0"), m);
        assertEquals(-1, m.indexOf('\n'));
    }

    @Test
    void otherFailuresKeepTheirReason() {
        String m = WindowFailure.message(new UnsupportedOperationException("Unable to open DISPLAY"));
        assertEquals("error: cannot open the window (Unable to open DISPLAY); without a display use a command, see --help", m);
    }
}
