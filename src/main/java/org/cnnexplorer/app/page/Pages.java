package org.cnnexplorer.app.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The registry of the window's pages, one tab each, in tab order. Showing a page selects its tab;
 * a page can be taken out of the tabs (a teacher's scenario hides it) and put back in its place.
 */
public final class Pages {
    private final TabPane tabs;
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final Map<String, Tab> tabById = new LinkedHashMap<>();

    public Pages(TabPane tabs) {
        this.tabs = tabs;
    }

    /** Adds a page as a tab; a LiveView's (or BasicPage's) showing follows the tab. */
    public Tab register(Page page) {
        if (pages.containsKey(page.id())) {
            throw new IllegalArgumentException("two pages with id " + page.id());
        }
        Tab t = new Tab(page.title(), page.node());
        t.setId(page.id());
        if (page instanceof BasicPage b) {
            b.showing().bind(t.selectedProperty());
        }
        if (page.node() instanceof org.cnnexplorer.app.view.LiveView v) {
            v.showingProperty().bind(t.selectedProperty());
        }
        pages.put(page.id(), page);
        tabById.put(page.id(), t);
        tabs.getTabs().add(t);
        return t;
    }

    public Page get(String id) {
        return pages.get(id);
    }

    public List<Page> all() {
        return List.copyOf(pages.values());
    }

    public Tab tab(String id) {
        return tabById.get(id);
    }

    /** Selects the page's tab; false if there is no such page or it is hidden. */
    public boolean show(String id) {
        Tab t = tabById.get(id);
        if (t == null || !tabs.getTabs().contains(t)) {
            return false;
        }
        tabs.getSelectionModel().select(t);
        return true;
    }

    /** The page whose tab is selected, or null. */
    public Page showing() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : pages.get(t.getId());
    }

    /** Takes a page's tab out of the window or puts it back where it belongs. */
    public void setHidden(String id, boolean hidden) {
        Tab t = tabById.get(id);
        if (t == null) {
            return;
        }
        if (hidden) {
            tabs.getTabs().remove(t);
            return;
        }
        if (tabs.getTabs().contains(t)) {
            return;
        }
        // back in registration order among the tabs still shown
        List<Tab> order = new ArrayList<>(tabById.values());
        int at = 0;
        for (Tab other : tabs.getTabs()) {
            if (order.indexOf(other) < order.indexOf(t)) {
                at++;
            }
        }
        tabs.getTabs().add(at, t);
    }
}
