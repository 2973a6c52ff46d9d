package org.cnnexplorer.nn;

/**
 * A trainable array and its gradient, side by side. {@link Layer#backward} fills {@code grad};
 * {@link Sgd#step} moves {@code value} against it. Both arrays are live: copy them to keep them.
 */
public record Param(String name, int[] shape, double[] value, double[] grad) {
    public Param {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (value.length != n || grad.length != n) {
            throw new IllegalArgumentException(name + ": arrays do not match shape");
        }
    }

    public int size() {
        return value.length;
    }
}
