package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

/** The zoom steps and how the content is laid out inside the window (no Stage needed). */
class ZoomTest {
    @Test
    void stepsInAndOutWithinTheRange() {
        Zoom z = new Zoom(new Region());
        z.in();
        z.in();
        assertEquals(1.25, z.factorProperty().get(), 1e-9);
        z.out();
        assertEquals(1.1, z.factorProperty().get(), 1e-9);
        for (int i = 0; i < 20; i++) {
            z.in();
        }
        assertEquals(3, z.factorProperty().get(), 1e-9);
        z.set(0.1);
        assertEquals(0.8, z.factorProperty().get(), 1e-9);
    }

    @Test
    void theMenuKeysMatchTheKeysPressed() {
        var items = new Zoom(new Region()).menuItems();
        javafx.scene.input.KeyCode[] keys = {javafx.scene.input.KeyCode.EQUALS, javafx.scene.input.KeyCode.MINUS,
            javafx.scene.input.KeyCode.DIGIT0};
        String[] typed = {"=", "-", "0"};
        for (int i = 0; i < keys.length; i++) {
            // Ctrl+0 was once the character combination "DIGIT0": shown as "Ctrl+DIGIT0" and never matched.
            var press = new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, typed[i], typed[i], keys[i],
                    false, !System.getProperty("os.name").startsWith("Mac"), false, System.getProperty("os.name").startsWith("Mac"));
            org.junit.jupiter.api.Assertions.assertTrue(items.get(i).getAccelerator().match(press), items.get(i).getText());
            org.junit.jupiter.api.Assertions.assertFalse(items.get(i).getAccelerator().getDisplayText().contains("DIGIT"));
        }
    }

    @Test
    void contentIsLaidOutAtTheWindowSizeDividedByTheFactor() {
        Region content = new Region();
        Zoom z = new Zoom(content);
        z.set(2);
        Region host = (Region) z.root();
        host.resize(1200, 800);
        host.layout();
        assertEquals(600, content.getWidth(), 1e-9);
        assertEquals(400, content.getHeight(), 1e-9);
    }
}
