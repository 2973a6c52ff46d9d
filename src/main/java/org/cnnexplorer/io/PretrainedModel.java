package org.cnnexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import org.cnnexplorer.nn.Network;

/**
 * The model that ships inside the jar (assets/models/mnist-cnn.npz, trained with the command line on
 * the full MNIST for the article's 3 epochs), so the drawing canvas reads digits before any training.
 */
public final class PretrainedModel {
    public static final String RESOURCE = "/assets/models/mnist-cnn.npz";
    public static final String NAME = "pre-trained (full MNIST, 3 epochs)";

    private PretrainedModel() {
    }

    /** The shipped model, or null if it is missing from the class path. */
    public static Network load() throws ModelFileException {
        try (InputStream in = PretrainedModel.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : NpzModel.load(in, "the bundled model");
        } catch (IOException e) {
            throw new ModelFileException("cannot read the bundled model: " + e.getMessage(), e);
        }
    }
}
