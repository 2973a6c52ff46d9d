package org.cnnexplorer.app.mydigits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.cnnexplorer.app.AnsweringChoosers;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.DigitPictures;
import org.cnnexplorer.data.MyDigitsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * My digits in the real window (headless): draw digits and add them with a label, see them in the
 * My digits tab, save them as IDX files, delete one (the folder follows), reload the folder, import
 * a folder of pictures with a bad one among them, test on my digits, and train with them.
 */
class MyDigitsWindowTest {
    @TempDir
    Path dir;
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();
    private Path next;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        app.model().setChoosers(AnsweringChoosers.always(() -> next));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        for (Window w : fx(() -> Window.getWindows().stream().filter(w -> w != app.window().root().getScene().getWindow()).toList())) {
            fx(() -> {
                if (w instanceof Stage s) {
                    s.close();
                }
                return null;
            });
        }
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void drawAddDeleteSaveAndReload() throws Exception {
        MyDigits digits = app.myDigits().digits();
        robot.interact(() -> app.window().select(ExplorerApp.DRAW_TAB));
        assertTrue(robot.lookup("#add-digit-7").queryButton().isDisabled(), "nothing to add on blank paper");

        stroke(60, 60, 215, 60);
        stroke(215, 60, 125, 245);
        assertEquals(7, app.drawView().predictedProperty().get());
        byte[] sevenSeen = bytesOf(app.drawView().drawnInputProperty().get());
        robot.clickOn("#add-digit-7");
        assertEquals(1, digits.size());
        assertEquals(7, digits.digits().get(0).label());
        assertArrayEquals(sevenSeen, digits.digits().get(0).pixels(), "the 28x28 image the network saw");
        assertTrue(app.drawView().drawing().isEmpty(), "the paper is cleared for the next digit");

        stroke(140, 30, 140, 250);
        robot.clickOn("#add-digit-1");
        stroke(140, 30, 140, 250);
        robot.clickOn("#add-digit-4");    // a deliberately wrong label
        assertEquals(List.of(7, 1, 4), labels(digits));

        robot.interact(() -> app.window().select(MyDigitsFeature.TAB));
        MyDigitsView view = app.myDigits().view();
        assertEquals(3, view.galleryCount());
        assertNull(digits.folder());

        // Save: both IDX files, which read back as the same digits.
        Path keep = Files.createDirectories(dir.resolve("mine"));
        next = keep;
        robot.clickOn("#my-digits-save-as");
        assertEquals(keep, digits.folder());
        Dataset saved = MyDigitsFiles.load(keep);
        assertEquals(3, saved.count());
        assertArrayEquals(sevenSeen, saved.image(0));
        assertArrayEquals(new byte[] {7, 1, 4}, saved.labels());

        // Delete the wrongly labelled one: select it, press Delete; the folder follows at once.
        robot.interact(() -> view.toggleSelected(2));
        robot.clickOn("#my-digits-delete");
        assertEquals(List.of(7, 1), labels(digits));
        assertEquals(2, MyDigitsFiles.load(keep).count());
        assertArrayEquals(new byte[] {7, 1}, MyDigitsFiles.load(keep).labels());
        robot.interact(() -> view.toggleSelected(1));
        robot.interact(() -> view.requestFocus());
        robot.type(KeyCode.DELETE);
        assertEquals(List.of(7), labels(digits));
        assertEquals(1, MyDigitsFiles.load(keep).count());

        // Reload: another set replaces these, then the kept folder brings them back.
        Path other = Files.createDirectories(dir.resolve("other"));
        MyDigitsFiles.save(other, BundledMnist.test().head(5));
        next = other;
        robot.clickOn("#my-digits-open");
        assertEquals(5, digits.size());
        next = keep;
        robot.clickOn("#my-digits-open");
        assertEquals(1, digits.size());
        assertArrayEquals(sevenSeen, digits.digits().get(0).pixels());
        assertTrue(digits.savedProperty().get());
    }

    @Test
    void importPicturesTestAndTrainWithThem() throws Exception {
        MyDigits digits = app.myDigits().digits();
        Path pics = dir.resolve("pics");
        DigitPictures.writeFolder(pics, BundledMnist.test(), 12);
        Files.writeString(pics.resolve("2/broken.png"), "no picture");
        robot.interact(() -> app.window().select(MyDigitsFeature.TAB));
        next = pics;
        robot.clickOn("#my-digits-import");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !app.myDigits().actions().importing()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12, digits.size());
        DialogPane summary = robot.lookup("#import-summary").queryAs(DialogPane.class);
        assertNotNull(summary, "a summary follows every import");
        assertEquals("Imported pics: 12 images read, 1 skipped (1 not readable image)", summary.getHeaderText());
        String skipped = robot.lookup("#import-skipped").queryTextInputControl().getText();
        assertEquals("2/broken.png: the file is not an image this program can read (PNG, JPEG, GIF or BMP)\n", skipped);
        robot.interact(() -> ((Stage) summary.getScene().getWindow()).close());

        // Test the bundled model on them: the matrix holds all twelve.
        robot.clickOn("#my-digits-evaluate");
        MyDigitsView view = app.myDigits().view();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> total(view) == 12));
        int diagonal = fx(() -> {
            int s = 0;
            for (int k = 0; k < 10; k++) {
                String t = view.matrix().cellText(k, k);
                s += t.isEmpty() ? 0 : Integer.parseInt(t);
            }
            return s;
        });
        assertTrue(diagonal >= 10, diagonal + " of 12 read right");
        String summaryText = robot.lookup("#my-digits-eval-summary").queryLabeled().getText();
        assertTrue(summaryText.startsWith("Accuracy on my digits "), summaryText);

        // Train on MNIST plus them: my digits come first, the test set stays MNIST's.
        int mnist = app.model().data().train().count();
        robot.clickOn("#my-digits-train-with");
        assertEquals(mnist + 12, app.model().data().train().count());
        assertArrayEquals(digits.digits().get(0).pixels(), app.model().data().train().image(0));
        assertEquals(10_000, app.model().data().test().count());
        robot.clickOn("#my-digits-train-with");
        assertEquals(mnist, app.model().data().train().count());
        assertFalse(app.model().data().source().contains("my digits"));
    }

    @Test
    void deletingHundredsIsOneChangeOneRedrawAndOneSave() throws Exception {
        MyDigits digits = app.myDigits().digits();
        Path keep = Files.createDirectories(dir.resolve("mine"));
        fx(() -> {
            digits.addAll(MyDigits.toDigits(BundledMnist.test().head(2000)));
            digits.saveTo(keep);
            return null;
        });
        int twos = (int) digits.digits().stream().filter(d -> d.label() == 2).count();
        assertTrue(twos > 150 && twos <= MyDigitsView.GALLERY_LIMIT, twos + " twos, all shown at once");
        robot.interact(() -> app.window().select(MyDigitsFeature.TAB));
        MyDigitsView view = app.myDigits().view();
        robot.clickOn("#my-digits-evaluate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> total(view) == 2000));

        // Every 2 shown and selected, then deleted at once.
        ChoiceBox<String> filter = robot.lookup("#my-digits-filter").query();
        robot.interact(() -> filter.getSelectionModel().select("Labelled 2"));
        robot.clickOn(robot.lookup((Button b) -> "Select shown".equals(b.getText())).queryButton());
        int[] changes = {0};
        int[] redraws = {0};
        robot.interact(() -> {
            digits.digits().addListener((ListChangeListener<MyDigits.Digit>) c -> changes[0]++);
            robot.lookup("#my-digits-gallery").queryAs(FlowPane.class).getChildren()
                    .addListener((ListChangeListener<Node>) c -> redraws[0]++);
        });
        robot.clickOn("#my-digits-delete");
        assertEquals(1, changes[0], "one change for the whole selection");
        assertEquals(1, redraws[0], "the gallery is rebuilt once");
        int left = 2000 - twos;
        assertEquals(left, digits.size());
        assertFalse(labels(digits).contains(2));
        assertTrue(robot.lookup("#my-digits-counts").queryLabeled().getText().startsWith(String.format("%,d digits", left)));
        assertTrue(robot.lookup("#my-digits-eval-summary").queryLabeled().getText().contains(String.format(" of %,d right)", left)));
        assertEquals(left, fx(() -> total(view)));
        Dataset onDisk = MyDigitsFiles.load(keep);
        assertEquals(left, onDisk.count());
        assertEquals(labels(digits), bytesToList(onDisk.labels()));
        assertTrue(robot.lookup("#my-digits-where").queryLabeled().getText().endsWith("(saved)"));

        // Relabelling a selection is one change too; a save that fails says so.
        Files.move(keep, dir.resolve("moved"));
        Files.writeString(keep, "a file where the folder was");
        robot.interact(() -> filter.getSelectionModel().select("Labelled 3"));
        robot.clickOn(robot.lookup((Button b) -> "Select shown".equals(b.getText())).queryButton());
        int threes = fx(() -> view.galleryCount());
        changes[0] = 0;
        redraws[0] = 0;
        ChoiceBox<String> relabel = robot.lookup("#my-digits-relabel").query();
        robot.interact(() -> relabel.getSelectionModel().select("8"));
        assertEquals(1, changes[0], "one change for the whole selection");
        assertEquals(1, redraws[0], "the gallery is rebuilt once");
        assertEquals(0, fx(() -> view.galleryCount()), threes + " relabelled as 8");
        assertFalse(digits.savedProperty().get());
        String where = robot.lookup("#my-digits-where").queryLabeled().getText();
        assertTrue(where.startsWith("Not saved: "), where);
    }

    @Test
    void addingOrImportingIntoAFolderThatCannotBeWrittenSaysNotSaved() throws Exception {
        MyDigits digits = app.myDigits().digits();
        Path keep = Files.createDirectories(dir.resolve("mine"));
        fx(() -> {
            digits.saveTo(keep);
            return null;
        });
        Files.move(keep, dir.resolve("moved"));
        Files.writeString(keep, "a file where the folder was");

        robot.interact(() -> app.window().select(ExplorerApp.DRAW_TAB));
        stroke(140, 30, 140, 250);
        robot.clickOn("#add-digit-1");
        assertEquals(1, digits.size());
        String added = robot.lookup("#add-to-my-digits-feedback").queryLabeled().getText();
        assertTrue(added.contains("not saved"), added);

        Path pics = dir.resolve("pics");
        DigitPictures.writeFolder(pics, BundledMnist.test(), 3);
        robot.interact(() -> app.window().select(MyDigitsFeature.TAB));
        next = pics;
        robot.clickOn("#my-digits-import");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !app.myDigits().actions().importing()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, digits.size());
        String summary = robot.lookup("#import-summary").queryAs(DialogPane.class).getContentText();
        assertTrue(summary.startsWith("3 digits were added to My digits but not saved: "), summary);
    }

    @Test
    void buttonsKeepTheirTextInANarrowWindow() throws Exception {
        MyDigits digits = app.myDigits().digits();
        robot.interact(() -> digits.addAll(MyDigits.toDigits(BundledMnist.test().head(2000))));
        robot.interact(() -> app.window().select(MyDigitsFeature.TAB));
        MyDigitsView view = app.myDigits().view();
        robot.clickOn("#my-digits-evaluate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> total(view) == 2000));
        robot.clickOn(robot.lookup((Button b) -> "Select shown".equals(b.getText())).queryButton());
        Label title = robot.lookup("#my-digits-gallery-title").queryAs(Label.class);
        assertEquals("All digits: 2,000 (showing the first 400) · 400 selected", title.getText());
        for (double width : new double[] {800, 1280}) {
            robot.interact(() -> {
                Window w = view.getScene().getWindow();
                w.setWidth(width);
                w.setHeight(560);
            });
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cut = fx(() -> {
                List<String> out = new java.util.ArrayList<>();
                int seen = 0;
                for (String kind : new String[] {".button", ".choice-box", ".check-box"}) {
                    for (Node n : view.lookupAll(kind)) {
                        Region r = (Region) n;
                        seen++;
                        if (r.isVisible() && r.getWidth() < r.prefWidth(-1) - 0.5) {
                            out.add(n.getId() + " " + r.getWidth() + " < " + r.prefWidth(-1));
                        }
                    }
                }
                assertTrue(seen >= 10, seen + " buttons");
                return out;
            });
            assertEquals(List.of(), cut, "at " + width + " px every button shows its whole text");
            assertTrue(fx(() -> view.localToScene(view.getBoundsInLocal()).getMaxX() <= view.getScene().getWidth() + 0.5),
                    "the tab fits the window at " + width + " px");
            // The titles wrap rather than being cut: each shows its whole text within the tab.
            for (String id : new String[] {"#my-digits-gallery-title", "#my-digits-eval-summary", "#my-digits-where"}) {
                Label l = robot.lookup(id).queryAs(Label.class);
                String shown = fx(() -> ((javafx.scene.text.Text) l.lookup(".text")).getText().replace('\n', ' '));
                assertEquals(l.getText(), shown.strip(), width + " px: " + id);
                double right = fx(() -> l.localToScene(l.getBoundsInLocal()).getMaxX());
                assertTrue(right <= fx(() -> view.localToScene(view.getBoundsInLocal()).getMaxX()) + 0.5, width + " px: " + id + " ends at " + right);
            }
        }
    }

    private static List<Integer> bytesToList(byte[] b) {
        List<Integer> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add((int) x);
        }
        return out;
    }

    private static int total(MyDigitsView view) {
        int s = 0;
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                String t = view.matrix().cellText(r, c);
                s += t.isEmpty() ? 0 : Integer.parseInt(t);
            }
        }
        return s;
    }

    private static List<Integer> labels(MyDigits d) {
        return d.digits().stream().map(MyDigits.Digit::label).toList();
    }

    private static byte[] bytesOf(double[] scaled) {
        double[] ink = new double[scaled.length];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = scaled[i] + 0.5;
        }
        return org.cnnexplorer.data.DigitPreprocessor.toBytes(ink);
    }

    /** Drags the pen across the canvas, in canvas coordinates, in small steps. */
    private void stroke(double x0, double y0, double x1, double y1) {
        Node pad = robot.lookup("#draw-canvas").query();
        Bounds b = pad.localToScreen(pad.getBoundsInLocal());
        robot.moveTo(new Point2D(b.getMinX() + x0, b.getMinY() + y0));
        robot.press(MouseButton.PRIMARY);
        int n = 20;
        for (int i = 1; i <= n; i++) {
            robot.moveTo(new Point2D(b.getMinX() + x0 + (x1 - x0) * i / n, b.getMinY() + y0 + (y1 - y0) * i / n));
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(60, TimeUnit.SECONDS);
    }
}
