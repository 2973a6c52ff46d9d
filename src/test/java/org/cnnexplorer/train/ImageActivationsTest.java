package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;
import org.junit.jupiter.api.Test;

/** The views' copy of one image's forward pass and max-pool routing. */
class ImageActivationsTest {
    private static byte[] digitLike(long seed) {
        // a flat background with a random blob of ink, so that both ties and single maxima occur
        Random r = new Random(seed);
        byte[] px = new byte[28 * 28];
        for (int y = 6; y < 22; y++) {
            for (int x = 8; x < 20; x++) {
                if (r.nextInt(3) > 0) {
                    px[y * 28 + x] = (byte) (60 + r.nextInt(196));
                }
            }
        }
        return px;
    }

    @Test
    void copiesTheForwardPassAndRoutesTheGradientToTheMaxima() {
        Network net = new Network(8, 1);
        double[] filtersBefore = net.conv.filters().clone();
        double[] weightsBefore = net.softmax.weights().clone();
        byte[] px = digitLike(3);
        ImageActivations a = ImageActivations.of(net, px, 0, 7);

        Network ref = new Network(8, 1);
        double[] probs = ref.forward(px, 0);
        assertArrayEquals(probs, a.probabilities(), 0);
        Tensor conv = ref.conv.forward(ref.input());
        assertArrayEquals(conv.data, a.conv(), 0);
        assertArrayEquals(ref.pool.forward(conv).data, a.pooled(), 0);
        assertArrayEquals(filtersBefore, net.conv.filters(), 0, "no weight may change");
        assertArrayEquals(weightsBefore, net.softmax.weights(), 0);
        assertEquals(7, a.label());
        assertEquals(Network.argmax(probs), a.predicted());

        int ties = 0;
        for (int f = 0; f < 8; f++) {
            ties += a.tieCount(f);
            for (int y = 0; y < 26; y++) {
                for (int x = 0; x < 26; x++) {
                    double routed = a.dLdConv()[a.convOffset(f) + y * 26 + x];
                    double incoming = a.dLdPooled()[a.pooledOffset(f) + (y / 2) * 13 + x / 2];
                    double max = a.pooled()[a.pooledOffset(f) + (y / 2) * 13 + x / 2];
                    boolean isMax = a.conv()[a.convOffset(f) + y * 26 + x] == max;
                    assertEquals(isMax, a.isMax(f, y, x));
                    assertEquals(isMax ? incoming : 0.0, routed, 0, "the article's rule: every max gets the gradient");
                }
            }
        }
        assertTrue(ties > 0, "flat background makes ties");
        assertTrue(a.maxAbsIncoming() > 0);
    }

    @Test
    void firstMaxOnlyRoutesToOnePositionPerBlock() {
        Network net = new Network(4, 2);
        net.pool.setFirstMaxOnly(true);
        ImageActivations a = ImageActivations.of(net, digitLike(5), 0, 2);
        assertTrue(a.firstMaxOnly());
        for (int f = 0; f < 4; f++) {
            for (int i = 0; i < 13; i++) {
                for (int j = 0; j < 13; j++) {
                    int receivers = 0;
                    for (int k = 0; k < 4; k++) {
                        int y = 2 * i + k / 2;
                        int x = 2 * j + k % 2;
                        if (a.receivesGradient(f, y, x)) {
                            receivers++;
                            assertEquals(a.dLdPooled()[a.pooledOffset(f) + i * 13 + j], a.dLdConv()[a.convOffset(f) + y * 26 + x], 0);
                        } else {
                            assertEquals(0.0, a.dLdConv()[a.convOffset(f) + y * 26 + x], 0);
                        }
                    }
                    assertEquals(1, receivers);
                }
            }
        }
    }

    @Test
    void unknownLabelGivesNoGradient() {
        ImageActivations a = ImageActivations.of(new Network(2, 1), digitLike(1), 0, -1);
        for (double d : a.dLdConv()) {
            assertEquals(0.0, d);
        }
        assertEquals(10, a.probabilities().length);
    }
}
