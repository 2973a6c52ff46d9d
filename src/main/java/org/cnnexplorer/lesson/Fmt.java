package org.cnnexplorer.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number formatting and small helpers the questions share (Locale.ROOT: a dot for decimals everywhere). */
final class Fmt {
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private Fmt() {
    }

    static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String pct(double p) {
        return f("%.1f%%", 100 * p);
    }

    /** The three most probable classes: "7 (98.1%), 9 (1.2%), 3 (0.4%)". */
    static String top3(double[] p) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(p[b], p[a]));
        StringBuilder s = new StringBuilder();
        for (int n = 0; n < 3 && n < order.size(); n++) {
            if (n > 0) {
                s.append(", ");
            }
            s.append(order.get(n)).append(" (").append(pct(p[order.get(n)])).append(')');
        }
        return s.toString();
    }

    /** The most probable class other than {@code c}. */
    static int runnerUp(double[] p, int c) {
        int best = -1;
        for (int k = 0; k < p.length; k++) {
            if (k != c && (best < 0 || p[k] > p[best])) {
                best = k;
            }
        }
        return best;
    }

    static String label(LessonInput in) {
        return in.labelKnown() ? "the true digit " + in.label() : "the network's own reading " + in.label() + " (the label is unknown)";
    }
}
