package org.cnnexplorer.app.page;

/** The id of every page (tab) in the window, in one place: tests, menus and lessons refer to these. */
public final class PageIds {
    public static final String TRAINING = "tab-training";
    public static final String FILTERS = "tab-filters";
    public static final String FEATURE_MAPS = "tab-feature-maps";
    public static final String POOLING = "tab-pooling";
    public static final String EVALUATION = "tab-evaluation";
    public static final String DRAW = "tab-draw";
    public static final String BACKPROP = "tab-backprop";
    public static final String GRADCHECK = "tab-gradcheck";
    public static final String RUNS = "tab-runs";
    public static final String MY_DIGITS = "tab-my-digits";

    private PageIds() {
    }

    /** "pooling" or "tab-pooling" to the page id "tab-pooling" (lesson files use the short form). */
    public static String of(String name) {
        return name.startsWith("tab-") ? name : "tab-" + name;
    }
}
