package org.cnnexplorer.app.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.stage.Window;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.Dialogs;
import org.cnnexplorer.app.MainWindow;
import org.cnnexplorer.app.TrainingFeature;
import org.cnnexplorer.app.page.Highlight;
import org.cnnexplorer.app.page.Page;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.app.view.SettingsPane;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.lesson.Course;
import org.cnnexplorer.lesson.Scenario;
import org.cnnexplorer.lesson.ScenarioException;
import org.cnnexplorer.lesson.ScenarioReader;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.Trainer;

/**
 * File › Open scenario… and the scenarios that ship with the app. A scenario is read and checked,
 * then its data and weights are loaded in the background; only when all of that worked does
 * anything in the window change. Any failure is one dialog, and the window stays as it was.
 */
public final class ScenarioActions {
    /** The shipped scenarios, file names under the lesson package's "scenarios" resources. */
    public static final List<String> SHIPPED = shippedNames();

    private final AppModel model;
    private final MainWindow window;
    private final TrainingFeature training;
    private final java.util.function.Supplier<Window> owner;
    private final Consumer<Scenario> onApplied;
    /** What the last scenario hid, so the next one starts from a full window. */
    private final List<String> hiddenTabs = new ArrayList<>();
    private final List<Node> hiddenNodes = new ArrayList<>();
    private boolean loading;

    public ScenarioActions(AppModel model, MainWindow window, TrainingFeature training, java.util.function.Supplier<Window> owner,
                           Consumer<Scenario> onApplied) {
        this.model = model;
        this.window = window;
        this.training = training;
        this.owner = owner;
        this.onApplied = onApplied;
    }

    public void chooseAndOpen() {
        Path f = model.choosers().chooseOpenFile(owner.get(), "Open a lesson scenario", "Lesson scenario (*.json)", "json");
        if (f != null) {
            open(f);
        }
    }

    /** Reads, checks and applies a scenario file; returns the background task (null if it failed at once). */
    public Task<Loaded> open(Path file) {
        Task<Loaded> t;
        try {
            t = apply(ScenarioReader.read(file));
        } catch (ScenarioException e) {
            model.recentFiles().failed(org.cnnexplorer.app.RecentFiles.Kind.SCENARIO, file);
            fail(e.getMessage());
            return null;
        }
        if (t != null) {
            var kind = org.cnnexplorer.app.RecentFiles.Kind.SCENARIO;
            t.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> model.recentFiles().opened(kind, file));
            t.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_FAILED, e -> model.recentFiles().failed(kind, file));
        }
        return t;
    }

    /** One of {@link #SHIPPED}. */
    public Task<Loaded> openShipped(String name) {
        try (InputStream in = Course.class.getResourceAsStream("scenarios/" + name)) {
            if (in == null) {
                fail("The scenario " + name + " is missing from this build.");
                return null;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return apply(ScenarioReader.parse(text, Path.of("").toAbsolutePath(), name));
        } catch (ScenarioException e) {
            fail(e.getMessage());
            return null;
        } catch (IOException e) {
            fail("Cannot read the scenario " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** What a scenario loads before it changes anything. */
    public record Loaded(Scenario scenario, MnistFiles.Split data, Network network, String modelName) {
    }

    private Task<Loaded> apply(Scenario s) {
        if (loading) {
            return null;
        }
        for (String id : s.hide()) {
            if (window.pages().tab(id) == null && findNode(id) == null) {
                fail("This scenario hides \"" + id + "\", but the window has no tab or control with that id.");
                return null;
            }
        }
        if (window.pages().all().stream().allMatch(p -> s.hide().contains(p.id()))) {
            fail("This scenario hides every tab, which would leave the window empty: leave at least one.");
            return null;
        }
        MnistFiles.Split current = model.data();
        Task<Loaded> t = new Task<>() {
            @Override
            protected Loaded call() throws DataException, ModelFileException {
                MnistFiles.Split data = s.dataset() != null ? MnistFiles.load(s.dataset())
                        : current != null && "bundled MNIST".equals(current.source()) ? current : MnistFiles.loadBundled();
                int h = data.train().rows();
                int w = data.train().cols();
                Network net;
                String name;
                switch (s.model()) {
                    case BUNDLED -> {
                        net = PretrainedModel.load();
                        name = PretrainedModel.NAME;
                    }
                    case FILE -> {
                        net = NpzModel.load(s.modelFile());
                        name = s.modelFile().getFileName().toString();
                    }
                    default -> {
                        net = Trainer.newNetwork(s.settings(), h, w);
                        name = "new model (seed " + s.settings().seed() + ")";
                    }
                }
                if (net.height != h || net.width != w) {
                    throw new DataException("the model takes " + net.height + "×" + net.width + " images but the data has " + h + "×" + w);
                }
                net.pool.setFirstMaxOnly(s.settings().firstMaxOnly());
                return new Loaded(s, data, net, name);
            }
        };
        loading = true;
        String before = model.statusProperty().get();  // said again if the scenario cannot be used
        model.statusProperty().set("Opening the scenario \"" + s.name() + "\"…");
        t.setOnSucceeded(e -> {
            loading = false;
            use(t.getValue());
        });
        t.setOnFailed(e -> {
            loading = false;
            model.statusProperty().set(before);
            Throwable ex = t.getException();
            fail("\"" + s.name() + "\": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        Thread th = new Thread(t, "load-scenario");
        th.setDaemon(true);
        th.start();
        return t;
    }

    /** Everything checked and loaded: now the window changes, all at once (FX thread). */
    private void use(Loaded l) {
        Scenario s = l.scenario();
        training.controller().stop();
        showAll();
        if (l.data() != model.data()) {
            model.dataProperty().set(l.data());
        }
        model.store().replace(l.network()).thenRun(() -> Platform.runLater(model::refreshSnapshot));
        model.modelNameProperty().set(s.name() + ": " + l.modelName());
        var config = s.settings().withFilters(l.network().numFilters);
        Node settings = findNode("settings");
        if (settings instanceof SettingsPane p) {
            p.show(config);
        } else {
            training.controller().configProperty().set(config);
        }
        for (String id : s.hide()) {
            if (window.pages().tab(id) != null) {
                window.pages().setHidden(id, true);
                hiddenTabs.add(id);
            } else {
                for (Node n : withRowLabels(findNode(id))) {
                    n.setVisible(false);
                    n.setManaged(false);
                    hiddenNodes.add(n);
                }
            }
        }
        model.statusProperty().set("Scenario: " + s.name() + (s.dataset() != null ? " (data from " + s.dataset() + ")" : ""));
        onApplied.accept(s);
    }

    /** A control in a form row goes with its label: both are hidden, not an orphan label. */
    private static List<Node> withRowLabels(Node n) {
        List<Node> out = new ArrayList<>(List.of(n));
        if (n.getParent() instanceof javafx.scene.layout.GridPane g) {
            Integer row = javafx.scene.layout.GridPane.getRowIndex(n);
            for (Node c : g.getChildren()) {
                if (c != n && c instanceof javafx.scene.control.Label && java.util.Objects.equals(javafx.scene.layout.GridPane.getRowIndex(c), row)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private void showAll() {
        for (String id : hiddenTabs) {
            window.pages().setHidden(id, false);
        }
        for (Node n : hiddenNodes) {
            n.setVisible(true);
            n.setManaged(true);
        }
        hiddenTabs.clear();
        hiddenNodes.clear();
    }

    private Node findNode(String id) {
        for (Page p : window.pages().all()) {
            Node n = Highlight.find(p.node(), id);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private void fail(String message) {
        Dialogs.error(owner.get(), "This scenario cannot be used", message + "\n\nNothing in the window was changed.");
    }

    /** Display names of the shipped scenarios, read from their files. */
    public static Map<String, String> shippedTitles() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : SHIPPED) {
            String title = n;
            try (InputStream in = Course.class.getResourceAsStream("scenarios/" + n)) {
                if (in != null) {
                    var o = com.google.gson.JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
                    title = o.has("name") ? o.get("name").getAsString() : n;
                }
            } catch (IOException | RuntimeException e) {
                // the menu shows the file name instead
            }
            m.put(n, title);
        }
        return m;
    }

    private static List<String> shippedNames() {
        try (InputStream in = Course.class.getResourceAsStream("scenarios/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** For tests: ids of what the current scenario hides. */
    public List<String> hiddenTabs() {
        return List.copyOf(hiddenTabs);
    }

    static String pageIdOf(String name) {
        return PageIds.of(name);
    }
}
