package org.cnnexplorer.app.view;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the settings fields accept, the same as the command line's train options: a learning rate
 * is a positive decimal number, epochs 1 to 100,000, filters 1 to 64, a seed any whole number,
 * the sizes 1 up to the data set's count. Each check returns what is wrong, or null.
 */
public final class SettingsRules {
    public static final int MAX_EPOCHS = 100_000;
    public static final int MAX_FILTERS = 64;

    /** Plain decimals, as the command line takes them (no "NaN", "Infinity", hex or "1d"). */
    private static final Pattern NUMBER = Pattern.compile("[+]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Plain digits, or digits grouped in threes by commas or underscores ("60,000"), never "1,0". */
    private static final Pattern INTEGER = Pattern.compile("[+-]?(\\d+|\\d{1,3}(,\\d{3})+|\\d{1,3}(_\\d{3})+)");

    private SettingsRules() {
    }

    /** The learning rate in {@code text}, or NaN if it is not a positive finite number. */
    public static double learnRate(String text) {
        String t = text == null ? "" : text.trim();
        if (!NUMBER.matcher(t).matches()) {
            return Double.NaN;
        }
        double d = Double.parseDouble(t);
        return d > 0 && Double.isFinite(d) ? d : Double.NaN;
    }

    public static String learnRateProblem(String text) {
        return Double.isNaN(learnRate(text)) ? "Learning rate: a positive number such as 0.005, not \"" + shown(text) + "\"" : null;
    }

    /** The whole number in {@code text}, or null if there is none or it is outside [min, max]. */
    public static Long whole(String text, long min, long max) {
        String t = text == null ? "" : text.trim();
        if (!INTEGER.matcher(t).matches()) {
            return null;
        }
        t = t.replace(",", "").replace("_", "");
        try {
            long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return v >= min && v <= max ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "Epochs: a whole number from 1 to 100,000, not "abc"". */
    public static String wholeProblem(String what, String text, long min, long max) {
        if (whole(text, min, max) != null) {
            return null;
        }
        if (min == Long.MIN_VALUE) {
            return what + ": a whole number, not \"" + shown(text) + "\"";
        }
        return String.format(Locale.ROOT, "%s: a whole number from %,d to %,d, not \"%s\"", what, min, max, shown(text));
    }

    private static String shown(String text) {
        String t = text == null ? "" : text.trim();
        return t.length() > 24 ? t.substring(0, 24) + "…" : t;
    }
}
