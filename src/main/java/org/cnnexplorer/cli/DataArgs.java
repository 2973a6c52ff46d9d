package org.cnnexplorer.cli;

import java.nio.file.Path;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.Dataset;
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

    /** The folder's MNIST files, or the bundled MNIST; the images must be 28x28 like the network's. */
    static MnistFiles.Split load(Path dir) throws DataException {
        return MnistFiles.requireMnistSize(MnistFiles.load(dir));
    }

    /** Only the test set (eval needs no training images), with the same checks. */
    static Dataset loadTest(Path dir) throws DataException {
        Dataset test = MnistFiles.loadTest(dir);
        MnistFiles.requireMnistSize(dir == null ? "bundled MNIST" : dir.toString(), test);
        return test;
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
