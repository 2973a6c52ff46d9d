package org.cnnexplorer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and loads an MNIST-style folder: train-images-idx3-ubyte, train-labels-idx1-ubyte,
 * t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each raw or with ".gz". Without a folder it
 * loads the bundled copy: {@code assets/mnist} below the working directory, else the copy
 * packed into the jar.
 */
public final class MnistFiles {
    public static final String BUNDLED_RESOURCE = "/assets/mnist/";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private MnistFiles() {
    }

    /** The training and test sets of one folder. */
    public record Split(Dataset train, Dataset test, String source) {
    }

    public static Split loadBundled() throws DataException {
        Path local = Path.of("assets", "mnist");
        if (Files.isRegularFile(local.resolve(TRAIN_IMAGES + ".gz"))) {
            return load(local);
        }
        return new Split(
                resource(TRAIN_IMAGES, TRAIN_LABELS, "MNIST train"),
                resource(TEST_IMAGES, TEST_LABELS, "MNIST test"),
                "bundled MNIST");
    }

    /** Loads a folder, or the bundled set when {@code dir} is null. */
    public static Split load(Path dir) throws DataException {
        if (dir == null) {
            return loadBundled();
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder; expected a folder with the four MNIST IDX files");
        }
        return new Split(
                pair(dir, TRAIN_IMAGES, TRAIN_LABELS, "train"),
                pair(dir, TEST_IMAGES, TEST_LABELS, "test"),
                dir.toString());
    }

    /**
     * The split itself if its images are 28x28 like MNIST's: the network, its model files and the
     * views are built for that size (other sizes belong to a later feature), so the command line
     * and the window both turn other sizes away with this message.
     */
    public static Split requireMnistSize(Split split) throws DataException {
        requireMnistSize(split.source(), split.train());
        requireMnistSize(split.source(), split.test());
        return split;
    }

    /** The same check for one set ({@code source} names it in the message). */
    public static void requireMnistSize(String source, Dataset d) throws DataException {
        if (d.rows() != 28 || d.cols() != 28) {
            throw new DataException(source + ": the images are " + d.rows() + "x" + d.cols()
                    + "; the network and its model files are for 28x28 images like MNIST's");
        }
    }

    /**
     * Only the test set of a folder, or of the bundled MNIST when {@code dir} is null: what
     * evaluation needs, without decoding the 60,000 training images.
     */
    public static Dataset loadTest(Path dir) throws DataException {
        if (dir == null) {
            Path local = Path.of("assets", "mnist");
            if (Files.isRegularFile(local.resolve(TEST_IMAGES + ".gz"))) {
                return pair(local, TEST_IMAGES, TEST_LABELS, "test");
            }
            return resource(TEST_IMAGES, TEST_LABELS, "MNIST test");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder; expected a folder with the four MNIST IDX files");
        }
        return pair(dir, TEST_IMAGES, TEST_LABELS, "test");
    }

    private static Dataset pair(Path dir, String images, String labels, String name) throws DataException {
        Path ip = find(dir, images);
        Path lp = find(dir, labels);
        Idx.Images im;
        byte[] lb;
        try (InputStream in = Files.newInputStream(ip)) {
            im = Idx.readImages(in, ip.getFileName().toString());
        } catch (IOException e) {
            throw new DataException("cannot read " + ip + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(lp)) {
            lb = Idx.readLabels(in, lp.getFileName().toString());
        } catch (IOException e) {
            throw new DataException("cannot read " + lp + ": " + e.getMessage(), e);
        }
        return combine(name, im, lb, ip.getFileName() + " and " + lp.getFileName());
    }

    private static Path find(Path dir, String base) throws DataException {
        for (String candidate : new String[] {base, base + ".gz", base.replace("-idx", ".idx"), base.replace("-idx", ".idx") + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException(dir + " has no " + base + " (or " + base + ".gz); expected the four MNIST IDX files");
    }

    private static Dataset resource(String images, String labels, String name) throws DataException {
        Idx.Images im;
        byte[] lb;
        try (InputStream in = open(images); InputStream lin = open(labels)) {
            im = Idx.readImages(in, images);
            lb = Idx.readLabels(lin, labels);
        } catch (IOException e) {
            throw new DataException("cannot read the bundled MNIST: " + e.getMessage(), e);
        }
        return combine(name, im, lb, images + " and " + labels);
    }

    private static InputStream open(String base) throws DataException {
        InputStream in = MnistFiles.class.getResourceAsStream(BUNDLED_RESOURCE + base + ".gz");
        if (in == null) {
            throw new DataException("the bundled MNIST is missing (" + base + ".gz); pass --data DIR with the IDX files");
        }
        return in;
    }

    private static Dataset combine(String name, Idx.Images im, byte[] lb, String files) throws DataException {
        if (im.count() != lb.length) {
            throw new DataException(files + " disagree: " + im.count() + " images but " + lb.length + " labels");
        }
        return new Dataset(name, im.count(), im.rows(), im.cols(), im.pixels(), lb);
    }
}
