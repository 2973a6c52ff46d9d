package org.cnnexplorer.draw;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MNIST test digits sent through the drawing canvas's pipeline: each 28x28 image is enlarged to the
 * canvas's 280x280, preprocessed the MNIST way as a drawing is (crop, 20-pixel box, centre of
 * mass) and classified by the shipped model. If the pipeline matches MNIST's own preprocessing,
 * the model reads them about as well as the original images.
 *
 * <p>How the digit is enlarged matters: bilinear interpolation blurs (area-averaging it back down
 * does not give the original pixels), which costs a couple of points; Catmull-Rom bicubic keeps the
 * edges sharp, like a pen stroke. The assertion uses bicubic; both figures are printed.
 */
class CanvasPipelineTest {
    static final int CANVAS = 280;
    static final int COUNT = 1000;
    static Network net;
    static Dataset test;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = CanvasPipelineTest.class.getResourceAsStream("/assets/models/mnist-cnn.npz")) {
            assertNotNull(in, "the pre-trained model is not on the class path");
            net = NpzModel.load(in, "mnist-cnn.npz");
        }
        test = MnistFiles.loadBundled().test();
    }

    @Test
    void shippedModelReadsCanvasRenderedTestDigits() {
        int original = 0;
        for (int i = 0; i < COUNT; i++) {
            if (Network.argmax(net.forward(test.pixels(), test.offset(i))) == test.label(i)) {
                original++;
            }
        }
        int bicubic = agreement(small -> Upscale.bicubic(small, 28, 28, CANVAS, CANVAS));
        int bilinear = agreement(small -> Upscale.bilinear(small, 28, 28, CANVAS, CANVAS));
        System.out.printf("canvas pipeline on the first %d test digits: bicubic %.1f%%, bilinear %.1f%%; original images %.1f%%%n",
                COUNT, 100.0 * bicubic / COUNT, 100.0 * bilinear / COUNT, 100.0 * original / COUNT);
        assertTrue(bicubic >= 0.95 * COUNT, "bicubic agreement " + bicubic + " of " + COUNT);
        assertTrue(bilinear >= 0.93 * COUNT, "bilinear agreement " + bilinear + " of " + COUNT);
    }

    /** How many of the first COUNT test digits, enlarged by {@code upscale}, the model reads right. */
    private static int agreement(UnaryOperator<double[]> upscale) {
        int agree = 0;
        for (int i = 0; i < COUNT; i++) {
            double[] small = new double[28 * 28];
            for (int p = 0; p < small.length; p++) {
                small[p] = (test.pixels()[test.offset(i) + p] & 0xff) / 255.0;
            }
            double[] canvas = upscale.apply(small);
            net.setInput(DigitPreprocessor.toScaled(DigitPreprocessor.toMnist(canvas, CANVAS, CANVAS)));
            if (Network.argmax(net.forward()) == test.label(i)) {
                agree++;
            }
        }
        return agree;
    }
}
