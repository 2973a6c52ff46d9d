package org.cnnexplorer.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.DataFolder;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.Datasets;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.io.PretrainedModel;
import org.cnnexplorer.nn.Network;

/** Loading --data and taking the first N images of a set, with the checks the commands share. */
final class DataArgs {
    static final int ALL = -1;

    private DataArgs() {
    }

    /**
     * The training and test sets of a --data folder (MNIST IDX files, pictures in class folders,
     * or My digits; see {@link DataFolder}), or the bundled MNIST; the images must be 28x28 like
     * the network's. {@code seed} picks the held-out test images of a one-set folder; each skipped
     * picture and each folder's summary go to {@code notes}.
     */
    static MnistFiles.Split load(Path dir, long seed, Consumer<String> notes) throws DataException {
        MnistFiles.Split split = DataFolder.forTraining(dir, seed, notes);
        for (Dataset d : new Dataset[] {split.train(), split.test()}) {
            check28(d, split.source());
        }
        return split;
    }

    /** The set to test on: an IDX folder's test set, or every picture of a picture or My digits folder. */
    static Dataset loadTest(Path dir, Consumer<String> notes) throws DataException {
        Dataset d = DataFolder.forTesting(dir, notes);
        check28(d, dir == null ? "bundled MNIST" : dir.toString());
        return d;
    }

    private static void check28(Dataset d, String source) throws DataException {
        if (d.rows() != 28 || d.cols() != 28) {
            throw new DataException(source + ": the images are " + d.rows() + "x" + d.cols()
                    + "; the network and its model files are for 28x28 images like MNIST's");
        }
    }

    /**
     * The first n images of an IDX set; of a one-set folder (stored digit by digit) n images
     * spread evenly over it, so that every digit is in the sample.
     */
    static Dataset take(Dataset d, int n, boolean oneSet) {
        return oneSet ? Datasets.spread(d, n) : head(d, n);
    }

    /** Fails with a usage error if {@code --option n} asks for more images than there are. */
    static void checkCount(String option, int n, Dataset d, String what) throws UsageException {
        if (n != ALL && n > d.count()) {
            throw new UsageException("--" + option + " " + n + " is more than the " + d.count() + " " + what
                    + " images there are; use --" + option + " all");
        }
    }

    static Dataset head(Dataset d, int n) {
        return n == ALL ? d : d.head(n);
    }

    /** The model in a file, or the pre-trained model bundled in the jar when no file is given. */
    static Network loadModel(Path model) throws ModelFileException {
        if (model != null) {
            return NpzModel.load(model);
        }
        Network bundled = PretrainedModel.load();
        if (bundled == null) {
            throw new ModelFileException("the bundled pre-trained model is missing; pass --model FILE.npz");
        }
        return bundled;
    }
}
