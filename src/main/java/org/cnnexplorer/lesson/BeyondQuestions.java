package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;

import java.util.List;
import org.cnnexplorer.explain.GradientChecker;
import org.cnnexplorer.explain.Saliency;
import org.cnnexplorer.explain.WeightRef;

/** Chapter 7: a drawing, saliency and the gradient check. */
final class BeyondQuestions {
    static final List<String> REGIONS = List.of("on the ink", "on background next to the ink", "on background far from the ink");

    private BeyondQuestions() {
    }

    static List<Question> all() {
        return List.of(
                ForwardQuestions.predictDigit(Questions.DRAWING_PREFIX + "digit", "Which digit will the network read your drawing as?"),
                Question.of("saliency-where", in -> "Saliency is ∂p/∂x: how much each pixel moves the top class's probability. "
                                + "Where will the strongest pixel be?",
                        in -> REGIONS,
                        in -> "draw-saliency",
                        in -> {
                            double[] x = in.image();
                            Saliency.Map m = Saliency.compute(in.network(), x);
                            double[] s = m.dPdX();
                            int best = 0;
                            for (int i = 1; i < s.length; i++) {
                                if (Math.abs(s[i]) > Math.abs(s[best])) {
                                    best = i;
                                }
                            }
                            int w = in.network().width;
                            int k = region(x, w, best);
                            return new Reveal(k, f("The strongest pixel is at row %d, column %d (from 0; %s): ∂p/∂x = %.4f for class %d "
                                    + "(p = %.3f). Its brightness there: %.2f on the −0.5 to 0.5 scale.",
                                    best / w, best % w, REGIONS.get(k), s[best], m.predicted(), m.probability(), x[best]));
                        }),
                Question.of("gradcheck-agree", in -> {
                            int[] w = ConvQuestions.steepest(in.trace());
                            return f("Nudge filter %d's weight at row %d, column %d (from 0) by ±10⁻⁶ and measure the loss: will this numeric slope agree "
                                    + "with backprop's ∂L/∂filter to 3 significant figures?", w[0] + 1, w[1], w[2]);
                        },
                        in -> List.of("they agree", "they disagree"),
                        in -> "gradcheck-table",
                        in -> {
                            int[] w = ConvQuestions.steepest(in.trace());
                            GradientChecker.Result r = GradientChecker.check(in.network(), in.image(), in.label(),
                                    List.of(WeightRef.filter(w[0], w[1], w[2]))).get(0);
                            boolean ok = r.status() == GradientChecker.Status.PASS;
                            return new Reveal(ok ? 0 : 1, f("Backprop %.6e, finite difference %.6e, relative error %.1e: %s", r.analytic(),
                                    r.numeric(), r.relError(), ok ? "they agree."
                                            : r.status() == GradientChecker.Status.TIE
                                                    ? "they disagree, because this filter's gradient passes through tied maxima, where max is not differentiable."
                                                    : "they disagree."));
                        }));
    }

    /** 0 on ink (brighter than the middle grey), 1 within 2 pixels of ink, 2 elsewhere. */
    static int region(double[] x, int w, int i) {
        if (x[i] > 0) {
            return 0;
        }
        int h = x.length / w;
        int r = i / w;
        int c = i % w;
        for (int y = Math.max(0, r - 2); y <= Math.min(h - 1, r + 2); y++) {
            for (int z = Math.max(0, c - 2); z <= Math.min(w - 1, c + 2); z++) {
                if (x[y * w + z] > 0) {
                    return 1;
                }
            }
        }
        return 2;
    }
}
