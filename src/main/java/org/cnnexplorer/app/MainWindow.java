package org.cnnexplorer.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.geometry.Insets;

/**
 * The window's frame: a menu bar, one tab per view, a status line. Features add their menu items
 * and tabs through {@link #fileMenu()} and {@link #addTab}.
 */
public final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final MenuBar menuBar = new MenuBar();
    private final Menu fileMenu = new Menu("_File");
    private final Menu viewMenu = new Menu("_View");
    private final Menu helpMenu = new Menu("_Help");
    private final TabPane tabs = new TabPane();
    private final org.cnnexplorer.app.page.Pages pages = new org.cnnexplorer.app.page.Pages(tabs);
    private final Label status = new Label();
    private final HBox statusBar;

    public MainWindow(AppModel model) {
        menuBar.getMenus().addAll(fileMenu, viewMenu, helpMenu);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("views");
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        statusBar = new HBox(12, status);
        statusBar.setPadding(new Insets(3, 8, 3, 8));
        statusBar.getStyleClass().add("status-bar");
        tabs.getTabs().addListener((javafx.collections.ListChangeListener<Tab>) c -> listTabsInViewMenu());
        root.setTop(menuBar);
        root.setCenter(tabs);
        root.setBottom(statusBar);
    }

    /** View > one item per tab, Ctrl+1 to Ctrl+9 for the first nine, kept in tab order. */
    private void listTabsInViewMenu() {
        viewMenu.getItems().removeIf(i -> "tab-item".equals(i.getUserData()));
        int n = 0;
        for (Tab t : tabs.getTabs()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(t.getText());
            item.setUserData("tab-item");
            if (n < 9) {
                item.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+" + (n + 1)));
            }
            item.setOnAction(e -> tabs.getSelectionModel().select(t));
            viewMenu.getItems().add(n++, item);
        }
    }

    public BorderPane root() {
        return root;
    }

    public Menu fileMenu() {
        return fileMenu;
    }

    public Menu viewMenu() {
        return viewMenu;
    }

    public Menu helpMenu() {
        return helpMenu;
    }

    /** Adds a menu before the Help menu. */
    public void addMenu(Menu m) {
        menuBar.getMenus().add(menuBar.getMenus().indexOf(helpMenu), m);
    }

    /** Adds a small item at the right end of the status bar (e.g. the frame rate). */
    public void addStatusItem(Node n) {
        statusBar.getChildren().add(n);
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Adds a view as a tab through the page registry (see {@link org.cnnexplorer.app.page.Page}). */
    public Tab addPage(org.cnnexplorer.app.page.Page page) {
        return pages.register(page);
    }

    /** The registry of the window's pages. */
    public org.cnnexplorer.app.page.Pages pages() {
        return pages;
    }

    public void select(String id) {
        for (Tab t : tabs.getTabs()) {
            if (id.equals(t.getId())) {
                tabs.getSelectionModel().select(t);
                keepFocusOn(t);
            }
        }
    }

    /**
     * A button that switched tabs is hidden with its own tab, and the scene would hand the
     * keyboard to some control outside the tabs: the tab row takes it instead (arrows switch
     * tabs, Tab goes into the new one). Focus outside the tabs (a lesson, the timeline) stays.
     */
    private void keepFocusOn(Tab t) {
        javafx.scene.Scene scene = tabs.getScene();
        javafx.scene.Node owner = scene == null ? null : scene.getFocusOwner();
        for (javafx.scene.Node n = owner; n != null; n = n.getParent()) {
            for (Tab other : tabs.getTabs()) {
                if (other != t && n == other.getContent()) {
                    tabs.requestFocus();
                    return;
                }
            }
        }
    }
}
