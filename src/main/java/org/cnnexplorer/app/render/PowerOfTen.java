package org.cnnexplorer.app.render;

import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Numbers shown in a shared unit of 10^e, so small gradients read as "-1.23" in cells with the
 * unit "×10⁻³" stated once in the legend, instead of "-0.00123" in every cell.
 */
public final class PowerOfTen {
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private PowerOfTen() {
    }

    /** The exponent e with maxAbs / 10^e in [1, 10); 0 for zero or non-finite values. */
    public static int exponent(double maxAbs) {
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
            return 0;
        }
        return (int) Math.floor(Math.log10(maxAbs));
    }

    /** Cell text for a value in units of 10^e, with {@code decimals} digits after the point. */
    public static DoubleFunction<String> formatter(int e, int decimals) {
        double unit = Math.pow(10, e);
        String f = "%." + decimals + "f";
        return v -> String.format(Locale.ROOT, f, v / unit);
    }

    /** "×10⁻³", or "" for e = 0. */
    public static String unit(int e) {
        if (e == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("×10");
        if (e < 0) {
            b.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(e)).toCharArray()) {
            b.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }
}
