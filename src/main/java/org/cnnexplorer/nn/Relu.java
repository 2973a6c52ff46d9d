package org.cnnexplorer.nn;

import java.util.List;

/**
 * ReLU, out = max(0, in), applied to each value. Backward lets the gradient through where the
 * input was positive and stops it elsewhere: d out / d in is 1 for in > 0 and 0 otherwise (at 0
 * itself ReLU has no derivative; like most libraries this takes 0 there). No parameters.
 */
public final class Relu implements Layer {
    /** The input of the last forward pass. */
    private Tensor lastInput;

    /** Any shape -> the same shape. */
    @Override
    public Tensor forward(Tensor input) {
        lastInput = input.copy();
        Tensor out = new Tensor(input.channels, input.height, input.width);
        for (int n = 0; n < input.data.length; n++) {
            out.data[n] = Math.max(0.0, input.data[n]);
        }
        return out;
    }

    /** dL/din = dL/dout where the input was positive, 0 elsewhere. */
    @Override
    public Tensor backward(Tensor dLdOut) {
        if (lastInput == null || !dLdOut.sameShape(lastInput)) {
            throw new IllegalStateException("backward needs a forward pass first and a gradient shaped like its output");
        }
        Tensor dLdInput = new Tensor(lastInput.channels, lastInput.height, lastInput.width);
        for (int n = 0; n < dLdOut.data.length; n++) {
            dLdInput.data[n] = lastInput.data[n] > 0 ? dLdOut.data[n] : 0.0;
        }
        return dLdInput;
    }

    /** The input cached by the last forward pass, or null. */
    public Tensor lastInput() {
        return lastInput;
    }

    void forget() {
        lastInput = null;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
