package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;
import static org.cnnexplorer.lesson.Fmt.pct;

import java.util.List;

/** Chapter 1: what the forward pass gives for the current image. */
final class ForwardQuestions {
    private ForwardQuestions() {
    }

    static List<Question> all() {
        return List.of(predictDigit("predict-digit", "Which digit will the network say this image is?"),
                Question.of("confidence", in -> "How sure will it be? Guess the probability of its top class.",
                        in -> List.of("below 50%", "50% to 90%", "90% to 99%", "above 99%"),
                        in -> "probability-bars",
                        in -> {
                            double[] p = in.probabilities();
                            double top = p[in.predicted()];
                            int k = top < 0.5 ? 0 : top < 0.9 ? 1 : top < 0.99 ? 2 : 3;
                            return new Reveal(k, f("Its top class is %d with %s. The ten probabilities add up to 1; the top three: %s.",
                                    in.predicted(), pct(top), Fmt.top3(p)));
                        }),
                Question.of("loss-now", in -> "What is the loss L = −ln(p of " + in.label() + ") on this image?",
                        in -> List.of("below 0.1", "0.1 to 0.7", "0.7 to 2.3", "above 2.3 (worse than a blind guess)"),
                        in -> "probability-bars",
                        in -> {
                            double p = in.probabilities()[in.label()];
                            double loss = -Math.log(p);
                            int k = loss < 0.1 ? 0 : loss < 0.7 ? 1 : loss < 2.3 ? 2 : 3;
                            return new Reveal(k, f("p(%d) = %.4f, so L = −ln(%.4f) = %.3f. A blind guess (p = 0.1 for every class) "
                                    + "would give ln 10 = 2.303.", in.label(), p, p, loss));
                        }));
    }

    /** Which digit the network reads; also asked about a drawing in chapter 7. */
    static Question predictDigit(String id, String prompt) {
        return Question.of(id, in -> prompt, in -> Fmt.DIGITS, in -> "probability-bars", in -> {
            double[] p = in.probabilities();
            int k = in.predicted();
            String verdict = !in.labelKnown() ? "" : k == in.label() ? " That is right." : " The image is a " + in.label() + ", so it is wrong.";
            return new Reveal(k, f("It says %d with %s.%s Top three: %s.", k, pct(p[k]), verdict, Fmt.top3(p)));
        });
    }
}
