package org.cnnexplorer.draw;

/** Enlarging a small greyscale image to canvas size, for feeding MNIST digits to the canvas pipeline. */
final class Upscale {
    private Upscale() {
    }

    /** Bilinear, pixel centres aligned; smooth but it blurs (its area average is not the original). */
    static double[] bilinear(double[] src, int w, int h, int nw, int nh) {
        double[] out = new double[nw * nh];
        for (int y = 0; y < nh; y++) {
            double sy = (y + 0.5) * h / nh - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int x = 0; x < nw; x++) {
                double sx = (x + 0.5) * w / nw - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                double top = at(src, w, h, x0, y0) * (1 - fx) + at(src, w, h, x0 + 1, y0) * fx;
                double bottom = at(src, w, h, x0, y0 + 1) * (1 - fx) + at(src, w, h, x0 + 1, y0 + 1) * fx;
                out[y * nw + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return out;
    }

    /**
     * Bicubic (Catmull-Rom), clamped to [0, 1]: keeps stroke edges sharper than bilinear, closer to
     * a pen stroke drawn at canvas size.
     */
    static double[] bicubic(double[] src, int w, int h, int nw, int nh) {
        double[] out = new double[nw * nh];
        double[] col = new double[4];
        for (int y = 0; y < nh; y++) {
            double sy = (y + 0.5) * h / nh - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int x = 0; x < nw; x++) {
                double sx = (x + 0.5) * w / nw - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                for (int k = 0; k < 4; k++) {
                    int yy = y0 - 1 + k;
                    col[k] = catmullRom(at(src, w, h, x0 - 1, yy), at(src, w, h, x0, yy),
                            at(src, w, h, x0 + 1, yy), at(src, w, h, x0 + 2, yy), fx);
                }
                double v = catmullRom(col[0], col[1], col[2], col[3], fy);
                out[y * nw + x] = Math.max(0, Math.min(1, v));
            }
        }
        return out;
    }

    private static double catmullRom(double p0, double p1, double p2, double p3, double t) {
        return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t);
    }

    /** Edge pixels repeat outwards. */
    private static double at(double[] src, int w, int h, int x, int y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        return src[y * w + x];
    }
}
