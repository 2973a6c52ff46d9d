package org.cnnexplorer.app.view;

import javafx.scene.layout.Region;

/**
 * Controls that keep their whole text in a narrow or zoomed window: a box would otherwise squeeze
 * them to "E…" or "Sel…". Whatever shares their row (a note, a status line) wraps or gives way.
 */
public final class WholeText {
    private WholeText() {
    }

    public static void keep(Region... controls) {
        for (Region r : controls) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
    }
}
