package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;

import java.util.List;
import org.cnnexplorer.explain.BackpropTrace;

/** Chapters 2 and 6: what one SGD step does to this image's numbers. */
final class StepQuestions {
    private StepQuestions() {
    }

    static List<Question> all() {
        return List.of(
                Question.of("true-prob-up", in -> "After one training step on this image, will the probability of " + in.label() + " go up or down?",
                        in -> List.of("up", "down", "no visible change (4 decimals)"),
                        in -> "probability-bars",
                        in -> {
                            BackpropTrace t = in.trace();
                            double before = t.probabilities()[in.label()];
                            double after = t.probabilitiesAfter()[in.label()];
                            int k = f("%.4f", before).equals(f("%.4f", after)) ? 2 : after > before ? 0 : 1;
                            return new Reveal(k, f("p(%d): %.6f before, %.6f after one step with learning rate %s.",
                                    in.label(), before, after, rate(t.learnRate)));
                        }),
                Question.of("loss-after-step", in -> f("The loss on this image is %.3f now. Roughly what will it be after one step?",
                                in.trace().loss),
                        in -> List.of("lower by more than half", "lower by 5% to 50%", "within 5% of now", "higher"),
                        in -> "loss-chart",
                        in -> {
                            BackpropTrace t = in.trace();
                            double r = t.lossAfter / t.loss;
                            int k = t.lossAfter > t.loss * 1.05 ? 3 : r < 0.5 ? 0 : r < 0.95 ? 1 : 2;
                            return new Reveal(k, f("%.4f before, %.4f after (%+.1f%%), learning rate %s.",
                                    t.loss, t.lossAfter + 0.0, 100 * (r - 1), rate(t.learnRate)));
                        }),
                Question.of("big-rate", in -> "Take a learning rate 200 times larger (" + rate(in.learnRate() * 200) + ") for one step on "
                                + "this image. What will its loss on this image do?",
                        in -> List.of("fall further than with the normal rate", "fall, but less than with the normal rate", "rise"),
                        in -> "learn-rate",
                        in -> {
                            BackpropTrace small = in.trace();
                            BackpropTrace big = in.traceWithLearnRate(in.learnRate() * 200);
                            int k = big.lossAfter < small.lossAfter ? 0 : big.lossAfter < big.loss ? 1 : 2;
                            return new Reveal(k, f("Now %.4f. After one step at %s: %.4f; at %s: %.4f. A long step can do well on the "
                                    + "one image it was taken for and still wreck the others: the next image sees weights thrown far "
                                    + "from where they were.", small.loss, rate(small.learnRate), small.lossAfter + 0.0, rate(big.learnRate),
                                    big.lossAfter + 0.0));
                        }));
    }

    static String rate(double lr) {
        return java.math.BigDecimal.valueOf(lr).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
