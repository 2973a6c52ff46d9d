package org.cnnexplorer.nn.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Random;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

/** The flat step against the reference layers: the same bits, step after step, for each architecture. */
class FlatStepTest {
    private static final Dataset TRAIN = BundledMnist.train();

    /** The plain row loops and the vector ones (the tests run with the vector module: that path never skips). */
    private static void sameRun(Architecture a, boolean firstMaxOnly, int steps) {
        sameRun(a, firstMaxOnly, steps, false);
        sameRun(a, firstMaxOnly, steps, true);
    }

    private static void sameRun(Architecture a, boolean firstMaxOnly, int steps, boolean vector) {
        Network layers = new Network(a, 28, 28, new Random(4));
        layers.pool.setFirstMaxOnly(firstMaxOnly);
        Network flat = layers.copy();
        FlatStep step = new FlatStep(flat, vector);
        assertEquals(vector ? "flat layer step, vector rows" : "flat layer step", step.name());
        for (int i = 0; i < steps; i++) {
            int label = TRAIN.label(i);
            double[] p = layers.forward(TRAIN.pixels(), TRAIN.offset(i)).clone();
            double[] q = step.forward(flat, TRAIN.pixels(), TRAIN.offset(i));
            assertArrayEquals(p, q, "probabilities at step " + i);
            layers.backprop(label, 0.01);
            step.backprop(flat, label, 0.01);
        }
        for (int p = 0; p < layers.params().size(); p++) {
            assertArrayEquals(layers.params().get(p).value(), flat.params().get(p).value(), layers.params().get(p).name());
            assertArrayEquals(layers.params().get(p).grad(), flat.params().get(p).grad(), layers.params().get(p).name() + " gradient");
        }
    }

    @Test
    void twoLayersWithRelu() {
        sameRun(new Architecture(4, 6, true, Init.HE), false, 40);
    }

    @Test
    void twoLayersWithoutReluFirstMaxOnly() {
        sameRun(new Architecture(3, 5, false, Init.GLOROT), true, 40);
    }

    @Test
    void oneLayerWithRelu() {
        sameRun(new Architecture(8, 0, true, Init.ARTICLE), false, 60);
    }

    @Test
    void theArticleShapeToo() {
        sameRun(Architecture.article(8), false, 60);
    }

    @Test
    void stepsChooseTheFlatStepForOtherArchitectures() {
        Network net = new Network(new Architecture(8, 16, true, Init.HE), 28, 28, new Random(1));
        assertInstanceOf(FlatStep.class, Steps.forTraining(net));
        assertInstanceOf(FlatStep.class, Steps.forFastForward(net));
        assertInstanceOf(FusedStep.class, Steps.forTraining(new Network(8, 1)));
        assertNotSame(TrainStep.LAYERS, Steps.forTraining(new Network(new Architecture(8, 0, true, Init.ARTICLE), 28, 28, new Random(1))));
        // with the vector module (as here) its row loops run in vectors; forced "scalar", in plain Java
        assertEquals("flat layer step, vector rows", Steps.forTraining(net).name());
        System.setProperty(Steps.PROPERTY, "scalar");
        try {
            assertEquals("flat layer step", Steps.forTraining(net).name());
        } finally {
            System.clearProperty(Steps.PROPERTY);
        }
    }
}
