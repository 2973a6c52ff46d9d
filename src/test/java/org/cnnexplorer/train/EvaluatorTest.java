package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static Dataset train;
    private static Dataset test;
    private static Network net;

    @BeforeAll
    static void trainALittle() {
        train = BundledMnist.train();
        test = BundledMnist.test().head(500);
        net = new Network(8, 3);
        for (int i = 0; i < 500; i++) {
            net.trainStep(train.pixels(), train.offset(i), train.label(i), 0.005);
        }
    }

    @Test
    void confusionMatrixAddsUp() {
        EvalResult r = Evaluator.evaluate(net, test);
        assertEquals(500, r.count());
        int total = 0;
        int diagonal = 0;
        int[] perLabel = new int[10];
        for (int i = 0; i < 500; i++) {
            perLabel[test.label(i)]++;
        }
        for (int label = 0; label < 10; label++) {
            int row = 0;
            for (int pred = 0; pred < 10; pred++) {
                row += r.confusion()[label][pred];
                total += r.confusion()[label][pred];
            }
            diagonal += r.confusion()[label][label];
            assertEquals(perLabel[label], row, "row " + label + " counts the images of that label");
        }
        assertEquals(r.count(), total);
        assertEquals(r.correct(), diagonal);
        assertEquals(r.correct() / 500.0, r.accuracy(), 0.0);
        assertTrue(r.accuracy() > 0.5, "500 steps of training should be well past chance: " + r.accuracy());
    }

    @Test
    void oneThreadGivesTheSameResultsAndStartsNoHelpers() {
        EvalResult all = Evaluator.evaluate(net, test);
        boolean[] helper = {false};
        EvalResult one = Evaluator.evaluate(net, test, null, done -> {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                helper[0] |= t.getName().startsWith("evaluate-");
            }
        }, 1);
        assertTrue(!helper[0], "no helper thread with one thread allowed");
        assertEquals(all.loss(), one.loss(), 0.0);
        assertEquals(all.correct(), one.correct());
        assertTrue(java.util.Arrays.equals(all.predicted(), one.predicted()));
    }

    @Test
    void perImageResultsMatchTheNetwork() {
        EvalResult r = Evaluator.evaluate(net, test);
        Network probe = net.copy();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            double[] p = probe.forward(test.pixels(), test.offset(i));
            assertEquals(Network.argmax(p), r.predicted()[i]);
            for (int k = 0; k < 10; k++) {
                assertEquals((float) p[k], r.probability(i, k), 0.0f);
            }
            loss += probe.loss(test.label(i));
            correct += r.predicted()[i] == test.label(i) ? 1 : 0;
        }
        assertEquals(loss / test.count(), r.loss(), 1e-12);
        assertEquals(correct, r.correct());
    }

    @Test
    void cancelledEvaluationReturnsWhatItHas() {
        EvalResult none = Evaluator.evaluate(net, test, () -> true);
        assertEquals(0, none.count());
        assertEquals(0.0, none.accuracy());
        assertEquals(0.0, none.loss());

        AtomicInteger calls = new AtomicInteger();
        Dataset all = BundledMnist.test();  // 40 chunks
        EvalResult some = Evaluator.evaluate(net, all, () -> calls.incrementAndGet() > 1);
        assertTrue(some.count() > 0 && some.count() < all.count() / 4, "stopped part way: " + some.count());
        assertEquals(0, some.count() % Evaluator.CHUNK, "whole chunks from the first image on");
        int total = 0;
        int diagonal = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                total += some.confusion()[a][b];
            }
            diagonal += some.confusion()[a][a];
        }
        assertEquals(some.count(), total);
        assertEquals(some.correct(), diagonal);
    }

    @Test
    void evaluationDoesNotChangeTheWeights() {
        double[] before = net.softmax.weights().clone();
        double[] filters = net.conv.filters().clone();
        Evaluator.evaluate(net, test);
        assertTrue(java.util.Arrays.equals(before, net.softmax.weights()));
        assertTrue(java.util.Arrays.equals(filters, net.conv.filters()));
    }
}
