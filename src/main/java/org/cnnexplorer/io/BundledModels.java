package org.cnnexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.cnnexplorer.nn.Network;

/**
 * The models packed into the jar beside the article's (assets/models, see its README for the
 * commands that trained them), so an installed app, which has no such folder on disk, can open
 * them too (File › Open bundled model).
 */
public final class BundledModels {
    /** One shipped model: its resource, a title for the menu, and its accuracy on the 10,000 test images. */
    public record Entry(String resource, String title, double testAccuracy) {
        public String fileName() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }
    }

    public static final List<Entry> ALL = List.of(
            new Entry(PretrainedModel.RESOURCE, "The article's network (8 filters)", 0.9712),
            new Entry("/assets/models/mnist-cnn-relu16-he.npz", "ReLU, 16 filters, He initialisation", 0.9768),
            new Entry("/assets/models/mnist-cnn-2conv-relu-he.npz", "Two convolutions (8, 16), ReLU, He", 0.9841),
            new Entry("/assets/models/mnist-cnn-2conv-relu-he-tuned.npz",
                    "Two convolutions, then 2 epochs more at a lower rate on augmented images", 0.9873));

    private BundledModels() {
    }

    public static Network load(Entry e) throws ModelFileException {
        try (InputStream in = BundledModels.class.getResourceAsStream(e.resource())) {
            if (in == null) {
                throw new ModelFileException(e.fileName() + " is missing from the application");
            }
            return NpzModel.load(in, e.fileName());
        } catch (IOException ex) {
            throw new ModelFileException("cannot read " + e.fileName() + ": " + ex.getMessage(), ex);
        }
    }
}
