package org.cnnexplorer.app.draw;

import org.cnnexplorer.explain.Saliency;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * A private network for the drawing's live prediction on the FX thread. One forward and backward
 * pass costs well under a millisecond, so it runs on every pen movement; the network is made once
 * and only its weights are refreshed when the model's snapshot changes.
 */
final class LivePredictor {
    /** Probabilities and saliency of one input. */
    record Result(double[] probabilities, Saliency.Map saliency) {
        int predicted() {
            return saliency.predicted();
        }
    }

    private Network net;
    private long version = Long.MIN_VALUE;

    Result predict(NetworkSnapshot weights, double[] scaledInput) {
        if (net == null || !net.arch.sameLayers(weights.arch) || net.height != weights.height || net.width != weights.width) {
            net = weights.toNetwork();
            net.conv.setComputeInputGradient(true);
        } else if (weights.version != version) {
            weights.copyInto(net);
        }
        version = weights.version;
        Saliency.Map s = Saliency.compute(net, scaledInput);
        return new Result(net.probabilities().clone(), s);
    }
}
