package org.cnnexplorer.nn;

import java.util.List;

/**
 * The article's 2x2 max pooling with stride 2 ({@code maxpool.py}). Backward sends each block's
 * gradient to where the block's maximum was. Like the article, every position equal to the
 * maximum gets it (on MNIST's flat background several tie); {@link #setFirstMaxOnly} sends it to
 * the first maximum in row-major order only.
 */
public final class MaxPool2 implements Layer {
    private boolean firstMaxOnly;
    /** The article's {@code self.last_input}. */
    private Tensor lastInput;

    public void setFirstMaxOnly(boolean on) {
        this.firstMaxOnly = on;
    }

    public boolean firstMaxOnly() {
        return firstMaxOnly;
    }

    /** C x H x W -> C x H/2 x W/2 (an odd last row or column is dropped); 8 x 26 x 26 -> 8 x 13 x 13. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.height < 2 || input.width < 2) {
            throw new IllegalArgumentException("MaxPool2 needs at least 2x2 input, got " + input.shape());
        }
        lastInput = input.copy();
        Tensor out = new Tensor(input.channels, input.height / 2, input.width / 2);
        for (int c = 0; c < input.channels; c++) {
            for (int i = 0; i < out.height; i++) {
                for (int j = 0; j < out.width; j++) {
                    out.set(c, i, j, regionMax(c, i, j));
                }
            }
        }
        return out;
    }

    /** The largest of the 2x2 block of the last input under output cell (c, i, j). */
    private double regionMax(int c, int i, int j) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i2 = 0; i2 < 2; i2++) {
            for (int j2 = 0; j2 < 2; j2++) {
                max = Math.max(max, lastInput.get(c, i * 2 + i2, j * 2 + j2));
            }
        }
        return max;
    }

    /**
     * C x H/2 x W/2 -> C x H x W: dL/dinput is dL/dout at the maxima of each block, 0 elsewhere.
     * An input that is not its block's max does not change the output, so its gradient is 0; the
     * max passes through unchanged, so its gradient is dL/dout.
     */
    @Override
    public Tensor backward(Tensor dLdOut) {
        if (lastInput == null || dLdOut.channels != lastInput.channels
                || dLdOut.height != lastInput.height / 2 || dLdOut.width != lastInput.width / 2) {
            throw new IllegalStateException("backward needs a forward pass first and a gradient shaped like its output");
        }
        Tensor dLdInput = new Tensor(lastInput.channels, lastInput.height, lastInput.width);
        for (int c = 0; c < dLdOut.channels; c++) {
            for (int i = 0; i < dLdOut.height; i++) {
                for (int j = 0; j < dLdOut.width; j++) {
                    int mask = maxMask(c, i, j);
                    if (firstMaxOnly) {
                        mask &= -mask;  // the lowest bit: the first maximum in row-major order
                    }
                    for (int k = 0; k < 4; k++) {
                        if ((mask & (1 << k)) != 0) {
                            dLdInput.set(c, i * 2 + k / 2, j * 2 + k % 2, dLdOut.get(c, i, j));
                        }
                    }
                }
            }
        }
        return dLdInput;
    }

    /**
     * Which positions of output cell (c, i, j)'s 2x2 block equal its max in the last forward
     * pass: bit 2 * row + col. More than one bit set is a tie.
     */
    public int maxMask(int c, int i, int j) {
        if (lastInput == null) {
            throw new IllegalStateException("no forward pass yet");
        }
        double max = regionMax(c, i, j);
        int mask = 0;
        for (int k = 0; k < 4; k++) {
            if (lastInput.get(c, i * 2 + k / 2, j * 2 + k % 2) == max) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    /** Drops the cached input: the next backward needs a new forward pass. */
    void forget() {
        lastInput = null;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }
}
