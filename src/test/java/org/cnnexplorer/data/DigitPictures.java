package org.cnnexplorer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes MNIST digits as pictures and class folders of them, for the tests of folder reading. */
public final class DigitPictures {
    private DigitPictures() {
    }

    /**
     * Image {@code index} of {@code d} as a PNG, {@code scale} times larger (nearest neighbour),
     * with a margin of paper around it; dark ink on white, or white on black.
     */
    public static Path write(Path file, Dataset d, int index, int scale, boolean darkOnLight) throws IOException {
        int margin = 3 * scale;
        int w = d.cols() * scale + 2 * margin;
        int h = d.rows() * scale + 2 * margin;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = (x - margin) / scale;
                int sy = (y - margin) / scale;
                int v = x < margin || y < margin || sx >= d.cols() || sy >= d.rows() ? 0 : d.pixels()[d.offset(0 + index) + sy * d.cols() + sx] & 0xff;
                img.getRaster().setSample(x, y, 0, darkOnLight ? 255 - v : v);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** A class folder per digit with the first {@code n} images of {@code d}, at scales 1 to 4 in turn. */
    public static void writeFolder(Path dir, Dataset d, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            write(dir.resolve(d.label(i) + "/img" + String.format("%05d", i) + ".png"), d, i, 1 + i % 4, i % 2 == 0);
        }
    }

    /** A white picture with nothing on it. */
    public static Path writeBlank(Path file) throws IOException {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                img.getRaster().setSample(x, y, 0, 255);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
