package org.cnnexplorer.lesson;

import static org.cnnexplorer.lesson.Fmt.f;

import java.util.List;
import org.cnnexplorer.explain.BackpropTrace;

/** Chapter 4: where max pooling sends the gradient, read from the real routed gradient. */
final class PoolingQuestions {
    static final List<String> POSITIONS = List.of("top-left", "top-right", "bottom-left", "bottom-right");

    private PoolingQuestions() {
    }

    /** A pooled cell: filter f, row i, column j of the 13x13 output. */
    record Block(int f, int i, int j) {
        String part() {
            return "block " + f + " " + i + " " + j;
        }

        String name() {
            return Fmt.f("filter %d, block (%d, %d) (conv rows %d–%d, columns %d–%d)", f + 1, i, j, 2 * i, 2 * i + 1, 2 * j, 2 * j + 1);
        }
    }

    static List<Question> all() {
        return List.of(
                Question.of("route-block", in -> "Look at " + strongest(in.trace()).name() + ", the block with the strongest incoming "
                                + "gradient. Which of its four positions will receive that gradient?",
                        in -> List.of("top-left only", "top-right only", "bottom-left only", "bottom-right only", "more than one"),
                        in -> strongest(in.trace()).part(),
                        in -> routing(in.trace(), strongest(in.trace()))),
                Question.of("route-tie", in -> {
                            BackpropTrace t = in.trace();
                            PoolingQuestions.Block b = tied(t);
                            boolean ties = Integer.bitCount(t.poolMask(b.f, b.i, b.j)) > 1;
                            return "In " + b.name() + (ties ? " several positions hold the same largest value."
                                    : " (no block of this image ties; this one has a single max).")
                                    + " How many of its positions will get the gradient?";
                        },
                        in -> List.of("1", "2", "3", "4"),
                        in -> tied(in.trace()).part(),
                        in -> {
                            BackpropTrace t = in.trace();
                            Block b = tied(t);
                            int[] got = routed(t, b);
                            int n = Integer.bitCount(got[0]);
                            int maxima = Integer.bitCount(t.poolMask(b.f, b.i, b.j));
                            return new Reveal(Math.max(0, n - 1), f("%d of the block's 4 positions equal its max; %d received the "
                                    + "gradient (%s). %s", maxima, n, values(t, b),
                                    t.firstMaxOnly ? "The first-max-only rule picks the first tied position, row by row."
                                            : "The article's rule copies the whole gradient to every tied position."));
                        }),
                Question.of("share-routed", in -> "Over all filters, what share of the convolution's outputs will get a non-zero gradient?",
                        in -> List.of("less than a quarter", "exactly a quarter", "more than a quarter"),
                        in -> "routing-routed",
                        in -> {
                            BackpropTrace t = in.trace();
                            double[] g = t.dLdConvOut();
                            int nonZero = 0;
                            for (double v : g) {
                                if (v != 0) {
                                    nonZero++;
                                }
                            }
                            int blocks = t.numFilters * t.poolHeight * t.poolWidth;
                            int k = nonZero < blocks ? 0 : nonZero == blocks ? 1 : 2;
                            return new Reveal(k, f("%,d of %,d outputs (%.1f%%) got a gradient; there are %,d blocks, one max each. "
                                    + "%,d blocks have tied maxima.", nonZero, g.length, 100.0 * nonZero / g.length, blocks, t.tiedBlocks(-1)));
                        }));
    }

    /** The pooled cell with the largest |dL/dpooled| (first of equals). */
    static Block strongest(BackpropTrace t) {
        double[] g = t.dLdPooled();
        int best = 0;
        for (int n = 1; n < g.length; n++) {
            if (Math.abs(g[n]) > Math.abs(g[best])) {
                best = n;
            }
        }
        return toBlock(t, best);
    }

    /** The tied block with the largest |dL/dpooled|; the strongest block if nothing ties. */
    static Block tied(BackpropTrace t) {
        double[] g = t.dLdPooled();
        int best = -1;
        for (int n = 0; n < g.length; n++) {
            Block b = toBlock(t, n);
            if (Integer.bitCount(t.poolMask(b.f, b.i, b.j)) > 1 && (best < 0 || Math.abs(g[n]) > Math.abs(g[best]))) {
                best = n;
            }
        }
        return best < 0 ? strongest(t) : toBlock(t, best);
    }

    private static Block toBlock(BackpropTrace t, int n) {
        int per = t.poolHeight * t.poolWidth;
        return new Block(n / per, (n % per) / t.poolWidth, n % t.poolWidth);
    }

    /** Bits (2 * row + col) of the block's positions with a non-zero routed gradient, and their count. */
    static int[] routed(BackpropTrace t, Block b) {
        double[] g = t.dLdConvOut();
        int bits = 0;
        for (int k = 0; k < 4; k++) {
            if (g[index(t, b, k)] != 0) {
                bits |= 1 << k;
            }
        }
        return new int[] {bits, Integer.bitCount(bits)};
    }

    private static int index(BackpropTrace t, Block b, int k) {
        int y = 2 * b.i + k / 2;
        int x = 2 * b.j + k % 2;
        return (b.f * t.convHeight + y) * t.convWidth + x;
    }

    static String values(BackpropTrace t, Block b) {
        double[] g = t.dLdConvOut();
        double[] conv = t.convOut();
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            int n = index(t, b, k);
            s.append(k == 0 ? "" : "; ").append(POSITIONS.get(k)).append(f(" %.3f → %.2e", conv[n], g[n]));
        }
        return "conv output → routed gradient: " + s;
    }

    private static Reveal routing(BackpropTrace t, Block b) {
        int[] got = routed(t, b);
        int k = got[1] == 1 ? Integer.numberOfTrailingZeros(got[0]) : 4;
        double incoming = t.dLdPooled()[t.pooledIndex(b.f, b.i, b.j)];
        return new Reveal(k, f("The incoming gradient %.2e went to %s. %s.", incoming,
                got[1] == 1 ? "the " + POSITIONS.get(k) + " position, the block's max" : got[1] + " tied positions", values(t, b)));
    }
}
