package org.cnnexplorer.app;

import static org.cnnexplorer.app.TrainingWindowTest.fx;
import static org.cnnexplorer.app.TrainingWindowTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import org.cnnexplorer.app.TrainingController.RunState;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;
import org.cnnexplorer.train.TrainingFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers a finished run reports, the curves after a reset or a new run, and an opened model's filters. */
class TrainingResultsTest extends WindowTest {
    @BeforeEach
    void fullSpeed() throws Exception {
        fx(() -> {
            app.training().controller().paceProperty().set(RunControl.FULL_SPEED);
            return null;
        });
    }

    /** Types into a settings field the way a user does (the text, not the spinner's value). */
    private void type(String id, String text) throws Exception {
        fx(() -> {
            Spinner<?> s = (Spinner<?>) app.window().root().getScene().lookup("#" + id);
            s.getEditor().setText(text);
            s.commitValue();
            return null;
        });
    }

    private String status() throws Exception {
        return fx(() -> app.model().statusProperty().get());
    }

    private void runToEnd() throws Exception {
        TrainingController c = app.training().controller();
        robot.clickOn("#start-button");
        waitFor(() -> fx(() -> c.state() == RunState.IDLE && status().startsWith("Training finished")));
    }

    @Test
    void aFinishedRunReportsItsOwnLastTestTheCommandLinesFigures() throws Exception {
        // An evaluation names the weights it tested: the bundled model has no "training images" of its own.
        fx(() -> {
            app.window().select("tab-evaluation");
            return null;
        });
        assertTrue(robot.lookup("#eval-misclassified").query().isDisabled(), "nothing to filter before a result");
        robot.clickOn("#evaluate-button");
        waitFor(() -> fx(() -> app.training().controller().lastTestProperty().get() != null));
        waitFor(() -> fx(() -> !robot.lookup("#eval-misclassified").query().isDisabled()));
        String summary = fx(() -> robot.lookup("#eval-summary").queryLabeled().getText());
        assertTrue(summary.contains(org.cnnexplorer.io.PretrainedModel.NAME), summary);
        assertFalse(summary.contains("after 0"), summary);
        // the status line too names them: during a run the tab moves on to each epoch's test
        assertTrue(status().matches("Test accuracy [0-9.]+%, loss [0-9.]+ on 1,000 images \\(" + java.util.regex.Pattern.quote(org.cnnexplorer.io.PretrainedModel.NAME) + "\\)"), status());
        fx(() -> {
            app.window().select("tab-training");
            return null;
        });

        // One epoch: the only test result comes at the very end, just before the run finishes.
        type("epochs", "1");
        type("train-size", "300");
        type("test-size", "200");
        runToEnd();
        TrainingController c = app.training().controller();
        TrainingFeed.TestPoint last = fx(() -> c.lastTestProperty().get());
        assertNotNull(last, "the final test result is taken up: " + status());
        assertEquals(300, last.imagesSeen());

        // The same run without the window, as `train --train 300 --test 200 --epochs 1` makes it.
        MnistFiles.Split data = app.model().data();
        TrainConfig config = TrainConfig.article().withSizes(300, 200).withEpochs(1);
        Network net = Trainer.newNetwork(config, 28, 28);
        new Trainer(net, data.train(), config).runToEnd();
        EvalResult cli = Evaluator.evaluate(net, data.test().head(200));
        assertEquals(cli.accuracy(), last.result().accuracy(), 0.0);
        assertEquals(cli.loss(), last.result().loss(), 1e-12);
        assertEquals(String.format(Locale.ROOT, "Training finished: test accuracy %.1f%%, loss %.3f", 100 * cli.accuracy(), cli.loss()),
                status());
        assertEquals("new model (seed 1) after 300 training steps", fx(() -> c.lastTestWeights()));

        // Three epochs: the status is the third epoch's test, not the second's.
        type("epochs", "3");
        type("train-size", "200");
        runToEnd();
        TrainingFeed.TestPoint third = fx(() -> c.lastTestProperty().get());
        assertEquals(3, third.epoch());
        assertEquals(String.format(Locale.ROOT, "Training finished: test accuracy %.1f%%, loss %.3f",
                100 * third.result().accuracy(), third.result().loss()), status());
        assertEquals(3, fx(() -> c.history().test().size()), "one test point per epoch of this run");
        // while the weights have trained both runs' steps
        assertEquals("new model (seed 1) after 900 training steps", fx(() -> c.lastTestWeights()));
    }

    @Test
    void chartsStartOverOnResetAndEveryRunAndDrawEachPointWhereItBelongs() throws Exception {
        type("epochs", "2");
        type("train-size", "1000");
        type("test-size", "100");
        var charts = app.training().trainingView().charts();
        runToEnd();
        waitFor(() -> fx(() -> charts.trainPoints() == 20 && charts.testPoints() == 2));
        assertDrawnAtTheirData(charts.lossChart());
        assertDrawnAtTheirData(charts.accuracyChart());

        robot.clickOn("#reset-button");
        waitFor(() -> fx(() -> charts.trainPoints() == 0 && charts.testPoints() == 0));
        assertDrawnAtTheirData(charts.lossChart());
        assertDrawnAtTheirData(charts.accuracyChart());

        // a shorter new run: only its own points, from step 100 on
        type("train-size", "300");
        runToEnd();
        waitFor(() -> fx(() -> charts.trainPoints() == 6 && charts.testPoints() == 2));
        assertDrawnAtTheirData(charts.lossChart());
        double maxX = fx(() -> ((NumberAxis) charts.lossChart().getXAxis()).getUpperBound());
        assertTrue(maxX < 1000, "the axis fits this run (600 steps), not the last one: " + maxX);

        // Start again on the trained weights: a new run, new curves (x counts this run's steps, as the CLI does)
        runToEnd();
        waitFor(() -> fx(() -> charts.trainPoints() == 6 && charts.testPoints() == 2));
        assertEquals(600.0, fx(() -> app.training().controller().history().chartTrain().x(5)));
        assertDrawnAtTheirData(charts.lossChart());
    }

    @Test
    void anInfiniteTestLossKeepsTheLossAxisReadable() throws Exception {
        Network broken = Trainer.newNetwork(TrainConfig.article(), 28, 28);
        java.util.Arrays.fill(broken.softmax.biases(), 1e6);
        broken.softmax.biases()[0] = -1e6;  // every test 0 gets no probability: loss infinite
        app.model().store().replace(broken).get();
        TrainingController c = app.training().controller();
        fx(() -> {
            app.model().refreshSnapshot();
            c.evaluateNow();
            return null;
        });
        waitFor(() -> fx(() -> c.lastTestProperty().get() != null));
        assertTrue(Double.isInfinite(fx(() -> c.lastTestProperty().get().result().loss())));
        var charts = app.training().trainingView().charts();
        waitFor(() -> fx(() -> charts.testPoints() == 1));
        assertEquals(0, (int) fx(() -> charts.testLossPoints()), "no point at infinity");
        NumberAxis y = (NumberAxis) charts.lossChart().getYAxis();
        double top = fx(() -> {
            charts.lossChart().layout();
            return y.getUpperBound();
        });
        assertTrue(Double.isFinite(top) && top > 0, "the loss axis keeps its range: " + top);
    }

    @Test
    void manyTinyEpochsGiveALightUndottedTestLine() throws Exception {
        TrainingController c = app.training().controller();
        fx(() -> {
            c.configProperty().set(TrainConfig.article().withSizes(5, 3).withEpochs(500));
            c.start();
            return null;
        });
        waitFor(() -> fx(() -> c.state() == RunState.IDLE && status().startsWith("Training finished")));
        assertEquals(500, fx(() -> c.history().test().size()), "every epoch's test is kept for export");
        var charts = app.training().trainingView().charts();
        waitFor(() -> fx(() -> charts.testPoints() > 0));
        int shown = fx(() -> charts.testPoints());
        assertTrue(shown <= org.cnnexplorer.train.TrainingHistory.TEST_CHART_POINTS, "the chart's test line is bounded: " + shown);
        assertTrue(fx(() -> charts.accuracyChart().getData().get(1).getData().stream().allMatch(d -> d.getNode() == null)),
                "no dot per point when there are hundreds");
    }

    @Test
    void theGradientLegendHasNoScaleBeforeAStep() throws Exception {
        fx(() -> {
            app.window().select("tab-filters");
            return null;
        });
        var legend = robot.lookup("#gradient-legend").queryAs(org.cnnexplorer.app.render.ColorLegend.class);
        waitFor(() -> fx(() -> app.training().filtersView().weightMap(0).version() > 0));
        assertEquals("", fx(legend::ticks).trim(), "no gradient yet, no made-up scale");
        fx(() -> {
            app.training().controller().step();
            return null;
        });
        waitFor(() -> fx(() -> !legend.ticks().trim().isEmpty()));
    }

    /** Every line on the chart has exactly its series' points, at the pixels the axes give them. */
    private void assertDrawnAtTheirData(LineChart<Number, Number> chart) throws Exception {
        fx(() -> {
            chart.applyCss();
            chart.layout();
            NumberAxis x = (NumberAxis) chart.getXAxis();
            NumberAxis y = (NumberAxis) chart.getYAxis();
            List<Path> lines = chart.lookupAll(".chart-series-line").stream().map(n -> (Path) n).toList();
            int withElements = 0;
            for (Path line : lines) {
                if (!line.getElements().isEmpty()) {
                    withElements++;
                }
            }
            int withData = 0;
            for (XYChart.Series<Number, Number> s : chart.getData()) {
                Path line = (Path) s.getNode();
                List<PathElement> els = line.getElements();
                int n = s.getData().size();
                // LineChart draws n points as a MoveTo to the first and a LineTo to each
                assertEquals(n == 0 ? 0 : n + 1, els.size(), "a line has its series' points and no others: " + s.getName());
                for (int i = 0; i < els.size(); i++) {
                    XYChart.Data<Number, Number> d = s.getData().get(Math.max(0, i - 1));
                    double px = els.get(i) instanceof MoveTo m ? m.getX() : ((LineTo) els.get(i)).getX();
                    double py = els.get(i) instanceof MoveTo m ? m.getY() : ((LineTo) els.get(i)).getY();
                    assertEquals(x.getDisplayPosition(d.getXValue()), px, 0.5, "x pixel of point " + i + " of " + s.getName());
                    assertEquals(y.getDisplayPosition(d.getYValue()), py, 0.5, "y pixel of point " + i + " of " + s.getName());
                }
                if (!s.getData().isEmpty()) {
                    withData++;
                }
            }
            assertEquals(withData, withElements, "no line is drawn that has no data behind it");
            return null;
        });
    }

    @Test
    void anOpenedModelsFiltersBecomeTheSettingsAndStartTrainsIt(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("wide.npz");
        Network wide = new Network(64, 5);
        NpzModel.save(wide, file);
        fx(() -> {
            app.modelFiles().open(file);
            return null;
        });
        waitFor(() -> fx(() -> "wide.npz".equals(app.model().modelNameProperty().get())));
        Spinner<?> filters = robot.lookup("#filters").queryAs(Spinner.class);
        waitFor(() -> fx(() -> "64".equals(filters.getEditor().getText())));
        assertEquals(64, fx(() -> app.training().controller().configProperty().get().numFilters()),
                "the Filters box goes up to 64, as the command line and File > Open do");

        type("epochs", "1");
        type("train-size", "100");
        type("test-size", "100");
        runToEnd();
        assertEquals("wide.npz", fx(() -> app.model().modelNameProperty().get()), "Start trained the opened model");
        assertEquals(64, fx(() -> app.model().store().latest().numFilters));

        // Asking for another number of filters: the note says so, and Start asks before replacing the weights.
        type("filters", "8");
        assertTrue(fx(() -> robot.lookup("#filters-note").queryLabeled().getText()).contains("have 64 filters"));
        robot.clickOn("#start-button");
        waitFor(() -> robot.lookup("#confirm-new-weights").tryQuery().isPresent());
        robot.clickOn("#confirm-new-weights-cancel");
        waitFor(() -> robot.lookup("#confirm-new-weights").tryQuery().isEmpty());
        assertEquals(RunState.IDLE, fx(() -> app.training().controller().state()));
        assertEquals("wide.npz", fx(() -> app.model().modelNameProperty().get()), "Cancel keeps the weights");
        assertEquals(64, fx(() -> app.model().store().latest().numFilters));

        robot.clickOn("#start-button");
        waitFor(() -> robot.lookup("#confirm-new-weights").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#confirm-new-weights").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("64 filters"), pane.getContentText());
        robot.clickOn("#confirm-new-weights-start-with-new-weights");
        waitFor(() -> fx(() -> app.training().controller().state() == RunState.IDLE && status().startsWith("Training finished")));
        assertEquals(8, fx(() -> app.model().store().latest().numFilters));
        assertEquals("new model (seed 1)", fx(() -> app.model().modelNameProperty().get()));
        assertFalse(fx(() -> robot.lookup("#filters-note").queryLabeled().isVisible()));
    }
}
