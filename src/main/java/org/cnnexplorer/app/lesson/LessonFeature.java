package org.cnnexplorer.app.lesson;

import java.util.Map;
import java.util.prefs.Preferences;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.MainWindow;
import org.cnnexplorer.app.TrainingFeature;
import org.cnnexplorer.app.draw.DrawnInput;
import org.cnnexplorer.app.step.BackpropStepView;
import org.cnnexplorer.lesson.Course;
import org.cnnexplorer.lesson.Progress;

/**
 * Adds the lessons to the window: the panel at the right (F1, the Lessons menu or the status bar
 * button show and hide it; the views stay live beside it), the Lessons menu with the chapters and
 * the shipped teacher scenarios, and File › Open scenario….
 */
public final class LessonFeature {
    /** A preferences path for the learner's progress; tests set it so the user's progress is untouched. */
    public static final String PREFS_PROPERTY = "cnnexplorer.lessons.prefs";

    private final org.cnnexplorer.app.page.Lazy<Course> course = new org.cnnexplorer.app.page.Lazy<>(Course::load);
    /** Built the first time the lessons are opened: most starts never show it. */
    private final org.cnnexplorer.app.page.Lazy<LessonPanel> panel;
    private final ScenarioActions scenarios;
    private final AppLessonHost host;
    private final CheckMenuItem showItem = new CheckMenuItem("Show _lessons");
    private final Stage stage;
    /** The window's width before it grew to make room for the panel, and the width it grew to (NaN: it did not). */
    private double widthBefore = Double.NaN;
    private double widthGrown = Double.NaN;

    private LessonFeature(MainWindow w, AppModel m, Stage stage, TrainingFeature training, DrawnInput draw, java.util.function.Supplier<BackpropStepView> backprop) {
        this.stage = stage;
        host = new AppLessonHost(m, w, training, draw, backprop);
        panel = new org.cnnexplorer.app.page.Lazy<>(() -> {
            LessonPanel p = new LessonPanel(course.get(), new Progress(prefsNode()), host);
            p.setVisible(false);
            p.setManaged(false);
            w.root().setRight(p);
            return p;
        });
        scenarios = new ScenarioActions(m, w, training, () -> stage, s -> {
            setShowing(true);
            panel.get().setScenarioNote(s.name() + ": " + s.description());
            panel.get().show(s.startChapter(), 0);
        });
    }

    public static LessonFeature install(MainWindow w, AppModel m, Stage stage, TrainingFeature training, DrawnInput draw,
                                        java.util.function.Supplier<BackpropStepView> backprop) {
        LessonFeature f = new LessonFeature(w, m, stage, training, draw, backprop);
        f.build(w, m);
        return f;
    }

    private static Preferences prefsNode() {
        String path = System.getProperty(PREFS_PROPERTY);
        return path == null || path.isBlank() ? Progress.userNode() : Preferences.userRoot().node(path);
    }

    private void build(MainWindow w, AppModel m) {
        // Data that arrives after the panel opened gives its questions an image to be about.
        m.dataProperty().addListener((o, was, now) -> {
            if (now != null && isShowing()) {
                host.ensureImage();
            }
        });

        showItem.setId("menu-lessons");
        showItem.setAccelerator(KeyCombination.keyCombination("F1"));
        showItem.setOnAction(e -> {
            // F1 from a view brings the focus back to an open panel; F1 in the panel closes it
            if (!showItem.isSelected() && isShowing() && !focusInPanel()) {
                showItem.setSelected(true);
                panel.get().requestFocus();
            } else {
                setShowing(showItem.isSelected());
            }
        });
        Menu menu = new Menu("_Lessons");
        menu.setId("lessons-menu");
        menu.getItems().add(showItem);
        // The chapters and scenarios are read when the menu first opens, not before the first frame.
        menu.setOnShowing(e -> {
            if (menu.getItems().size() == 1) {
                addChaptersAndScenarios(menu);
            }
        });
        w.addMenu(menu);

        MenuItem open = new MenuItem("Open _scenario…");
        open.setId("menu-open-scenario");
        open.setOnAction(e -> scenarios.chooseAndOpen());
        int at = w.fileMenu().getItems().size();
        for (int i = 0; i < w.fileMenu().getItems().size(); i++) {
            if (w.fileMenu().getItems().get(i) instanceof SeparatorMenuItem) {
                at = i;
                break;
            }
        }
        w.fileMenu().getItems().add(at, open);

        ToggleButton toggle = new ToggleButton("Lessons (F1)");
        toggle.setId("lessons-toggle");
        toggle.setTooltip(new Tooltip("Show or hide the guided lessons beside the views"));
        org.cnnexplorer.app.KeyboardReach.tabOnly(toggle);
        toggle.selectedProperty().bindBidirectional(showItem.selectedProperty());
        toggle.setOnAction(e -> setShowing(toggle.isSelected()));
        w.addStatusItem(toggle);
    }

    private void addChaptersAndScenarios(Menu menu) {
        menu.getItems().add(new SeparatorMenuItem());
        for (int i = 0; i < course.get().size(); i++) {
            int c = i;
            MenuItem item = new MenuItem((i + 1) + ". " + course.get().chapter(i).title());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                setShowing(true);
                panel.get().show(c, 0);
            });
            menu.getItems().add(item);
        }
        MenuItem over = new MenuItem("Start over (forget answers)");
        over.setOnAction(e -> {
            setShowing(true);
            panel.get().startOver();
        });
        Menu shipped = new Menu("Teacher _scenarios");
        for (Map.Entry<String, String> s : ScenarioActions.shippedTitles().entrySet()) {
            MenuItem item = new MenuItem(s.getValue());
            item.setMnemonicParsing(false);
            item.setId("scenario-" + s.getKey().replaceFirst("\\.json$", ""));
            item.setOnAction(e -> scenarios.openShipped(s.getKey()));
            shipped.getItems().add(item);
        }
        menu.getItems().addAll(new SeparatorMenuItem(), over, shipped);
    }

    /** Shows or hides the panel; showing it the first time opens where the learner left off. */
    public void setShowing(boolean on) {
        if (!on && !panel.built()) {
            showItem.setSelected(false);
            return;
        }
        LessonPanel panel = this.panel.get();
        boolean first = on && panel.currentPage() != null && !panel.isVisible() && !opened;
        showItem.setSelected(on);
        if (on != panel.isVisible()) {
            makeRoom(on);
        }
        boolean was = panel.isVisible();
        panel.setVisible(on);
        panel.setManaged(on);
        if (!on && was) {
            panel.leaveViews();
        }
        if (on) {
            host.ensureImage();
            if (first) {
                opened = true;
                panel.resume();
            } else if (!was) {
                panel.returnToViews();
            }
            panel.requestFocus();
        }
    }

    private boolean opened;

    /** The views keep their width: the window grows by the panel's width where the screen allows, and shrinks back. */
    private void makeRoom(boolean on) {
        if (stage == null || stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        if (!on) {
            // only undo a growth that happened (without a window manager the request may be ignored)
            if (Math.abs(stage.getWidth() - widthGrown) < 1) {
                stage.setWidth(widthBefore);
            }
            widthGrown = Double.NaN;
            return;
        }
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(stage.getWidth() + LessonPanel.WIDTH, screen.getWidth());
        if (w <= stage.getWidth()) {
            return;
        }
        widthBefore = stage.getWidth();
        widthGrown = w;
        stage.setWidth(w);
        if (stage.getX() + w > screen.getMaxX()) {
            stage.setX(Math.max(screen.getMinX(), screen.getMaxX() - w));
        }
    }

    private boolean focusInPanel() {
        if (!this.panel.built()) {
            return false;
        }
        LessonPanel panel = this.panel.get();
        javafx.scene.Node n = panel.getScene() == null ? null : panel.getScene().getFocusOwner();
        for (; n != null; n = n.getParent()) {
            if (n == panel) {
                return true;
            }
        }
        return false;
    }

    public boolean isShowing() {
        return panel.built() && panel.get().isVisible();
    }

    public LessonPanel panel() {
        return panel.get();
    }

    /** The chapters (read on first use). */
    public Course course() {
        return course.get();
    }

    public ScenarioActions scenarios() {
        return scenarios;
    }
}
