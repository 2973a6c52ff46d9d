package org.cnnexplorer.explain;

import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.Tensor;

/**
 * How much each input pixel pushes the predicted class's probability: dp_k/dx for the predicted
 * class k. Backprop of L = -ln p_k gives dL/dx through the convolution's input gradient, and since
 * dL/dx = -(1 / p_k) dp_k/dx, the saliency is dp_k/dx = -p_k * dL/dx. Positive: more ink (a
 * brighter pixel) here would make the network surer of k.
 */
public final class Saliency {
    /** The predicted class, its probability and dp_k/dx per input pixel (row-major, H x W). */
    public record Map(int predicted, double probability, double[] dPdX) {
        public double maxAbs() {
            double m = 0;
            for (double v : dPdX) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }
    }

    private Saliency() {
    }

    /**
     * Computes the map with {@code net} (a private network: its input, caches and gradient buffers
     * are overwritten; its weights are not changed).
     */
    public static Map compute(Network net, double[] scaledInput) {
        net.setInput(scaledInput);
        double[] p = net.forward();
        int k = Network.argmax(p);
        double pk = p[k];
        net.conv.setComputeInputGradient(true);
        Tensor dLdX = net.backward(k);
        double[] s = new double[dLdX.data.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = -pk * dLdX.data[i];
        }
        return new Map(k, pk, s);
    }
}
