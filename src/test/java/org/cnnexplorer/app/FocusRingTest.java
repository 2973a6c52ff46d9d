package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A visible focus ring in every theme: each kind of control the window uses looks clearly
 * different with the keyboard focus than without it (enough pixels change, by a clear step in
 * colour), drawn with the app's stylesheets in Standard, Light, Dark and High contrast.
 */
class FocusRingTest extends ThemedStageTest {
    /** Pixels that must change, as a share of the control's outline, and how much (RGB distance, 0-441). */
    private static final double MIN_RING_SHARE = 0.6;
    private static final double MIN_STEP = 90;
    private static List<Supplier<Node>> controls() {
        return List.of(() -> new Button("Start"), () -> new ToggleButton("Lessons (F1)"), () -> new CheckBox("Shuffle"),
                () -> new RadioButton("Training image"), () -> new Spinner<Integer>(0, 10, 3), () -> new TextField("0.005"),
                () -> new Slider(0, 4, 2), () -> {
                    ListView<String> l = new ListView<>(FXCollections.observableArrayList("1. Input", "2. Conv"));
                    l.setPrefSize(160, 80);
                    return l;
                }, () -> new ComboBox<>(FXCollections.observableArrayList("Glorot", "He")),
                () -> new ChoiceBox<>(FXCollections.observableArrayList(1, 2)), () -> {
                    javafx.scene.control.TextArea a = new javafx.scene.control.TextArea("notes");
                    a.setPrefSize(160, 60);
                    return a;
                }, () -> {
                    javafx.scene.control.TableView<String> t = new javafx.scene.control.TableView<>(FXCollections.observableArrayList("a", "b"));
                    t.getColumns().add(new javafx.scene.control.TableColumn<>("digit"));
                    t.setPrefSize(160, 80);
                    return t;
                }, () -> {
                    javafx.scene.control.TabPane t = new javafx.scene.control.TabPane(new javafx.scene.control.Tab("Training"),
                            new javafx.scene.control.Tab("Filters"));
                    t.setPrefSize(200, 60);
                    return t;
                }, () -> {
                    javafx.scene.control.TitledPane t = new javafx.scene.control.TitledPane("Network options", new javafx.scene.control.Label("x"));
                    t.setExpanded(false);
                    return t;
                });
    }

    @Test
    void everyControlShowsItsFocusInEveryTheme() throws Exception {
        List<String> faint = new ArrayList<>();
        for (Themes.Theme theme : Themes.Theme.values()) {
            for (Supplier<Node> make : controls()) {
                String result = WaitForAsyncUtils.asyncFx(() -> {
                    Node c = make.get();
                    Button other = new Button("other");
                    StackPane box = new StackPane(c);
                    box.setPadding(new Insets(12));
                    javafx.scene.layout.VBox root = new javafx.scene.layout.VBox(box, other);
                    Scene scene = new Scene(root, 300, 200);
                    scene.getStylesheets().add(ExplorerApp.class.getResource("app.css").toExternalForm());
                    Themes.apply(scene, theme);
                    stage.setScene(scene);
                    stage.show();
                    stage.requestFocus();
                    other.requestFocus();
                    return null;
                }).get(10, TimeUnit.SECONDS) == null ? measure(theme) : null;
                if (result != null) {
                    faint.add(result);
                }
            }
        }
        assertEquals(List.of(), faint, "controls whose focus is hard to see");
    }

    /** Snapshots the control without and with focus and says what is too faint, or null. */
    private String measure(Themes.Theme theme) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Object[] before = WaitForAsyncUtils.asyncFx(() -> {
            StackPane box = (StackPane) ((javafx.scene.layout.VBox) stage.getScene().getRoot()).getChildren().get(0);
            Node c = box.getChildren().get(0);
            return new Object[] {c, box.snapshot(null, null)};
        }).get();
        Node c = (Node) before[0];
        robot.interact(c::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage after = WaitForAsyncUtils.asyncFx(() -> c.getParent().snapshot(null, null)).get();
        WritableImage was = (WritableImage) before[1];
        boolean focused = WaitForAsyncUtils.asyncFx(() -> c.isFocused() || c.lookup(":focused") != null).get();
        if (!focused) {
            return theme + " " + c.getClass().getSimpleName() + ": does not take the focus";
        }
        // A tab pane shows its focus on the selected tab's header: measure against that.
        Bounds b = WaitForAsyncUtils.asyncFx(() -> c instanceof javafx.scene.control.TabPane
                ? c.lookup(".tab:selected").getLayoutBounds() : c.getBoundsInParent()).get();
        double outline = 2 * (b.getWidth() + b.getHeight());
        int changed = 0;
        PixelReader p = was.getPixelReader();
        PixelReader q = after.getPixelReader();
        int w = (int) Math.min(was.getWidth(), after.getWidth());
        int h = (int) Math.min(was.getHeight(), after.getHeight());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (distance(p.getColor(x, y), q.getColor(x, y)) >= MIN_STEP) {
                    changed++;
                }
            }
        }
        if (changed < MIN_RING_SHARE * outline) {
            String owner = WaitForAsyncUtils.asyncFx(() -> String.valueOf(c.getScene().getFocusOwner())).get();
            return String.format("%s %s: %d pixels change clearly, want %.0f (focus on %s)", theme, c.getClass().getSimpleName(), changed,
                    MIN_RING_SHARE * outline, owner);
        }
        return null;
    }

    private static double distance(Color a, Color b) {
        double dr = 255 * (a.getRed() - b.getRed());
        double dg = 255 * (a.getGreen() - b.getGreen());
        double db = 255 * (a.getBlue() - b.getBlue());
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
