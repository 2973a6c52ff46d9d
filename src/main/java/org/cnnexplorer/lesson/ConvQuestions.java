package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;

import java.util.ArrayList;
import java.util.List;
import org.cnnexplorer.explain.BackpropTrace;

/** Chapter 5: the filters' gradients. */
final class ConvQuestions {
    private ConvQuestions() {
    }

    static List<Question> all() {
        return List.of(
                Question.of("biggest-filter", in -> "Which filter will this step change the most (the largest sum of |∂L/∂filter|)?",
                        ConvQuestions::filterNames,
                        in -> "gradient-legend",
                        in -> {
                            double[] s = sums(in.trace());
                            int k = org.cnnexplorer.nn.Network.argmax(s);
                            StringBuilder all = new StringBuilder();
                            for (int i = 0; i < s.length; i++) {
                                all.append(i == 0 ? "" : ", ").append(f("%d: %.3f", i + 1, s[i]));
                            }
                            return new Reveal(k, f("Filter %d. Sum of |∂L/∂filter| per filter: %s.", k + 1, all));
                        }),
                Question.of("filter-weight-direction", in -> {
                            int[] w = steepest(in.trace());
                            return f("Filter %d's weight at row %d, column %d (counting from 0) has the steepest gradient. Will this step raise or lower it?",
                                    w[0] + 1, w[1], w[2]);
                        },
                        in -> List.of("raise it", "lower it"),
                        in -> "filter-" + steepest(in.trace())[0],
                        in -> {
                            BackpropTrace t = in.trace();
                            int[] w = steepest(t);
                            int n = w[0] * 9 + w[1] * 3 + w[2];
                            double g = t.dLdFilters()[n];
                            return new Reveal(g < 0 ? 0 : 1, f("∂L/∂filter = %.4f, so SGD moves the weight by −%.3g × %.4f: from %.5f to %.5f. "
                                    + "The gradient is the sum, over all 26×26 positions, of the routed gradient times the pixel under "
                                    + "that weight.", g, t.learnRate, g, t.filtersBefore()[n], t.filtersAfter()[n]));
                        }));
    }

    static List<String> filterNames(LessonInput in) {
        List<String> names = new ArrayList<>();
        for (int f = 1; f <= in.numFilters(); f++) {
            names.add("filter " + f);
        }
        return names;
    }

    static double[] sums(BackpropTrace t) {
        double[] d = t.dLdFilters();
        double[] s = new double[t.numFilters];
        for (int i = 0; i < d.length; i++) {
            s[i / 9] += Math.abs(d[i]);
        }
        return s;
    }

    /** Filter, row and column of the filter weight with the largest |gradient|. */
    static int[] steepest(BackpropTrace t) {
        double[] d = t.dLdFilters();
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (Math.abs(d[i]) > Math.abs(d[best])) {
                best = i;
            }
        }
        return new int[] {best / 9, (best % 9) / 3, best % 3};
    }
}
