package org.cnnexplorer.data;

/**
 * The bundled MNIST, loaded once per test JVM and shared by the tests that need real images
 * (decompressing 55 MB takes a moment). Tests must not modify the arrays.
 */
public final class BundledMnist {
    private static MnistFiles.Split split;

    private BundledMnist() {
    }

    public static synchronized MnistFiles.Split get() {
        if (split == null) {
            try {
                split = MnistFiles.loadBundled();
            } catch (DataException e) {
                throw new IllegalStateException("cannot load the bundled MNIST: " + e.getMessage(), e);
            }
        }
        return split;
    }

    public static Dataset train() {
        return get().train();
    }

    public static Dataset test() {
        return get().test();
    }
}
