package org.cnnexplorer.app.step;

import static org.cnnexplorer.app.step.StageWidgets.classTable;
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
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.explain.BackpropTrace;

/**
 * The backward phase, from the loss back to the filters, and the SGD update: the article's
 * sections 3 (softmax), 4 (max pooling) and 5 (convolution), one gradient at a time.
 */
final class BackwardStages {
    private BackwardStages() {
    }

    /** The stages of the traced network: the article's, with the extra layers' backward passes before the first filters'. */
    static List<BackpropStage> all(BackpropTrace t) {
        List<BackpropStage> all = new java.util.ArrayList<>(article(t));
        int at = all.size() - 2;  // before dL/dfilters and the SGD update
        if (t.convLayers == 2) {
            if (t.relu) {
                all.add(at++, LayerStages.relu(2, true));
            }
            all.add(at++, LayerStages.dLdFilters2());
            all.add(at++, LayerStages.dLdLayer1());
        }
        if (t.relu) {
            all.add(at, LayerStages.relu(1, true));
        }
        return all;
    }

    private static List<BackpropStage> article(BackpropTrace t) {
        String p = t.poolHeight + "×" + t.poolWidth;
        int inputs = t.poolHeight * t.poolWidth * t.numFilters;
        return List.of(
                new BackpropStage("dLdout", "Backward: initial ∂L/∂out_s",
                        "∂L/∂out_s(i) = 0 if i ≠ c,    −1 / p_i if i = c",
                        "Only p_c appears in the loss, so only the correct class gets a gradient. In the article's code: "
                                + "gradient[label] = −1 / out[label].",
                        BackwardStages::initialGradient),
                new BackpropStage("doutdt", "Backward: ∂out_s(c)/∂t",
                        "∂out_s(c)/∂t_k = −e^(t_c) · e^(t_k) / S²  if k ≠ c,    e^(t_c) · (S − e^(t_c)) / S²  if k = c",
                        "How the correct class's probability changes with each total: raising t_c raises p_c, raising "
                                + "any other total lowers it. (Equivalently −p_c·p_k and p_c·(1 − p_c).)",
                        BackwardStages::dOutDt),
                new BackpropStage("dLdt", "Backward: ∂L/∂t",
                        "∂L/∂t = ∂L/∂out · ∂out/∂t",
                        "The chain rule. Multiplying out, ∂L/∂t_k is simply p_k − 1 for the correct class and p_k otherwise.",
                        BackwardStages::dLdT),
                new BackpropStage("dLdw", "Backward: ∂L/∂w (weights)",
                        "∂L/∂w = ∂t/∂w · ∂L/∂t = input (" + inputs + " × 1) @ ∂L/∂t (1 × 10)     since ∂t/∂w = input",
                        "d_L_d_w = d_t_d_w[np.newaxis].T @ d_L_d_t[np.newaxis]: an outer product with the same shape as "
                                + "the weights. Each class's column, reshaped to the pooled " + p + " × F volume, is the input "
                                + "scaled by ∂L/∂t_k.",
                        BackwardStages::dLdW),
                new BackpropStage("dLdb", "Backward: ∂L/∂b (biases)",
                        "∂L/∂b = ∂L/∂t · ∂t/∂b = ∂L/∂t     since ∂t/∂b = 1",
                        "The bias gradient equals ∂L/∂t.",
                        BackwardStages::dLdB),
                new BackpropStage("dLdinput", "Backward: ∂L/∂input (" + p + "×F)",
                        "∂L/∂input = ∂t/∂input · ∂L/∂t = w (" + inputs + " × 10) @ ∂L/∂t (10)     since ∂t/∂input = w",
                        "The softmax layer returns this gradient, reshaped to the pooled volume " + p + " × F, to the "
                                + "max-pooling layer.",
                        BackwardStages::dLdInput),
                new BackpropStage("routing", "Backward: max-pool routing",
                        "∂L/∂input(2i + a, 2j + b) = ∂L/∂out(i, j) if input(2i + a, 2j + b) was the block's max, else 0",
                        "Pooling has no weights. Changing a non-max pixel would not change the output, so its gradient "
                                + "is 0; the max passes the gradient through unchanged.",
                        BackwardStages::routing),
                new BackpropStage("dLdfilters", "Backward: ∂L/∂filters",
                        "∂L/∂filter(x, y) = Σᵢ Σⱼ ∂L/∂out(i, j) · image(i + x, j + y)",
                        "Every output pixel used every filter weight, so each weight's gradient sums over the whole "
                                + t.firstConvHeight + " × " + t.firstConvWidth + " output: the gradient arriving there times the image patch under it.",
                        BackwardStages::dLdFilters),
                new BackpropStage("sgd", "SGD update",
                        "filter ← filter − η · ∂L/∂filter,    w ← w − η · ∂L/∂w,    b ← b − η · ∂L/∂b",
                        "Stochastic gradient descent on this one image: every weight moves a little against its "
                                + "gradient. \"Apply\" makes this the model's new state.",
                        BackwardStages::sgd));
    }

    private static Node initialGradient(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double pc = t.probabilities()[t.label];
        return new VBox(8, worked(String.format(Locale.ROOT, "∂L/∂out_s(%d) = −1 / %s = %s", t.label, prob(pc), num(-1 / pc))),
                classTable(t.label, List.of(
                        StageWidgets.Column.probabilities("p_k", t.probabilities()),
                        StageWidgets.Column.of("∂L/∂out_s(k)", t.dLdOut()))));
    }

    private static Node dOutDt(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] p = t.probabilities();
        double[] pp = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            pp[k] = k == t.label ? p[k] * (1 - p[k]) : -p[t.label] * p[k];
        }
        double[] e = t.expTotals();
        return new VBox(8,
                worked(String.format(Locale.ROOT, "With e^(t_k) shifted by max t (the ratios are unchanged): S = %s, e^(t_c) = %s",
                        num(t.expSum()), num(e[t.label]))),
                classTable(t.label, List.of(
                        StageWidgets.Column.of("e^(t_k − max t)", e),
                        StageWidgets.Column.of("∂out_s(c)/∂t_k", t.dOutDt()),
                        StageWidgets.Column.of("check: −p_c·p_k or p_c(1 − p_c)", pp))));
    }

    private static Node dLdT(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] p = t.probabilities();
        double[] check = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            check[k] = p[k] - (k == t.label ? 1 : 0);
        }
        double[] d = t.dLdT();
        return new VBox(8,
                worked(String.format(Locale.ROOT, "∂L/∂t_c = ∂L/∂out_s(c) · ∂out_s(c)/∂t_c = %s × %s = %s",
                        num(t.dLdOut()[t.label]), num(t.dOutDt()[t.label]), num(d[t.label]))),
                classTable(t.label, List.of(
                        StageWidgets.Column.of("∂L/∂out_s(c)", fill(p.length, t.dLdOut()[t.label])),
                        StageWidgets.Column.of("∂out_s(c)/∂t_k", t.dOutDt()),
                        StageWidgets.Column.of("∂L/∂t_k", d),
                        StageWidgets.Column.of("p_k − [k = c]", check))));
    }

    private static Node dLdW(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] g = t.dLdW();
        double m = maxAbs(g);
        int plane = t.poolHeight * t.poolWidth;
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        for (int f = 0; f < t.numFilters; f++) {
            Label h = new Label("f " + (f + 1));
            h.getStyleClass().add("caption");
            grid.add(h, f + 1, 0);
        }
        for (int k = 0; k < 10; k++) {
            Label row = new Label(k == t.label ? "class " + k + " = c" : "class " + k);
            row.getStyleClass().add(k == t.label ? "caption-strong" : "caption");
            grid.add(row, 0, k + 1);
            for (int f = 0; f < t.numFilters; f++) {
                grid.add(signed(g, k * t.inputLen() + f * plane, t.poolWidth, t.poolHeight, m, 3), f + 1, k + 1);
            }
        }
        int fi = 0;
        int bi = t.poolHeight / 2;
        int bj = t.poolWidth / 2;
        int i = t.pooledIndex(fi, bi, bj);
        double in = t.pooled()[i];
        double dt = t.dLdT()[t.label];
        return new VBox(8,
                worked(String.format(Locale.ROOT, "e.g. input i = filter %d, cell (%d, %d), class c = %d:  ∂L/∂w[i, c] = input_i · ∂L/∂t_c = %s × %s = %s",
                        fi + 1, bi, bj, t.label, num(in), num(dt), num(in * dt))),
                new HBox(16, grid, symmetricLegend("∂L/∂w (one scale for all)", m)),
                worked("The correct class's row is the input with a negative sign (its weights will grow where the input is "
                        + "positive); every other row is the input times p_k, small when the network is confident."));
    }

    private static Node dLdB(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        return classTable(t.label, List.of(
                StageWidgets.Column.of("∂L/∂t_k", t.dLdT()),
                StageWidgets.Column.of("∂L/∂b_k", t.dLdB())));
    }

    private static Node dLdInput(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] g = t.dLdPooled();
        double m = maxAbs(g);
        Node[][] rows = {StageWidgets.signedMaps(g, t.numFilters, t.poolWidth, t.poolHeight, m, 8)};
        int i = t.pooledIndex(0, t.poolHeight / 2, t.poolWidth / 2);
        double[] w = t.weightsBefore();
        double[] dt = t.dLdT();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "e.g. filter 1, cell (%d, %d): ∂L/∂input_i = Σ_k w[i, k] · ∂L/∂t_k = ",
                t.poolHeight / 2, t.poolWidth / 2));
        for (int k = 0; k < 10; k++) {
            sb.append(k == 0 ? "" : " + ").append(String.format(Locale.ROOT, "(%.3g)(%.3g)", w[k * t.inputLen() + i], dt[k]));
        }
        sb.append(" = ").append(num(g[i]));
        return new VBox(8, worked(sb.toString()), perFilter(new String[] {"∂L/∂input (" + t.poolHeight + " × " + t.poolWidth + ")"}, rows, ctx.columns(104)),
                symmetricLegend("∂L/∂input", m));
    }

    private static Node routing(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] up = t.dLdPooled();
        double[] down = t.dLdPoolIn();
        double m = maxAbs(up);
        int plane = t.poolHeight * t.poolWidth;
        int convPlane = t.convHeight * t.convWidth;
        Node[][] rows = new Node[2][t.numFilters];
        for (int f = 0; f < t.numFilters; f++) {
            rows[0][f] = signed(up, f * plane, t.poolWidth, t.poolHeight, m, 8);
            HeatmapView routed = signed(down, f * convPlane, t.convWidth, t.convHeight, m, 4);
            routed.setGrid(2, Color.color(0, 0, 0, 0.12));
            int filter = f;
            routed.setOverlay((gc, x0, y0, cell, cols, rws) -> markTies(gc, t, filter, x0, y0, cell));
            rows[1][f] = routed;
        }
        int ties = t.tiedBlocks(-1);
        String rule = t.firstMaxOnly ? "This model routes to the first maximum only (row-major)."
                : "Like the article, this model copies the gradient to every position equal to the max.";
        return new VBox(8,
                worked(String.format(Locale.ROOT, "%s %d blocks tie (grey dots): there max is not differentiable, "
                        + "and each tied position gets the whole gradient.", rule, ties)),
                perFilter(new String[] {"incoming ∂L/∂out (" + t.poolHeight + " × " + t.poolWidth + ")",
                    "routed ∂L/∂input (" + t.convHeight + " × " + t.convWidth + ")"}, rows, ctx.columns(104)),
                symmetricLegend("gradient (same scale for both rows)", m));
    }

    /** Outlines the 2x2 blocks of filter f whose max is shared by several positions. */
    private static void markTies(javafx.scene.canvas.GraphicsContext gc, BackpropTrace t, int f, double x0, double y0, double cell) {
        gc.setFill(Color.gray(0.3, 0.55));
        double r = Math.max(1, cell * 0.22);
        for (int i = 0; i < t.poolHeight; i++) {
            for (int j = 0; j < t.poolWidth; j++) {
                if (Integer.bitCount(t.poolMask(f, i, j)) > 1) {
                    gc.fillOval(x0 + (2 * j + 1) * cell - r, y0 + (2 * i + 1) * cell - r, 2 * r, 2 * r);
                }
            }
        }
    }

    private static Node dLdFilters(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] g = t.dLdFilters();
        double m = maxAbs(g);
        Node[][] rows = new Node[1][t.filters1];
        for (int f = 0; f < t.filters1; f++) {
            rows[0][f] = numbers(g, f * 9, 3, 3, m, 44, "%.2g");
        }
        // Worked example: the first filter's weight (0, 0) from its nonzero routed gradients.
        double[] d = t.dLdConvOut();
        double[] x = t.input();
        int terms = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.firstConvHeight; i++) {
            for (int j = 0; j < t.firstConvWidth; j++) {
                double v = d[i * t.firstConvWidth + j];
                if (v != 0) {
                    if (terms < 4) {
                        sb.append(terms == 0 ? "" : " + ").append(String.format(Locale.ROOT, "(%.3g)(%.3f)", v, x[i * t.width + j]));
                    }
                    terms++;
                }
            }
        }
        String why = t.convLayers == 1 && !t.relu ? ": only the routed maxima contribute" : "";
        String example = String.format(Locale.ROOT, "filter 1: ∂L/∂filter(0, 0) = %s%s = %s   (%d nonzero terms%s)",
                sb, terms > 4 ? " + …" : "", num(g[0]), terms, why);
        return new VBox(8, worked(example), perFilter(new String[] {"∂L/∂filter (3 × 3)"}, rows, ctx.columns(132)),
                symmetricLegend("∂L/∂filter", m));
    }

    private static Node sgd(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] before = t.filtersBefore();
        double[] after = t.filtersAfter();
        double[] change = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            change[i] = after[i] - before[i];
        }
        double m = Math.max(maxAbs(before), maxAbs(after));
        double cm = maxAbs(change);
        Node[][] rows = new Node[3][t.filters1];
        for (int f = 0; f < t.filters1; f++) {
            rows[0][f] = numbers(before, f * 9, 3, 3, m, 40, "%.3f");
            rows[1][f] = numbers(change, f * 9, 3, 3, cm, 40, "%.0e");
            rows[2][f] = numbers(after, f * 9, 3, 3, m, 40, "%.3f");
        }
        double pc = t.probabilities()[t.label];
        double pcAfter = t.probabilitiesAfter()[t.label];
        return new VBox(8,
                worked(String.format(Locale.ROOT, "On this image: p_c %s → %s,   L %s → %s", prob(pc), prob(pcAfter), num(t.loss), num(t.lossAfter))),
                worked(String.format(Locale.ROOT, "η = %s.   filter 1, weight (0, 0): %s − %s × %s = %s", num(t.learnRate),
                        num(before[0]), num(t.learnRate), num(t.dLdFilters()[0]), num(after[0]))),
                perFilter(new String[] {"before", "change −η·∂L/∂filter", "after"}, rows, ctx.columns(120)),
                worked(secondLayerUpdate(t)),
                new HBox(16, symmetricLegend("filter weights (before and after)", m), symmetricLegend("change", cm)),
                classTable(t.label, List.of(
                        StageWidgets.Column.of("b_k before", t.biasesBefore()),
                        StageWidgets.Column.of("b_k after", t.biasesAfter()),
                        StageWidgets.Column.probabilities("p_k before", t.probabilities()),
                        StageWidgets.Column.probabilities("p_k after", t.probabilitiesAfter()))));
    }

    /** One line on the second convolution's update, or "" for the article's network. */
    private static String secondLayerUpdate(BackpropTrace t) {
        if (t.convLayers == 1) {
            return "";
        }
        double[] before = t.filters2Before();
        double[] after = t.filters2After();
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs(after[i] - before[i]));
        }
        return String.format(Locale.ROOT, "The second convolution's %,d weights move the same way, filter2 ← filter2 − η · ∂L/∂filter2: "
                + "the largest change is %s.", before.length, num(largest));
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
