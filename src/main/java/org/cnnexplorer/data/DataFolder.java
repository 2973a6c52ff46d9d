package org.cnnexplorer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a {@code --data} folder holds, and its training and test sets. Three layouts are read:
 * <ul>
 *   <li>MNIST's four IDX files (Fashion-MNIST too): its own training and test sets;</li>
 *   <li>a My digits folder ({@link MyDigitsFiles}): one set;</li>
 *   <li>pictures in class folders {@code 0/} … {@code 9/} ({@link ImageFolder}): one set, or
 *       {@code train/} and {@code test/} subfolders laid out that way.</li>
 * </ul>
 * A folder of one set is held out from for testing when it is trained on (see
 * {@link Datasets#holdOut}) and tested on whole. Every picture skipped and a summary of each
 * folder read go to {@code notes}, one line each.
 */
public final class DataFolder {
    /** Share of a one-set folder held out as the test set when training on it. */
    public static final double HOLD_OUT = 0.2;
    /** Skipped pictures named one by one at most; the rest are counted in one line. */
    public static final int MAX_NOTED = 50;

    private DataFolder() {
    }

    /** Whether {@code dir} has any of MNIST's IDX file names (raw or gzipped). */
    public static boolean isIdxFolder(Path dir) {
        for (String base : new String[] {MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS}) {
            String dotted = base.replace("-idx", ".idx");
            for (String n : new String[] {base, base + ".gz", dotted, dotted + ".gz"}) {
                if (Files.isRegularFile(dir.resolve(n))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The sets to train and test on: an IDX folder's own two, a picture folder's {@code train/}
     * and {@code test/}, or a one-set folder with {@code HOLD_OUT} of it held out by {@code seed}.
     * A null folder is the bundled MNIST.
     */
    public static MnistFiles.Split forTraining(Path dir, long seed, Consumer<String> notes) throws DataException {
        if (dir == null || isIdxFolder(dir)) {
            return MnistFiles.load(dir);
        }
        requireFolder(dir);
        Path trainDir = dir.resolve("train");
        Path testDir = dir.resolve("test");
        if (Files.isDirectory(trainDir) && ImageFolder.hasClassFolders(trainDir)) {
            if (ImageFolder.hasClassFolders(dir)) {
                notes.accept("note: " + dir + " has train/ and also class folders at the top; training on train/ and ignoring the others");
            }
            Dataset train = pictures(trainDir, notes);
            if (Files.isDirectory(testDir)) {
                return new MnistFiles.Split(train, pictures(testDir, notes), dir.toString());
            }
            return holdOut(train, seed, dir + "/train", notes);
        }
        if (Files.isDirectory(testDir) && !ImageFolder.hasClassFolders(dir)) {
            throw new DataException(dir + " has test/ but no train/ with class folders 0 to 9 to train on");
        }
        return holdOut(oneSet(dir, notes), seed, dir.toString(), notes);
    }

    /**
     * The set to test on: an IDX folder's test set, a picture folder's {@code test/} if it has
     * one, else every picture (or every My digits image) in it. A null folder is MNIST's test set.
     */
    public static Dataset forTesting(Path dir, Consumer<String> notes) throws DataException {
        if (dir == null || isIdxFolder(dir)) {
            // the test set alone: decoding the 60,000 training images would triple eval's time
            return MnistFiles.loadTest(dir);
        }
        requireFolder(dir);
        Path testDir = dir.resolve("test");
        if (!ImageFolder.hasClassFolders(dir) && Files.isDirectory(testDir) && ImageFolder.hasClassFolders(testDir)) {
            return pictures(testDir, notes);
        }
        return oneSet(dir, notes);
    }

    /** Whether a --data folder is a one-set folder whose images come in folder order (class by class). */
    public static boolean isOneSet(Path dir) {
        return dir != null && !isIdxFolder(dir);
    }

    private static Dataset oneSet(Path dir, Consumer<String> notes) throws DataException {
        if (MyDigitsFiles.isMyDigitsFolder(dir)) {
            Dataset d = MyDigitsFiles.load(dir);
            if (d.count() == 0) {
                throw new DataException(dir + " holds no digits yet");
            }
            return d;
        }
        if (ImageFolder.hasClassFolders(dir)) {
            return pictures(dir, notes);
        }
        throw new DataException(dir + " is neither an MNIST folder (train-images-idx3-ubyte and the other three IDX files) "
                + "nor a folder of pictures in subfolders 0 to 9 nor a My digits folder");
    }

    private static Dataset pictures(Path dir, Consumer<String> notes) throws DataException {
        ImageFolder.Result r = ImageFolder.read(dir);
        int named = 0;
        for (ImageFolder.Skipped s : r.skipped()) {
            if (named++ < MAX_NOTED) {
                notes.accept("skipped " + dir.resolve(s.file()) + ": " + s.reason());
            }
        }
        if (r.skipped().size() > MAX_NOTED) {
            notes.accept(String.format(Locale.ROOT, "skipped %,d more files not listed here", r.skipped().size() - MAX_NOTED));
        }
        notes.accept(dir + ": " + r.summary());
        if (r.dataset().count() == 0) {
            throw new DataException(dir + " has no usable pictures: " + r.summary());
        }
        return r.dataset();
    }

    private static MnistFiles.Split holdOut(Dataset all, long seed, String source, Consumer<String> notes) throws DataException {
        MnistFiles.Split s = Datasets.holdOut(all, HOLD_OUT, seed, source);
        notes.accept(String.format(Locale.ROOT, "holding out %,d of %,d images (%.0f%% of each digit, seed %d) as the test set",
                s.test().count(), all.count(), 100 * HOLD_OUT, seed));
        return s;
    }

    private static void requireFolder(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder; expected MNIST's IDX files or pictures in subfolders 0 to 9");
        }
    }
}
