package org.cnnexplorer.app.step;

import static org.cnnexplorer.app.step.StageWidgets.captioned;
import static org.cnnexplorer.app.step.StageWidgets.classTable;
import static org.cnnexplorer.app.step.StageWidgets.legend;
import static org.cnnexplorer.app.step.StageWidgets.map;
import static org.cnnexplorer.app.step.StageWidgets.maxAbs;
import static org.cnnexplorer.app.step.StageWidgets.num;
import static org.cnnexplorer.app.step.StageWidgets.numbers;
import static org.cnnexplorer.app.step.StageWidgets.perFilter;
import static org.cnnexplorer.app.step.StageWidgets.prob;
import static org.cnnexplorer.app.step.StageWidgets.signed;
import static org.cnnexplorer.app.step.StageWidgets.symmetricLegend;
import static org.cnnexplorer.app.step.StageWidgets.worked;

import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.render.ProbabilityBars;
import org.cnnexplorer.explain.BackpropTrace;

/** The forward phase: input, convolution, max pooling, softmax totals and probabilities, the loss. */
final class ForwardStages {
    private ForwardStages() {
    }

    /** The stages of the traced network: the article's, with ReLU and a second convolution where it has them. */
    static List<BackpropStage> all(BackpropTrace t) {
        List<BackpropStage> all = new java.util.ArrayList<>(article(t));
        int at = 2;  // after the first convolution
        if (t.relu) {
            all.add(at++, LayerStages.relu(1, false));
        }
        if (t.convLayers == 2) {
            all.add(at++, LayerStages.conv2());
            if (t.relu) {
                all.add(at, LayerStages.relu(2, false));
            }
        }
        return all;
    }

    private static List<BackpropStage> article(BackpropTrace t) {
        String c = t.convHeight + "×" + t.convWidth;
        String p = t.poolHeight + "×" + t.poolWidth;
        return List.of(
                new BackpropStage("input", "Input image", "x = image / 255 − 0.5",
                        "The article scales the pixels from 0…255 to −0.5…0.5 before the first layer.",
                        ForwardStages::input),
                new BackpropStage("conv", "Forward: convolution",
                        "out(i, j) = Σₓ Σᵧ image(i + x, j + y) · filter(x, y)     (x, y = 0, 1, 2)",
                        "Each 3×3 filter slides over the 28×28 image without padding, giving a 26×26 map per filter.",
                        ForwardStages::conv),
                new BackpropStage("pool", "Forward: max pooling",
                        "out(i, j) = max( input(2i, 2j), input(2i, 2j + 1), input(2i + 1, 2j), input(2i + 1, 2j + 1) )",
                        "Each 2×2 block keeps only its largest value: " + c + "×F becomes " + p + "×F. The backward phase "
                                + "will route gradients back to exactly these maxima.",
                        ForwardStages::pool),
                new BackpropStage("totals", "Forward: softmax totals",
                        "t = w · input + b     (input: the " + t.poolHeight + "·" + t.poolWidth + "·F pooled values, flattened; w: ("
                                + t.poolHeight + "·" + t.poolWidth + "·F) × 10)",
                        "The Softmax layer first computes one total per class; forward() caches the input and the totals "
                                + "for the backward phase.",
                        ForwardStages::totals),
                new BackpropStage("probs", "Forward: softmax probabilities",
                        "out_s(k) = e^(t_k) / S,     S = Σᵢ e^(t_i)",
                        "Softmax turns the totals into ten probabilities that add up to 1.",
                        ForwardStages::probabilities),
                new BackpropStage("loss", "Cross-entropy loss",
                        "L = −ln(p_c)",
                        "p_c is the probability the network gives the correct class c. The loss is small when the network "
                                + "is confident and right.",
                        ForwardStages::loss));
    }

    private static Node input(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] x = t.input();
        HeatmapView img = map(x, 0, t.width, t.height, ColorMap.GREYS, -0.5, 0.5, 8);
        int centre = (t.height / 2) * t.width + t.width / 2;
        return new VBox(8, worked(ctx.source() + ", correct class c = " + t.label),
                new HBox(16, captioned("x (" + t.height + " × " + t.width + ")", img),
                        legend(ColorMap.GREYS, "x", -0.5, 0.5)),
                worked(String.format(Locale.ROOT, "e.g. the centre pixel: x(%d, %d) = %s, i.e. image = %.0f",
                        t.height / 2, t.width / 2, num(x[centre]), (x[centre] + 0.5) * 255)));
    }

    private static Node conv(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] filters = t.filtersBefore();
        double[] out = t.convOut();
        double fm = maxAbs(filters);
        double om = maxAbs(out);
        int plane = t.firstConvHeight * t.firstConvWidth;
        Node[][] rows = new Node[2][t.filters1];
        for (int f = 0; f < t.filters1; f++) {
            rows[0][f] = numbers(filters, f * 9, 3, 3, fm, 40, "%.3f");
            rows[1][f] = signed(out, f * plane, t.firstConvWidth, t.firstConvHeight, om, 4);
        }
        // Worked example: the first filter at its strongest response.
        int best = 0;
        for (int n = 1; n < plane; n++) {
            if (out[n] > out[best]) {
                best = n;
            }
        }
        int i = best / t.firstConvWidth;
        int j = best % t.firstConvWidth;
        double[] x = t.input();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Filter 1 at (i, j) = (%d, %d), its strongest response:%nout(%d, %d) = ", i, j, i, j));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a + b > 0) {
                    sb.append(" + ");
                }
                sb.append(String.format(Locale.ROOT, "(%.3f)(%.3f)", x[(i + a) * t.width + j + b], filters[a * 3 + b]));
            }
        }
        sb.append(" = ").append(num(out[best]));
        return new VBox(8, worked(sb.toString()),
                perFilter(new String[] {"filter (3 × 3)", "output (" + t.firstConvHeight + " × " + t.firstConvWidth + ")"}, rows, ctx.columns(120)),
                new HBox(16, symmetricLegend("filter weights", fm), symmetricLegend("convolution output", om)));
    }

    private static Node pool(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] conv = t.poolIn();
        double[] pooled = t.pooled();
        double m = maxAbs(conv);
        int convPlane = t.convHeight * t.convWidth;
        int plane = t.poolHeight * t.poolWidth;
        Node[][] rows = new Node[2][t.numFilters];
        for (int f = 0; f < t.numFilters; f++) {
            HeatmapView c = signed(conv, f * convPlane, t.convWidth, t.convHeight, m, 4);
            c.setGrid(2, null);
            rows[0][f] = c;
            rows[1][f] = signed(pooled, f * plane, t.poolWidth, t.poolHeight, m, 8);
        }
        int bi = t.poolHeight / 2;
        int bj = t.poolWidth / 2;
        int base = (2 * bi) * t.convWidth + 2 * bj;
        String example = String.format(Locale.ROOT, "Filter 1, block (%d, %d): max(%s, %s, %s, %s) = %s",
                bi, bj, num(conv[base]), num(conv[base + 1]), num(conv[base + t.convWidth]),
                num(conv[base + t.convWidth + 1]), num(pooled[t.pooledIndex(0, bi, bj)]));
        int ties = t.tiedBlocks(-1);
        String tieNote = String.format(Locale.ROOT, "%d of %d blocks have a tied maximum (several positions equal to the max, "
                + "mostly on the flat background). The article's backprop sends the gradient to every tied position.",
                ties, pooled.length);
        return new VBox(8, worked(example), worked(tieNote),
                perFilter(new String[] {"convolution output (" + t.convHeight + " × " + t.convWidth + "), 2×2 blocks",
                    "pooled (" + t.poolHeight + " × " + t.poolWidth + ")"}, rows, ctx.columns(104)),
                symmetricLegend("value (same scale for both rows)", m));
    }

    private static Node totals(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] tot = t.totals();
        double[] b = t.biasesBefore();
        double[] wx = new double[tot.length];
        for (int k = 0; k < tot.length; k++) {
            wx[k] = tot[k] - b[k];
        }
        return new VBox(8,
                worked(String.format(Locale.ROOT, "%d inputs × 10 classes = %d weights. For the correct class c = %d: "
                        + "t_c = Σᵢ input_i · w[i, c] + b_c = %s + %s = %s",
                        t.inputLen(), t.inputLen() * 10, t.label, num(wx[t.label]), num(b[t.label]), num(tot[t.label]))),
                classTable(t.label, List.of(
                        StageWidgets.Column.of("w · input", wx),
                        StageWidgets.Column.of("b_k", b),
                        StageWidgets.Column.of("t_k", tot))));
    }

    private static Node probabilities(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] tot = t.totals();
        double[] p = t.probabilities();
        double[] e = new double[tot.length];
        double s = 0;
        for (int k = 0; k < tot.length; k++) {
            e[k] = Math.exp(tot[k]);
            s += e[k];
        }
        String sLine = Double.isFinite(s)
                ? String.format(Locale.ROOT, "S = Σ e^(t_i) = %s;   p_c = e^(t_%d) / S = %s / %s = %s", num(s), t.label, num(e[t.label]), num(s), prob(p[t.label]))
                : "The totals are too large for e^t in double; the engine subtracts max(t) first, which leaves every ratio unchanged.";
        ProbabilityBars bars = new ProbabilityBars();
        bars.setProbabilities(p, t.label);
        bars.setPrefSize(440, 240);
        return new VBox(8, worked(sLine),
                new HBox(24, classTable(t.label, List.of(
                        StageWidgets.Column.of("t_k", tot),
                        StageWidgets.Column.of("e^(t_k)", e),
                        StageWidgets.Column.probabilities("out_s(k) = p_k", p))), bars),
                worked("The engine computes e^(t_k − max t) instead: the same probabilities, and no overflow."));
    }

    private static Node loss(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double pc = t.probabilities()[t.label];
        int pred = t.predicted();
        String verdict = pred == t.label ? "The network predicts " + pred + ": right."
                : "The network predicts " + pred + " (p = " + prob(t.probabilities()[pred]) + "): wrong, so the loss is large.";
        return new VBox(8, worked(String.format(Locale.ROOT, "c = %d,   p_c = %s,   L = −ln(%s) = %s", t.label, prob(pc), prob(pc), num(t.loss))),
                worked(verdict),
                worked("The backward phase now asks: how does L change with every weight? It starts from the end."));
    }
}
