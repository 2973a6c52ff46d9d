package org.cnnexplorer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnexplorer.io.AtomicFile;

/**
 * A "My digits" folder: one set of 28x28 images as a pair of IDX files,
 * {@code my-digits-images-idx3-ubyte} and {@code my-digits-labels-idx1-ubyte}, the format of
 * MNIST's own files, so any MNIST reader (numpy included) opens them.
 */
public final class MyDigitsFiles {
    public static final String IMAGES = "my-digits-images-idx3-ubyte";
    public static final String LABELS = "my-digits-labels-idx1-ubyte";

    private MyDigitsFiles() {
    }

    /** Whether {@code dir} holds a My digits image file. */
    public static boolean isMyDigitsFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(IMAGES));
    }

    /** The set in {@code dir}; an empty set when the folder has neither file yet (a new folder). */
    public static Dataset load(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder");
        }
        Path ip = dir.resolve(IMAGES);
        Path lp = dir.resolve(LABELS);
        boolean hasImages = Files.isRegularFile(ip);
        boolean hasLabels = Files.isRegularFile(lp);
        if (!hasImages && !hasLabels) {
            return empty(name(dir));
        }
        if (!hasImages || !hasLabels) {
            throw new DataException(dir + " has " + (hasImages ? IMAGES : LABELS) + " but not " + (hasImages ? LABELS : IMAGES)
                    + "; a My digits folder needs both");
        }
        Idx.Images im;
        byte[] lb;
        try (InputStream in = Files.newInputStream(ip); InputStream lin = Files.newInputStream(lp)) {
            im = Idx.readImages(in, IMAGES);
            lb = Idx.readLabels(lin, LABELS);
        } catch (IOException e) {
            throw new DataException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (im.count() != lb.length) {
            throw new DataException(dir + ": " + IMAGES + " has " + im.count() + " images but " + LABELS + " has " + lb.length + " labels");
        }
        if (im.rows() != DigitPreprocessor.SIZE || im.cols() != DigitPreprocessor.SIZE) {
            throw new DataException(dir + ": the images are " + im.rows() + "x" + im.cols() + ", not 28x28");
        }
        return new Dataset(name(dir), im.count(), im.rows(), im.cols(), im.pixels(), lb);
    }

    /**
     * Writes {@code d} into {@code dir}, each file through a temporary file renamed into place.
     * Both files are checked for writability first, so a save that cannot work changes nothing.
     */
    public static void save(Path dir, Dataset d) throws IOException {
        for (String f : new String[] {IMAGES, LABELS}) {
            String why = AtomicFile.whyNotWritable(dir.resolve(f));
            if (why != null) {
                throw new IOException(why);
            }
        }
        // Labels last: a reader that finds new images with old labels reports the counts disagree.
        AtomicFile.write(dir.resolve(IMAGES), Idx.imagesFile(d));
        AtomicFile.write(dir.resolve(LABELS), Idx.labelsFile(d));
    }

    public static Dataset empty(String name) {
        return new Dataset(name, 0, DigitPreprocessor.SIZE, DigitPreprocessor.SIZE, new byte[0], new byte[0]);
    }

    private static String name(Path dir) {
        return dir.getFileName() == null ? "my digits" : dir.getFileName().toString();
    }
}
