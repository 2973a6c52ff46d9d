package org.cnnexplorer.app.view;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * A scroll pane for content that changes many times a second (heatmaps during training). The
 * default skin caches its viewport as a bitmap, which pays when the content is still; when the
 * content changes every frame, the cache is redrawn and then drawn again, doubling the renderer's
 * work (on the Filters tab the cache took half of the renderer's time). This one draws directly.
 * It also draws no border of its own ("edge-to-edge"): the standard theme's framed background is
 * two fills, which the renderer keeps as a bitmap and stretches over every heatmap that changes;
 * without a graphics card that took half of the renderer's time on Max-pool routing.
 */
public class LiveScrollPane extends ScrollPane {
    public LiveScrollPane(Node content) {
        super(content);
        getStyleClass().add("edge-to-edge");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        ScrollPaneSkin skin = new ScrollPaneSkin(this);
        Node viewport = lookup(".viewport");
        if (viewport != null) {
            viewport.setCache(false);
        }
        return skin;
    }

    /** Whether the viewport is cached (for tests). */
    public boolean viewportCached() {
        Node viewport = lookup(".viewport");
        return viewport != null && viewport.isCache();
    }
}
