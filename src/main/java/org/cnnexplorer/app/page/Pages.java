package org.cnnexplorer.app.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

/**
 * The registry of the window's pages, one tab each, in tab order. Showing a page selects its tab;
 * a page can be taken out of the tabs (a teacher's scenario hides it) and put back in its place.
 * A page's view joins its tab (and so the scene, its styling and layout) when the tab is first
 * selected or when {@link #attachNext()} gets to it: the window's first frame styles and lays out
 * only the tab it shows.
 */
public final class Pages {
    private final TabPane tabs;
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final Map<String, Tab> tabById = new LinkedHashMap<>();
    private final ObservableValue<Boolean> shown;

    public Pages(TabPane tabs) {
        this.tabs = tabs;
        // Before the window shows, selecting a tab (the first one added, the remembered one)
        // attaches nothing; the tab selected when it shows is attached then.
        shown = tabs.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        shown.addListener((o, was, now) -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (now && t != null) {
                attach(t, pages.get(t.getId()));
            }
        });
    }

    /** Adds a page as a tab; its showing, and its LiveView's once built, follow the tab. */
    public Tab register(Page page) {
        if (pages.containsKey(page.id())) {
            throw new IllegalArgumentException("two pages with id " + page.id());
        }
        Tab t = new Tab(page.title());
        t.setId(page.id());
        t.selectedProperty().addListener((o, was, now) -> {
            if (now && shown.getValue()) {
                attach(t, page);
            }
        });
        if (page instanceof BasicPage b) {
            b.showing().bind(t.selectedProperty());
            // a live view draws only while its tab shows, even if built before it joins the tab
            b.whenBuilt(n -> bindLive(n, t));
        }
        pages.put(page.id(), page);
        tabById.put(page.id(), t);
        tabs.getTabs().add(t);
        return t;
    }

    private static void attach(Tab t, Page page) {
        if (t.getContent() == null) {
            Node n = page.node();
            bindLive(n, t);
            t.setContent(n);
        }
    }

    private static void bindLive(Node n, Tab t) {
        if (n instanceof org.cnnexplorer.app.view.LiveView v && !v.showingProperty().isBound()) {
            v.showingProperty().bind(t.selectedProperty());
        }
    }

    /** Builds the next page whose view is not yet in its tab and puts it there; null once all are. */
    public Page attachNext() {
        for (Page p : pages.values()) {
            Tab t = tabById.get(p.id());
            if (t.getContent() == null) {
                attach(t, p);
                return p;
            }
        }
        return null;
    }

    /** True once the page's view is in its tab. */
    public boolean attached(String id) {
        Tab t = tabById.get(id);
        return t != null && t.getContent() != null;
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
