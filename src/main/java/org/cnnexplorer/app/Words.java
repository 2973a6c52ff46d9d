package org.cnnexplorer.app;

import java.util.Locale;

/** Counted nouns for messages: "1 filter", "8 filters", "1,000 steps". */
public final class Words {
    private Words() {
    }

    public static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    /** A digit with its article: "a 7", "an 8". */
    public static String aDigit(int d) {
        return (d == 8 ? "an " : "a ") + d;
    }

    public static String filters(long n) {
        return count(n, "filter", "filters");
    }
}
