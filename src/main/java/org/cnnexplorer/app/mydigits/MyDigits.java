package org.cnnexplorer.app.mydigits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.data.MyDigitsFiles;

/**
 * The user's own digits (FX thread): 28x28 images with labels, drawn on the canvas or imported
 * from pictures, and the folder they are kept in. Once a folder is chosen every change is written
 * to it at once (two IDX files, each replaced whole), so nothing drawn is lost; {@link #savedProperty}
 * says whether the folder holds exactly what is shown.
 */
public final class MyDigits {
    /** One digit: MNIST's bytes (0 = background) and its label. Immutable by convention. */
    public record Digit(byte[] pixels, int label) {
        public Digit {
            if (pixels.length != DigitPreprocessor.SIZE * DigitPreprocessor.SIZE || label < 0 || label > 9) {
                throw new IllegalArgumentException("a digit is 28x28 bytes with a label 0-9");
            }
        }
    }

    private final ObservableList<Digit> digits = FXCollections.observableArrayList();
    /** One wrapper kept for good: it passes changes on through a weak listener, so a dropped one goes deaf. */
    private final ObservableList<Digit> readOnly = FXCollections.unmodifiableObservableList(digits);
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(this, "saved", true);
    private final ReadOnlyObjectWrapper<String> saveError = new ReadOnlyObjectWrapper<>(this, "saveError");

    /** The digits, oldest first; change them through this class so they get saved. */
    public ObservableList<Digit> digits() {
        return readOnly;
    }

    public int size() {
        return digits.size();
    }

    /** The folder the digits are kept in, or null before one is chosen. */
    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public Path folder() {
        return folder.get();
    }

    /** True when the folder holds exactly these digits (or there are none and no folder). */
    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Why the last write failed, or null. */
    public ReadOnlyObjectProperty<String> saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    public void add(Digit d) {
        change(() -> digits.add(d));
    }

    public void addAll(Collection<Digit> ds) {
        if (!ds.isEmpty()) {
            change(() -> digits.addAll(ds));
        }
    }

    /** Removes {@code ds} (by identity: two drawings may have the same bytes); whether any was here. */
    public boolean removeAll(Collection<Digit> ds) {
        Set<Digit> gone = identitySet(ds);
        if (digits.stream().noneMatch(gone::contains)) {
            return false;
        }
        // One change for them all: removeIf would tell the listeners (and redraw the tab) once per digit.
        change(() -> digits.removeAll(gone));
        return true;
    }

    /** Gives {@code ds} the label; whether any of them had another. */
    public boolean relabel(Collection<Digit> ds, int label) {
        Set<Digit> which = identitySet(ds);
        List<Digit> now = new ArrayList<>(digits);
        boolean any = false;
        for (int i = 0; i < now.size(); i++) {
            Digit d = now.get(i);
            if (which.contains(d) && d.label() != label) {
                now.set(i, new Digit(d.pixels(), label));
                any = true;
            }
        }
        if (any) {
            change(() -> digits.setAll(now));  // one change, not one per digit
        }
        return any;
    }

    private static Set<Digit> identitySet(Collection<Digit> ds) {
        Set<Digit> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(ds);
        return s;
    }

    /** All digits as a data set (copied arrays), in order. */
    public Dataset dataset() {
        return toDataset(List.copyOf(digits), "my digits");
    }

    public static Dataset toDataset(List<Digit> ds, String name) {
        int size = DigitPreprocessor.SIZE * DigitPreprocessor.SIZE;
        byte[] px = new byte[ds.size() * size];
        byte[] lb = new byte[ds.size()];
        for (int i = 0; i < ds.size(); i++) {
            System.arraycopy(ds.get(i).pixels(), 0, px, i * size, size);
            lb[i] = (byte) ds.get(i).label();
        }
        return new Dataset(name, ds.size(), DigitPreprocessor.SIZE, DigitPreprocessor.SIZE, px, lb);
    }

    public static List<Digit> toDigits(Dataset d) {
        ArrayList<Digit> out = new ArrayList<>(d.count());
        for (int i = 0; i < d.count(); i++) {
            out.add(new Digit(d.image(i), d.label(i)));
        }
        return out;
    }

    /**
     * Opens {@code dir}: its digits replace these (a folder without My digits files is a new,
     * empty set). On failure nothing changes.
     */
    public void open(Path dir) throws DataException {
        Dataset d = MyDigitsFiles.load(dir);
        digits.setAll(toDigits(d));
        folder.set(dir);
        saveError.set(null);
        saved.set(true);
    }

    /**
     * Keeps the digits in {@code dir} from now on and writes them there now.
     *
     * @throws IOException if they cannot be written (the folder stays as it was)
     */
    public void saveTo(Path dir) throws IOException {
        MyDigitsFiles.save(dir, dataset());
        folder.set(dir);
        saveError.set(null);
        saved.set(true);
    }

    /** Writes to the current folder again (after a failed write); false if there is none or it fails. */
    public boolean save() {
        if (folder.get() == null) {
            return false;
        }
        try {
            MyDigitsFiles.save(folder.get(), dataset());
            saveError.set(null);
            saved.set(true);
            return true;
        } catch (IOException e) {
            saveError.set(e.getMessage() == null ? e.toString() : e.getMessage());
            saved.set(false);
            return false;
        }
    }

    /**
     * Makes one change to the list and writes it. Not saved before the listeners hear of it, so
     * nothing shows "saved" for a change that is not written yet; written even if a listener fails.
     */
    private void change(Runnable edit) {
        saved.set(false);
        try {
            edit.run();
        } finally {
            if (folder.get() != null) {
                save();
            }
        }
    }
}
