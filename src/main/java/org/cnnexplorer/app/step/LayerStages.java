package org.cnnexplorer.app.step;

import static org.cnnexplorer.app.step.StageWidgets.maxAbs;
import static org.cnnexplorer.app.step.StageWidgets.num;
import static org.cnnexplorer.app.step.StageWidgets.perFilter;
import static org.cnnexplorer.app.step.StageWidgets.signed;
import static org.cnnexplorer.app.step.StageWidgets.signedMaps;
import static org.cnnexplorer.app.step.StageWidgets.symmetricLegend;
import static org.cnnexplorer.app.step.StageWidgets.worked;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.cnnexplorer.explain.BackpropTrace;

/**
 * The stages the article's network does not have: a ReLU after a convolution, a second
 * convolution that sees every map of the first, and their backward passes (ReLU's gate, the
 * second convolution's filter gradient and its input gradient, which carries the error back to
 * the first layer). Each shows its equation and this step's numbers.
 */
final class LayerStages {
    private LayerStages() {
    }

    static BackpropStage relu(int layer, boolean backward) {
        String where = layer == 1 ? "first" : "second";
        if (!backward) {
            return new BackpropStage("relu" + layer, "Forward: ReLU after convolution " + layer,
                    "out = max(0, in)",
                    "Not in the article: each value of the " + where + " convolution's output below 0 becomes 0; the rest pass unchanged.",
                    ctx -> reluForward(ctx, layer));
        }
        return new BackpropStage("relu" + layer + "back", "Backward: through ReLU " + layer,
                "∂L/∂in = ∂L/∂out  where in > 0,    0 elsewhere",
                "ReLU's slope is 1 where its input was positive and 0 where it was cut to 0, so the gradient passes "
                        + "only where the " + where + " convolution's output was positive.",
                ctx -> reluBackward(ctx, layer));
    }

    static BackpropStage conv2() {
        return new BackpropStage("conv2", "Forward: convolution 2",
                "out_g(i, j) = Σ_f Σₓ Σᵧ in_f(i + x, j + y) · filter2_g,f(x, y)",
                "Not in the article: each filter of the second convolution has one 3×3 slice per map of the first layer "
                        + "and adds up all of them, so a 26×26 map becomes 24×24.",
                LayerStages::conv2Forward);
    }

    static BackpropStage dLdFilters2() {
        return new BackpropStage("dLdfilters2", "Backward: ∂L/∂filters of convolution 2",
                "∂L/∂filter2_g,f(x, y) = Σᵢ Σⱼ ∂L/∂out_g(i, j) · in_f(i + x, j + y)",
                "The article's filter gradient, once per slice: the gradient at output g times the patch of input map f under it.",
                LayerStages::dLdFilters2Content);
    }

    static BackpropStage dLdLayer1() {
        return new BackpropStage("dLdlayer1", "Backward: ∂L/∂input of convolution 2",
                "∂L/∂in_f(i + x, j + y) += ∂L/∂out_g(i, j) · filter2_g,f(x, y)",
                "The convolution's input gradient, which the article's single convolution never needed: every output "
                        + "pixel hands its gradient back to the 3×3 patch it was computed from, weighted by the filter. "
                        + "This is how the error reaches the first layer.",
                LayerStages::dLdLayer1Content);
    }

    private static Node reluForward(StepContext ctx, int layer) {
        BackpropTrace t = ctx.trace();
        double[] in = layer == 1 ? t.convOut() : t.conv2Out();
        double[] out = layer == 1 ? t.relu1Out() : t.relu2Out();
        int cut = 0;
        for (double v : in) {
            if (v < 0) {
                cut++;
            }
        }
        return twoRows(ctx, layer, in, out, String.format(Locale.ROOT, "%,d of %,d values were negative and are now 0 (%.0f%%).",
                cut, in.length, 100.0 * cut / in.length), "in", "out = max(0, in)", "value (same scale for both rows)");
    }

    private static Node reluBackward(StepContext ctx, int layer) {
        BackpropTrace t = ctx.trace();
        // The gradient arriving at the ReLU's output, and what goes on to its input.
        double[] down = layer == 1 ? t.dLdConvOut() : t.dLdConv2Out();
        double[] up = layer == 1 && t.convLayers == 2 ? t.dLdLayer1() : t.dLdPoolIn();
        int stopped = 0;
        for (int n = 0; n < up.length; n++) {
            if (up[n] != 0 && down[n] == 0) {
                stopped++;
            }
        }
        return twoRows(ctx, layer, up, down, String.format(Locale.ROOT,
                "%,d nonzero gradients stop here, at positions where the convolution's output was 0 or below.", stopped),
                "∂L/∂out", "∂L/∂in", "gradient (same scale for both rows)");
    }

    /** A ReLU's before and after as two rows of per-filter maps at its layer's size, on the first row's scale, under a sentence. */
    private static Node twoRows(StepContext ctx, int layer, double[] top, double[] bottom, String sentence,
                                String topCaption, String bottomCaption, String legend) {
        BackpropTrace t = ctx.trace();
        int filters = layer == 1 ? t.filters1 : t.numFilters;
        int h = layer == 1 ? t.firstConvHeight : t.convHeight;
        int w = layer == 1 ? t.firstConvWidth : t.convWidth;
        double m = maxAbs(top);
        Node[][] rows = {signedMaps(top, filters, w, h, m, 3), signedMaps(bottom, filters, w, h, m, 3)};
        return new VBox(8, worked(sentence),
                perFilter(new String[] {topCaption + " (" + h + " × " + w + ")", bottomCaption}, rows, ctx.columns(90)),
                symmetricLegend(legend, m));
    }

    private static Node conv2Forward(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] in = t.relu1Out() != null ? t.relu1Out() : t.convOut();
        double[] out = t.conv2Out();
        double[] filters = t.filters2Before();
        double m = maxAbs(out);
        int plane = t.convHeight * t.convWidth;
        Node[][] rows = {signedMaps(out, t.numFilters, t.convWidth, t.convHeight, m, 3)};
        // Worked example: filter 1 at its strongest response, first channel's nine products and the sum over all.
        int best = 0;
        for (int n = 1; n < plane; n++) {
            if (out[n] > out[best]) {
                best = n;
            }
        }
        int i = best / t.convWidth;
        int j = best % t.convWidth;
        int inPlane = t.firstConvHeight * t.firstConvWidth;
        double channel1 = 0;
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                double a = in[(i + x) * t.firstConvWidth + j + y];
                double b = filters[x * 3 + y];
                channel1 += a * b;
                sb.append(x + y == 0 ? "" : " + ").append(String.format(Locale.ROOT, "(%.3f)(%.3f)", a, b));
            }
        }
        String example = String.format(Locale.ROOT, "Filter 1 at (%d, %d), its strongest response. Map 1 of layer 1 contributes %s = %s; "
                + "the %d maps together give out_1(%d, %d) = %s.", i, j, sb, num(channel1), t.filters1, i, j, num(out[best]));
        return new VBox(8, worked(example),
                perFilter(new String[] {"output (" + t.convHeight + " × " + t.convWidth + ")"}, rows, ctx.columns(90)),
                new HBox(16, symmetricLegend("convolution 2 output", m)),
                worked(String.format(Locale.ROOT, "%d filters × %d slices × 9 weights = %,d weights in this layer (the first has %d).",
                        t.numFilters, t.filters1, t.numFilters * t.filters1 * 9, t.filters1 * 9)));
    }

    private static Node dLdFilters2Content(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] g = t.dLdFilters2();
        double m = maxAbs(g);
        // One strip per filter g: its F1 slices side by side (3 rows, 3 * F1 columns).
        Node[][] rows = new Node[1][t.numFilters];
        for (int f = 0; f < t.numFilters; f++) {
            double[] strip = new double[3 * 3 * t.filters1];
            for (int c = 0; c < t.filters1; c++) {
                for (int x = 0; x < 3; x++) {
                    for (int y = 0; y < 3; y++) {
                        strip[x * 3 * t.filters1 + c * 3 + y] = g[((f * t.filters1 + c) * 3 + x) * 3 + y];
                    }
                }
            }
            rows[0][f] = signed(strip, 0, 3 * t.filters1, 3, m, 5);
        }
        return new VBox(8,
                worked(String.format(Locale.ROOT, "filter 1, slice 1: ∂L/∂filter2(0, 0) = %s; the largest |∂L/∂filter2| is %s.",
                        num(g[0]), num(m))),
                perFilter(new String[] {"∂L/∂filter2: slices 1…" + t.filters1 + " side by side"}, rows, ctx.columns(5 * 3 * t.filters1)),
                symmetricLegend("∂L/∂filter2", m));
    }

    private static Node dLdLayer1Content(StepContext ctx) {
        BackpropTrace t = ctx.trace();
        double[] g = t.dLdLayer1();
        double m = maxAbs(g);
        Node[][] rows = {signedMaps(g, t.filters1, t.firstConvWidth, t.firstConvHeight, m, 3)};
        double[] f2 = t.filters2Before();
        return new VBox(8,
                worked(String.format(Locale.ROOT, "e.g. filter2_1,1(0, 0) = %s carries ∂L/∂out_1(i, j) to in_1(i, j) for every (i, j); "
                        + "each input position collects up to 9 × %d such terms.", num(f2[0]), t.numFilters)),
                perFilter(new String[] {"∂L/∂in (" + t.firstConvHeight + " × " + t.firstConvWidth + ")"}, rows, ctx.columns(90)),
                symmetricLegend("∂L/∂(layer 1 output)", m),
                nextNote(t));
    }

    private static Node nextNote(BackpropTrace t) {
        return worked(t.relu ? "Next, ReLU 1's gate, then the first convolution's filter gradient, exactly as in the article."
                : "Next, the first convolution's filter gradient, exactly as in the article.");
    }
}
