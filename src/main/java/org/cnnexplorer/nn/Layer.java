package org.cnnexplorer.nn;

import java.util.List;

/**
 * One stage of the network. {@code forward} caches what {@code backward} needs; {@code backward}
 * takes dL/dout, fills the gradients of {@link #params()} and returns dL/din. Neither changes a
 * parameter: that is {@link Sgd}'s job, so a gradient can be looked at before it is applied.
 *
 * <p>Each call returns a new tensor, as the article's numpy code does. These layers are the
 * reference that reads like the article; the training step built for speed is in {@code nn.fast}.
 */
public interface Layer {
    Tensor forward(Tensor in);

    Tensor backward(Tensor dLdOut);

    List<Param> params();
}
