package org.cnnexplorer.data;

/**
 * The exact squared Euclidean distance transform in linear time (Felzenszwalb and Huttenlocher's
 * lower envelope of parabolas, one pass along the rows and one along the columns).
 */
final class DistanceTransform {
    private DistanceTransform() {
    }

    /**
     * In place: {@code f} holds 0 at the pixels to measure from and +infinity elsewhere; afterwards
     * each pixel holds its squared distance to the nearest such pixel (infinity if there is none).
     */
    static void squared(double[] f, int width, int height) {
        int n = Math.max(width, height);
        double[] line = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = f[y * width + x];
            }
            oneDimension(line, height, out, v, z);
            for (int y = 0; y < height; y++) {
                f[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(f, y * width, line, 0, width);
            oneDimension(line, width, out, v, z);
            System.arraycopy(out, 0, f, y * width, width);
        }
    }

    private static void oneDimension(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double s = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
                if (s > z[k]) {
                    break;
                }
                k--;
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            java.util.Arrays.fill(d, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (z[j + 1] < q) {
                j++;
            }
            double dq = q - v[j];
            d[q] = dq * dq + f[v[j]];
        }
    }
}
