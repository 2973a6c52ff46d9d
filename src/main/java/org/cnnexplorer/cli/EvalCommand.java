package org.cnnexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.DataFolder;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;

/** {@code eval}: a saved model on the test set, printing the same two lines as {@code train}. */
final class EvalCommand {
    static final String HELP = """
            usage: eval [--model FILE.npz] [--data DIR] [--test N|all]

            Tests a saved model and prints "Test Loss" and "Test Accuracy" as train does.

              --model FILE.npz   the model (NumPy .npz: conv_filters, softmax_weights, softmax_biases);
                                 without it, the pre-trained model bundled in the jar
              --data DIR         folder with the MNIST IDX files (its test set), or pictures in
                                 subfolders 0/ to 9/ (all of them; test/ if it has one), or a
                                 My digits folder (all of it); default: bundled MNIST
              --test N|all       test images: the first N of an IDX test set (default 1000); of a
                                 picture or My digits folder, N spread over it (default all)
            """;

    private EvalCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException, HelpRequested, DataException, ModelFileException {
        Options o = Options.parse("eval", args, 1, Set.of("model", "data", "test"), Set.of());
        o.noMorePositional("eval", 0);
        Path model = o.path("model");
        Path data = o.path("data");
        boolean oneSet = DataFolder.isOneSet(data);
        int testN = o.countOrAll("test", oneSet ? DataArgs.ALL : 1000, DataArgs.ALL);
        Network net = DataArgs.loadModel(model);
        Dataset test = DataArgs.loadTest(data, err::println);
        DataArgs.checkCount("test", testN, test, "test");
        EvalResult r = Evaluator.evaluate(net, DataArgs.take(test, testN, oneSet));
        out.println("Test Loss: " + PyFloat.repr(r.loss()));
        out.println("Test Accuracy: " + PyFloat.repr(r.accuracy()));
        return 0;
    }
}
