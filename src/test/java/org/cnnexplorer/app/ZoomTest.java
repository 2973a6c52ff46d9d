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
