package org.cnnexplorer.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

/** The window's gradient check on a two-layer ReLU network: the second layer's filters included. */
class GradientCheckerArchitectureTest {
    @Test
    void everyKindOfWeightPassesOnATwoLayerReluNetwork() {
        Network net = new Network(new Architecture(4, 6, true, Init.HE), 28, 28, new Random(8));
        double[] x = GradientChecker.withNoise(BackpropTraceTest.barImage(), 1e-2, 5);
        List<WeightRef> refs = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            for (int c = 0; c < 4; c++) {
                refs.add(WeightRef.filter2(f, c, (f + c) % 3, c % 3));
            }
        }
        for (int f = 0; f < 4; f++) {
            refs.add(WeightRef.filter(f, 1, 2));
        }
        List<WeightRef> random = WeightRef.random(net, 40, new Random(3));
        assertTrue(random.stream().anyMatch(r -> r.kind() == WeightRef.Kind.CONV2_FILTER));
        refs.addAll(random);
        int pass = 0;
        for (GradientChecker.Result r : GradientChecker.check(net, x, 6, refs)) {
            assertTrue(r.status() != GradientChecker.Status.FAIL, r.toString());
            if (r.status() == GradientChecker.Status.PASS) {
                pass++;
            }
        }
        assertTrue(pass >= refs.size() - 3, pass + " of " + refs.size());
        assertEquals("layer 2 filter 2, channel 3 (1, 0)", WeightRef.filter2(1, 2, 1, 0).label());
    }

    @Test
    void aSecondLayerWeightNeedsASecondLayer() {
        Network one = new Network(8, 1);
        assertThrows(IllegalArgumentException.class, () -> WeightRef.filter2(0, 0, 0, 0).validate(one));
        Network two = new Network(new Architecture(4, 6, false, Init.ARTICLE), 28, 28, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> WeightRef.filter2(0, 4, 0, 0).validate(two));
        WeightRef.filter2(5, 3, 2, 2).validate(two);
        // Softmax weights index the pooled channels: the second layer's 6.
        WeightRef.weight(5, 11, 11, 9).validate(two);
        assertThrows(IllegalArgumentException.class, () -> WeightRef.weight(6, 0, 0, 0).validate(two));
    }
}
