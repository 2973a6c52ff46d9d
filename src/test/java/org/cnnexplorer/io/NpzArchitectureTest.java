package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

/** Model files of the other architectures: arrays named per layer, a relu flag, clear refusals. */
class NpzArchitectureTest {

    private static Network roundTrip(Network net) throws Exception {
        return NpzModelTest.load(NpzModel.toBytes(net));
    }

    private static void sameWeights(Network a, Network b) {
        assertEquals(a.params().size(), b.params().size());
        for (int p = 0; p < a.params().size(); p++) {
            assertArrayEquals(a.params().get(p).value(), b.params().get(p).value(), a.params().get(p).name());
        }
    }

    @Test
    void twoLayerReluModelRoundTrips() throws Exception {
        Network net = new Network(new Architecture(8, 16, true, Init.HE), 28, 28, new Random(3));
        Map<String, Npy> arrays = NpzModel.readArrays(NpzModel.toBytes(net), "m");
        assertEquals(List.of("conv1_filters", "conv2_filters", "softmax_weights", "softmax_biases", "relu"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new int[] {16, 8, 3, 3}, arrays.get("conv2_filters").shape());
        assertArrayEquals(new int[] {12 * 12 * 16, 10}, arrays.get("softmax_weights").shape());
        // The article's (H, W, C) rows: row (i * 12 + j) * 16 + f is pooled cell (f, i, j).
        int f = 5;
        int i = 3;
        int j = 7;
        int k = 2;
        double engine = net.softmax.weights()[k * net.softmax.inputLen + (f * 12 + i) * 12 + j];
        assertEquals(engine, arrays.get("softmax_weights").data()[((i * 12 + j) * 16 + f) * 10 + k]);
        Network back = roundTrip(net);
        assertTrue(back.arch.sameLayers(net.arch));
        sameWeights(net, back);
        byte[] img = new byte[784];
        new Random(1).nextBytes(img);
        assertArrayEquals(net.forward(img, 0), back.forward(img, 0));
    }

    @Test
    void oneLayerReluAndTwoLayersWithoutRelu() throws Exception {
        Network relu = new Network(new Architecture(6, 0, true, Init.GLOROT), 28, 28, new Random(4));
        Map<String, Npy> a = NpzModel.readArrays(NpzModel.toBytes(relu), "m");
        assertEquals(List.of("conv_filters", "softmax_weights", "softmax_biases", "relu"), List.copyOf(a.keySet()));
        Network back = roundTrip(relu);
        assertEquals(new Architecture(6, 0, true, Init.ARTICLE), back.arch);
        sameWeights(relu, back);

        Network plain2 = new Network(new Architecture(3, 4, false, Init.ARTICLE), 28, 28, new Random(5));
        Map<String, Npy> b = NpzModel.readArrays(NpzModel.toBytes(plain2), "m");
        assertEquals(List.of("conv1_filters", "conv2_filters", "softmax_weights", "softmax_biases"), List.copyOf(b.keySet()));
        sameWeights(plain2, roundTrip(plain2));
    }

    @Test
    void theArticlesLayoutIsUnchanged() throws Exception {
        Network net = new Network(8, 1);
        Map<String, Npy> a = NpzModel.readArrays(NpzModel.toBytes(net), "m");
        assertEquals(List.of("conv_filters", "softmax_weights", "softmax_biases"), List.copyOf(a.keySet()));
        assertTrue(roundTrip(net).arch.isArticleShape());
    }

    @Test
    void refusesFilesThatMatchNoArchitecture() throws Exception {
        Network two = new Network(new Architecture(4, 6, true, Init.HE), 28, 28, new Random(3));
        Map<String, Npy> mixed = NpzModel.readArrays(NpzModel.toBytes(two), "m");
        mixed.put("conv_filters", new Npy(new int[] {4, 3, 3}, new double[36]));
        ModelFileException e = assertThrows(ModelFileException.class, () -> NpzModelTest.load(NpzModelTest.npz(mixed)));
        assertEquals("model.npz mixes two layouts: it has conv_filters (one convolution) and conv1_filters (two); keep one", e.getMessage());

        Map<String, Npy> noSecond = NpzModel.readArrays(NpzModel.toBytes(two), "m");
        noSecond.remove("conv2_filters");
        e = assertThrows(ModelFileException.class, () -> NpzModelTest.load(NpzModelTest.npz(noSecond)));
        assertTrue(e.getMessage().startsWith("model.npz has no conv2_filters array"), e.getMessage());

        Map<String, Npy> wrongChannels = NpzModel.readArrays(NpzModel.toBytes(two), "m");
        wrongChannels.put("conv2_filters", new Npy(new int[] {6, 5, 3, 3}, new double[270]));
        e = assertThrows(ModelFileException.class, () -> NpzModelTest.load(NpzModelTest.npz(wrongChannels)));
        assertTrue(e.getMessage().startsWith("model.npz: conv2_filters has shape (6, 5, 3, 3), expected (F2, 4, 3, 3)"), e.getMessage());

        Map<String, Npy> wrongRows = NpzModel.readArrays(NpzModel.toBytes(two), "m");
        wrongRows.put("softmax_weights", new Npy(new int[] {13 * 13 * 6, 10}, new double[13 * 13 * 60]));
        e = assertThrows(ModelFileException.class, () -> NpzModelTest.load(NpzModelTest.npz(wrongRows)));
        assertTrue(e.getMessage().startsWith("model.npz: softmax_weights has shape (1014, 10), expected (864, 10)"), e.getMessage());

        Map<String, Npy> badRelu = NpzModel.readArrays(NpzModel.toBytes(two), "m");
        badRelu.put("relu", new Npy(new int[] {1}, new double[] {0.5}));
        e = assertThrows(ModelFileException.class, () -> NpzModelTest.load(NpzModelTest.npz(badRelu)));
        assertTrue(e.getMessage().startsWith("model.npz: relu must be one value"), e.getMessage());
    }
}
