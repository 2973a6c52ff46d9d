package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;

import java.util.List;
import org.cnnexplorer.explain.BackpropTrace;

/** Chapter 3: the numbers of the softmax layer's backward pass. */
final class SoftmaxQuestions {
    private SoftmaxQuestions() {
    }

    static List<Question> all() {
        return List.of(
                Question.of("dldout-value", in -> "The first gradient is ∂L/∂out_s(c) = −1/p_c for the true class c = " + in.label()
                                + ". Where will it fall?",
                        in -> List.of("between −1 and −1.1", "between −1.1 and −2", "between −2 and −10", "below −10"),
                        in -> "backprop-stages",
                        in -> {
                            BackpropTrace t = in.trace();
                            double g = t.dLdOut()[in.label()];
                            int k = g > -1.1 ? 0 : g > -2 ? 1 : g > -10 ? 2 : 3;
                            return new Reveal(k, f("p_c = %.4f, so ∂L/∂out_s(c) = %.4f; the other nine entries are 0. The less sure "
                                    + "the network is of the right answer, the bigger this push.", t.probabilities()[in.label()], g));
                        }),
                Question.of("bias-sign-true", in -> "What sign will ∂L/∂b have for the true class " + in.label() + "'s bias?",
                        in -> List.of("negative", "zero", "positive"),
                        in -> "backprop-stages",
                        in -> {
                            double g = in.trace().dLdB()[in.label()];
                            return new Reveal(g < 0 ? 0 : g == 0 ? 1 : 2, f("∂L/∂b = %.5f (it equals p_c − 1 = %.5f − 1). "
                                    + "SGD subtracts rate × gradient, so this bias goes up by %.2e.",
                                    g, in.trace().probabilities()[in.label()], -in.learnRate() * g));
                        }),
                Question.of("bias-sign-other", in -> {
                            int k = Fmt.runnerUp(in.probabilities(), in.label());
                            return "And for class " + k + ", the most likely wrong answer: what sign will its ∂L/∂b have?";
                        },
                        in -> List.of("negative", "zero", "positive"),
                        in -> "backprop-stages",
                        in -> {
                            int k = Fmt.runnerUp(in.probabilities(), in.label());
                            double g = in.trace().dLdB()[k];
                            return new Reveal(g < 0 ? 0 : g == 0 ? 1 : 2, f("∂L/∂b for class %d = %.3e, which is its probability p_%d: "
                                    + "every wrong class is pushed down in proportion to how likely the network found it.", k, g, k));
                        }),
                Question.of("pushed-down-most", in -> "Which class's total t_k will the step push down the most (the largest ∂L/∂t_k)?",
                        in -> Fmt.DIGITS,
                        in -> "backprop-stages",
                        in -> {
                            double[] d = in.trace().dLdT();
                            int k = org.cnnexplorer.nn.Network.argmax(d);
                            return new Reveal(k, f("∂L/∂t is %s. The largest is class %d (%.3e): for a wrong class ∂L/∂t_k = p_k, "
                                    + "and the true class has p_c − 1 < 0.", vector(d), k, d[k]));
                        }));
    }

    static String vector(double[] d) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < d.length; i++) {
            s.append(i == 0 ? "" : ", ").append(f("%.2g", d[i]));
        }
        return s.append(']').toString();
    }
}
