package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import org.cnnexplorer.app.TrainingController.RunState;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.train.NetworkSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The network options in Settings: a change gives a new network at Start, which trains, and the views follow it. */
class ArchitectureWindowTest {
    private ExplorerApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ExplorerApp) FxToolkit.setupApplication(ExplorerApp.class);
        waitFor(() -> app.model().data() != null);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            app.training().controller().stop();
            return null;
        });
        FxToolkit.cleanupApplication(app);
    }

    @SuppressWarnings("unchecked")
    @Test
    void twoLayerReluNetworkFromSettingsTrainsAndTheViewsFollow() throws Exception {
        TrainingController c = app.training().controller();
        // Built before the run, the step-through is left with the article's network and must be recomputed
        // (one built after the run computes with the new network at once).
        var step = app.backpropView();
        // the network's fields are in the window once their section is opened
        assertTrue(fx(() -> robot.lookup("#relu").tryQuery().isEmpty()), "folded fields are not in the window yet");
        fx(() -> {
            robot.lookup("#network-options").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true);
            return null;
        });
        fx(() -> {
            robot.lookup("#relu").queryAs(CheckBox.class).setSelected(true);
            ((Spinner<Integer>) robot.lookup("#conv-layers").queryAs(Spinner.class)).getValueFactory().setValue(2);
            ((Spinner<Long>) robot.lookup("#filters").queryAs(Spinner.class)).getValueFactory().setValue(4L);
            ((Spinner<Integer>) robot.lookup("#filters2").queryAs(Spinner.class)).getValueFactory().setValue(6);
            return null;
        });
        assertEquals(new Architecture(4, 6, true, Init.ARTICLE), fx(() -> c.configProperty().get().architecture()));
        robot.clickOn("#start-button");
        waitFor(() -> c.state() == RunState.RUNNING || c.state() == RunState.IDLE);
        waitFor(() -> app.model().snapshot().arch.filters2() == 6);
        NetworkSnapshot s = app.model().snapshot();
        assertTrue(s.arch.relu());
        long v = s.version;
        waitFor(() -> app.model().snapshot().version > v + 2);
        fx(() -> {
            app.window().select("tab-filters");
            return null;
        });
        waitFor(() -> app.training().filtersView().layer2MapCount() == 6 * 4);
        assertEquals(4, (int) fx(() -> app.training().filtersView().filterCount()));
        fx(() -> {
            c.stop();
            return null;
        });
        waitFor(() -> c.state() == RunState.IDLE);
        // Feature maps: both layers, each captioned with its own size, and the probabilities
        fx(() -> {
            app.window().select("tab-feature-maps");
            app.training().selection().showTestImage(0);
            return null;
        });
        var maps = app.training().featureMapsView();
        waitFor(() -> fx(() -> maps.layerMapCount(1) == 4 && maps.layerMapCount(2) == 6));
        assertTrue(fx(() -> maps.probabilityBars().predicted()) >= 0, "the softmax bars show this image's probabilities");
        String captions = fx(() -> maps.captions());
        assertTrue(captions.contains("24×24") && captions.contains("26×26") && captions.contains("12×12"), captions);
        assertTrue(!captions.contains("13×13"), captions);
        // nothing on the view says the article's sizes or its lack of ReLU for this network
        String words = fx(() -> robot.from(maps).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(!words.contains("13×13") && !words.contains("no ReLU"), words);
        fx(() -> {
            app.window().select("tab-pooling");
            return null;
        });
        waitFor(() -> fx(() -> robot.from(app.training().poolingView()).lookup(".card-title").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("Layer 2 conv output (24×24) in 2×2 blocks"))));
        assertTrue(fx(() -> robot.from(app.training().poolingView()).lookup(".card-title").queryAllAs(Label.class).stream()
                .noneMatch(l -> l.getText().contains("26×26") || l.getText().contains("13×13"))), "no title gives the article's sizes");
        // The step-through walks the extra stages too, and Apply writes both convolutions' new filters.
        fx(() -> {
            app.window().select(ExplorerApp.BACKPROP_TAB);
            return null;
        });
        // a tab not built before the run is built on selection and shows from the next frame
        waitFor(() -> fx(() -> robot.lookup("#backprop-recompute").match(org.testfx.matcher.base.NodeMatchers.isVisible()).tryQuery().isPresent()));
        robot.clickOn("#backprop-recompute");
        waitFor(() -> fx(() -> step.traceProperty().get() != null && step.traceProperty().get().convLayers == 2));
        java.util.List<String> ids = fx(() -> java.util.stream.IntStream.range(0, step.stageCount()).mapToObj(step::stageId).toList());
        assertEquals(java.util.List.of("input", "conv", "relu1", "conv2", "relu2", "pool", "totals", "probs", "loss",
                "dLdout", "doutdt", "dLdt", "dLdw", "dLdb", "dLdinput", "routing", "relu2back", "dLdfilters2", "dLdlayer1",
                "relu1back", "dLdfilters", "sgd"), ids);
        for (int i = 0; i < ids.size(); i++) {
            int at = i;
            fx(() -> {
                step.showStage(at);
                return null;
            });
            String title = fx(() -> robot.lookup("#backprop-stage-title").queryAs(Label.class).getText());
            assertTrue(!title.isBlank(), ids.get(i));
        }
        var trace = fx(() -> step.traceProperty().get());
        NetworkSnapshot before = app.model().snapshot();
        assertTrue(fx(() -> step.apply()).get(30, java.util.concurrent.TimeUnit.SECONDS), "applied");
        waitFor(() -> app.model().snapshot().version > before.version);
        NetworkSnapshot after = app.model().snapshot();
        org.junit.jupiter.api.Assertions.assertArrayEquals(trace.filters2After(), after.toNetwork().conv2.filters(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(trace.filtersAfter(), after.toNetwork().conv.filters(), 0.0);
    }
}
