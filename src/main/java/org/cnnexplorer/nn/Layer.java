package org.cnnexplorer.nn;

import java.util.List;

/**
 * One stage of the network. {@code forward} caches what {@code backward} needs; {@code backward}
 * takes dL/dout, fills the gradients of {@link #params()} and returns dL/din. Neither changes a
 * parameter: that is {@link Sgd}'s job, so a gradient can be looked at before it is applied.
 *
 * <p>The returned tensors are buffers owned by the layer and overwritten by the next call:
 * the hot path allocates nothing. Copy them to keep them.
 */
public interface Layer {
    Tensor forward(Tensor in);

    Tensor backward(Tensor dLdOut);

    List<Param> params();
}
