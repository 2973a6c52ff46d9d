package org.cnnexplorer.app;

import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between sessions (java.util.prefs): its size and position, the last
 * tab, the theme and the zoom, the training settings and speed ({@link TrainingMemory}), the
 * recently opened files ({@link RecentFiles}) and reduced motion. The node is {@value #DEFAULT_NODE} under the user's preferences;
 * the system property {@value #NODE_PROPERTY} names another (tests use their own) or, set to
 * {@code off}, turns remembering off.
 */
public final class AppPreferences {
    public static final String NODE_PROPERTY = "cnnexplorer.preferences";
    static final String DEFAULT_NODE = "org/cnnexplorer/app";
    private final Preferences node;

    private AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences, or null when remembering is off. */
    public static AppPreferences open() {
        String path = System.getProperty(NODE_PROPERTY, DEFAULT_NODE);
        if (path.isEmpty() || path.equals("off")) {
            return null;
        }
        try {
            return new AppPreferences(Preferences.userRoot().node(path));
        } catch (RuntimeException e) {
            return null; // an unusable store: start with the defaults
        }
    }

    /** x, y, width, height, or null if none was saved. */
    public double[] windowBounds() {
        double w = node.getDouble("window.width", -1);
        double h = node.getDouble("window.height", -1);
        if (w < 200 || h < 150) {
            return null;
        }
        return new double[] {node.getDouble("window.x", 0), node.getDouble("window.y", 0), w, h};
    }

    public void saveWindowBounds(double x, double y, double w, double h) {
        putText("window.x", Double.toString(x));
        putText("window.y", Double.toString(y));
        putText("window.width", Double.toString(w));
        putText("window.height", Double.toString(h));
    }

    public boolean maximized() {
        return node.getBoolean("window.maximized", false);
    }

    public void saveMaximized(boolean m) {
        putText("window.maximized", Boolean.toString(m));
    }

    public String lastTab() {
        return node.get("tab", null);
    }

    public void saveLastTab(String id) {
        if (id != null) {
            putText("tab", id);
        }
    }

    public Themes.Theme theme() {
        try {
            return Themes.Theme.valueOf(node.get("theme", Themes.Theme.STANDARD.name()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Themes.Theme.STANDARD;
        }
    }

    public void saveTheme(Themes.Theme t) {
        putText("theme", t.name());
    }

    public double zoom() {
        double z = node.getDouble("zoom", 1);
        return Double.isFinite(z) ? z : 1;
    }

    public void saveZoom(double z) {
        putText("zoom", Double.toString(z));
    }

    /** A stored text (a training setting, a recent file), or null if none; the caller checks it. */
    public String text(String key) {
        try {
            return node.get(key, null);
        } catch (IllegalStateException e) {
            return null; // the node was removed under us: nothing stored
        }
    }

    /** Stores a text; null (or one too long to keep whole) removes the key. */
    public void putText(String key, String value) {
        try {
            if (value == null || value.length() > Preferences.MAX_VALUE_LENGTH) {
                node.remove(key);
            } else {
                node.put(key, value);
            }
        } catch (IllegalStateException e) {
            // the node was removed (a reset elsewhere): nothing to keep it in
        }
    }

    public boolean reducedMotion() {
        return Boolean.parseBoolean(text("motion.reduced"));
    }

    public void saveReducedMotion(boolean on) {
        putText("motion.reduced", Boolean.toString(on));
    }

    /** Forgets everything (Help > Reset preferences). */
    public void reset() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            // nothing stored that could be read back: the defaults apply anyway
        }
    }

    /** Writes to the backing store now (it would be written at exit anyway). */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // the store is read-only or gone: the settings are lost, the app goes on
        }
    }
}
