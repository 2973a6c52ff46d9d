package org.cnnexplorer.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuestionsTest {
    static Dataset test;
    static Network pretrained;

    @BeforeAll
    static void load() throws Exception {
        test = MnistFiles.loadBundled().test();
        pretrained = PretrainedModel.load();
    }

    static LessonInput input(Network net, int image) {
        return new LessonInput(net, LessonInput.scale(test.pixels(), test.offset(image), 784), test.label(image), 0.005, "test " + image);
    }

    @Test
    void everyQuestionAnswersWithAChoiceAndNumbers() {
        LessonInput in = input(pretrained, 0);
        assertTrue(Questions.ids().size() >= 12, "at least 12 questions");
        for (String id : Questions.ids()) {
            Question q = Questions.get(id);
            List<String> choices = q.choices(in);
            Reveal r = q.answer(in);
            assertTrue(r.correct() >= 0 && r.correct() < choices.size(), id + ": answer " + r.correct() + " of " + choices);
            assertTrue(r.numbers().matches("(?s).*\\d.*"), id + " reveals numbers: " + r.numbers());
            assertTrue(!q.prompt(in).isBlank(), id);
        }
    }

    @Test
    void theTrainedNetworkReadsTheFirstTestImageAsASeven() {
        LessonInput in = input(pretrained, 0);
        assertEquals(7, test.label(0));
        assertEquals(7, Questions.get("predict-digit").answer(in).correct());
        // the true class's bias gradient is p_c - 1 < 0; the runner-up's is its probability > 0
        assertEquals(0, Questions.get("bias-sign-true").answer(in).correct());
        assertEquals(2, Questions.get("bias-sign-other").answer(in).correct());
    }

    @Test
    void answersFollowTheWeights() {
        Network fresh = new Network(8, 28, 28, 1);
        // a new network is unsure: its top class has far less than 90%, the trained one far more
        assertEquals(0, Questions.get("confidence").answer(input(fresh, 0)).correct());
        assertEquals(3, Questions.get("confidence").answer(input(pretrained, 0)).correct());
        assertNotEquals(Questions.get("loss-now").answer(input(fresh, 0)).numbers(),
                Questions.get("loss-now").answer(input(pretrained, 0)).numbers());
    }

    @Test
    void tiedBlocksFollowTheRoutingRule() {
        Network all = pretrained.copy();
        Network first = pretrained.copy();
        first.pool.setFirstMaxOnly(true);
        // the article's rule: every tied max gets the gradient, so more than one position and more than a quarter
        assertTrue(Questions.get("route-tie").answer(input(all, 0)).correct() >= 1);
        assertEquals(2, Questions.get("share-routed").answer(input(all, 0)).correct());
        // first max only: exactly one position per block
        assertEquals(0, Questions.get("route-tie").answer(input(first, 0)).correct());
        assertEquals(1, Questions.get("share-routed").answer(input(first, 0)).correct());
    }

    @Test
    void aSmallStepHelpsAndAHugeOneDoesNot() {
        LessonInput in = input(new Network(8, 28, 28, 1), 0);
        assertEquals(0, Questions.get("true-prob-up").answer(in).correct(), "p(true) rises after one step");
        var small = in.trace();
        var big = in.traceWithLearnRate(1.0);
        int expected = big.lossAfter < small.lossAfter ? 0 : big.lossAfter < big.loss ? 1 : 2;
        assertEquals(expected, Questions.get("big-rate").answer(in).correct());
        assertTrue(Questions.get("big-rate").answer(in).numbers().contains(String.format(java.util.Locale.ROOT, "%.4f", big.lossAfter)));
    }

    @Test
    void theStrongestBlockIsTheOneNamedInThePromptAndFocus() {
        LessonInput in = input(pretrained, 0);
        Question q = Questions.get("route-block");
        PoolingQuestions.Block b = PoolingQuestions.strongest(in.trace());
        assertEquals(b.part(), q.focus(in));
        assertTrue(q.prompt(in).contains(b.name()));
    }

    @Test
    void divergedWeightsAreRecognised() {
        assertTrue(!input(pretrained, 0).diverged());
        Network broken = pretrained.copy();
        broken.softmax.biases()[3] = Double.POSITIVE_INFINITY;
        assertTrue(input(broken, 0).diverged());
    }

    @Test
    void drawingQuestionsAreMarked() {
        assertTrue(Questions.aboutDrawing("drawing-digit"));
        assertTrue(Questions.get("drawing-digit") != null);
        // a drawing has no label; the network's own reading stands in
        LessonInput in = new LessonInput(pretrained, input(pretrained, 0).image(), -1, 0.005, "drawing");
        assertEquals(7, in.label());
    }
}
