package org.cnnexplorer.app;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The files opened lately, newest first, {@value #MAX} of each kind, kept in the preferences. An
 * opener reports each file it opened ({@link #opened}) and each it could not ({@link #failed}):
 * a file that is gone or no longer readable leaves the list.
 */
public final class RecentFiles {
    public static final int MAX = 8;

    /** What File > Open… opened; {@code key} names it in the preferences. */
    public enum Kind {
        MODEL("Models", "model"),
        DATASET("Datasets", "dataset"),
        SCENARIO("Scenarios", "scenario"),
        RUN("Runs", "run");

        public final String title;
        final String key;

        Kind(String title, String key) {
            this.title = title;
            this.key = key;
        }
    }

    private final AppPreferences prefs;
    private final Map<Kind, ObservableList<Path>> lists = new EnumMap<>(Kind.class);
    // kept, not made per call: a read-only view only passes changes on while it is alive
    private final Map<Kind, ObservableList<Path>> views = new EnumMap<>(Kind.class);

    /** @param prefs where the lists are kept; null keeps them for this session only */
    public RecentFiles(AppPreferences prefs) {
        this.prefs = prefs;
        for (Kind k : Kind.values()) {
            ObservableList<Path> l = FXCollections.observableArrayList();
            if (prefs != null) {
                for (int i = 0; i < MAX; i++) {
                    String t = prefs.text(key(k, i));
                    Path p = parse(t);
                    if (p != null && !l.contains(p)) {
                        l.add(p);
                    }
                }
            }
            lists.put(k, l);
            views.put(k, FXCollections.unmodifiableObservableList(l));
        }
    }

    private static Path parse(String t) {
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(t);
            return p.isAbsolute() ? p : null;
        } catch (RuntimeException e) {
            return null; // not a path on this system
        }
    }

    private static String key(Kind k, int i) {
        return "recent." + k.key + "." + i;
    }

    /** The files of one kind, newest first (read only for callers: use the methods to change it). */
    public ObservableList<Path> list(Kind k) {
        return views.get(k);
    }

    /** A file was opened: it moves to the top. */
    public void opened(Kind k, Path file) {
        Path p = file.toAbsolutePath().normalize();
        ObservableList<Path> l = lists.get(k);
        l.remove(p);
        l.add(0, p);
        if (l.size() > MAX) {
            l.remove(MAX, l.size());
        }
        store(k);
    }

    /** A file could not be opened (gone, unreadable, not valid): it leaves the list. */
    public void failed(Kind k, Path file) {
        if (lists.get(k).remove(file.toAbsolutePath().normalize())) {
            store(k);
        }
    }

    /** Forgets every kind (File > Open Recent > Clear recent, Help > Reset preferences). */
    public void clear() {
        for (Kind k : Kind.values()) {
            lists.get(k).clear();
            store(k);
        }
    }

    public boolean isEmpty() {
        return lists.values().stream().allMatch(java.util.List::isEmpty);
    }

    private void store(Kind k) {
        if (prefs == null) {
            return;
        }
        ObservableList<Path> l = lists.get(k);
        for (int i = 0; i < MAX; i++) {
            prefs.putText(key(k, i), i < l.size() ? l.get(i).toString() : null);
        }
        prefs.flush();
    }
}
