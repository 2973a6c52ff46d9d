package org.cnnexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.io.ImageInk;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.nn.Network;

/** {@code predict}: which digit a picture shows, after MNIST's own preprocessing. */
final class PredictCommand {
    static final String HELP = """
            usage: predict [--model FILE.npz] IMAGE.png

            Reads a picture of one digit (any size; dark on light or light on dark), crops it to
            the ink, scales it to 20 pixels, centres it in 28x28 as MNIST did, and prints the
            prediction, then the probability of each digit.

              --model FILE.npz   the model (NumPy .npz: conv_filters, softmax_weights, softmax_biases);
                                 without it, the pre-trained model bundled in the jar
            """;

    private PredictCommand() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, HelpRequested, ModelFileException, CommandFailedException {
        Options o = Options.parse("predict", args, 1, Set.of("model"), Set.of());
        o.noMorePositional("predict", 1);
        Path model = o.path("model");
        if (o.positional().isEmpty()) {
            throw new UsageException("predict needs an image file, e.g. predict --model model.npz digit.png");
        }
        Path image = Path.of(o.positional().get(0));
        Network net = DataArgs.loadModel(model);
        ImageInk.Ink ink;
        try {
            ink = ImageInk.read(image);
        } catch (ImageInk.ImageException e) {
            throw new CommandFailedException(e.getMessage());
        }
        DigitPreprocessor.Prepared p = ink.blank() ? null : DigitPreprocessor.prepare(ink.values(), ink.width(), ink.height());
        if (p == null || p.empty()) {
            throw new CommandFailedException(image + " looks blank: no digit stands out from the background");
        }
        double[] probs = net.forward(DigitPreprocessor.toBytes(p.pixels()), 0);
        int best = Network.argmax(probs);
        out.printf(Locale.ROOT, "Prediction: %d (%.1f%%)%n", best, 100 * probs[best]);
        for (int k = 0; k < probs.length; k++) {
            out.printf(Locale.ROOT, "%d: %.4f%n", k, probs[k]);
        }
        return 0;
    }
}
