package org.cnnexplorer.app.render;

import java.util.Locale;

/**
 * A heatmap in words, for screen readers: its size, the range of its values and where the
 * largest is, e.g. "3 by 3: values from -0.20 to 0.70, largest at bottom left".
 */
public final class MapSummary {
    private MapSummary() {
    }

    public static String of(double[] values, int cols, int rows) {
        if (cols <= 0 || rows <= 0) {
            return "empty";
        }
        int n = cols * rows;
        int best = 0;
        double lo = values[0];
        for (int i = 1; i < n; i++) {
            lo = Math.min(lo, values[i]);
            if (values[i] > values[best]) {
                best = i;
            }
        }
        double hi = values[best];
        String where = place(best / cols, rows, new String[] {"top", "middle", "bottom"}) + " "
                + place(best % cols, cols, new String[] {"left", "centre", "right"});
        if (where.equals("middle centre")) {
            where = "centre";
        }
        return String.format(Locale.ROOT, "%d by %d: values from %s to %s, largest at %s", cols, rows, num(lo), num(hi), where);
    }

    private static String place(int i, int n, String[] thirds) {
        return thirds[Math.min(2, i * 3 / n)];
    }

    private static String num(double v) {
        double a = Math.abs(v);
        if (a == Math.rint(a) && a < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return a >= 0.01 || a == 0 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.2e", v);
    }
}
