package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cnnexplorer.data.DigitPreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInkTest {
    @TempDir
    Path dir;

    /** A 40x30 picture with an ink square at (10..20, 5..25) of the given strength. */
    static double[] expectedSquare(double strength) {
        double[] ink = new double[40 * 30];
        for (int y = 5; y < 25; y++) {
            for (int x = 10; x < 20; x++) {
                ink[y * 40 + x] = strength;
            }
        }
        return ink;
    }

    static BufferedImage grey(double[] ink, boolean darkOnLight) {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < ink.length; i++) {
            int v = (int) Math.round(255 * ink[i]);
            img.getRaster().setSample(i % 40, i / 40, 0, darkOnLight ? 255 - v : v);
        }
        return img;
    }

    @Test
    void cleanGreyPicturesKeepTheirLevelsInBothPolarities() {
        double[] ink = expectedSquare(1.0);
        ink[5 * 40 + 10] = 0.6;  // one grey pixel: 153/255 exactly
        for (boolean darkOnLight : new boolean[] {true, false}) {
            ImageInk.Ink r = ImageInk.fromImage(grey(ink, darkOnLight));
            assertEquals(!darkOnLight, r.lightOnDark());
            assertFalse(r.blank());
            assertArrayEquals(ink, r.values(), 1e-12);
        }
    }

    @Test
    void colourAndTransparency() {
        BufferedImage rgb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        BufferedImage clear = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        double[] ink = expectedSquare(1.0);
        for (int i = 0; i < ink.length; i++) {
            rgb.setRGB(i % 40, i / 40, ink[i] > 0 ? 0x102080 : 0xf0e8d0);   // blue ink on cream paper
            clear.setRGB(i % 40, i / 40, ink[i] > 0 ? 0xffffffff : 0x00000000); // white strokes, transparent
        }
        assertArrayEquals(ink, ImageInk.fromImage(rgb).values(), 1e-12);
        assertArrayEquals(ink, ImageInk.fromImage(clear).values(), 1e-12);
    }

    @Test
    void noiseOnTheBackgroundIsNotInk() {
        Random rnd = new Random(5);
        BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                boolean stroke = x >= 90 && x < 110 && y >= 40 && y < 160;
                double v = (stroke ? 60 : 180) + rnd.nextGaussian() * 10;
                img.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(v))));
            }
        }
        ImageInk.Ink r = ImageInk.fromImage(img);
        assertEquals(new DigitPreprocessor.Box(90, 40, 110, 160), DigitPreprocessor.inkBounds(r.values(), 200, 200, DigitPreprocessor.NOISE));
    }

    @Test
    void aFlatPictureIsBlank() {
        assertTrue(ImageInk.fromImage(grey(new double[40 * 30], true)).blank());
        assertTrue(ImageInk.fromImage(grey(expectedSquare(0.1), true)).blank());
    }

    @Test
    void readsFilesAndNamesWhatIsWrong() throws Exception {
        Path png = dir.resolve("d.png");
        ImageIO.write(grey(expectedSquare(1.0), true), "png", png.toFile());
        assertArrayEquals(expectedSquare(1.0), ImageInk.read(png).values(), 1e-12);

        Path text = Files.writeString(dir.resolve("t.png"), "text");
        assertTrue(assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(text)).getMessage().contains("not an image"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(png), 40));
        assertTrue(assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(cut)).getMessage().contains("damaged"));
        assertTrue(assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(dir)).getMessage().contains("is a folder"));
        assertTrue(assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(dir.resolve("x.png"))).getMessage().contains("does not exist"));
    }

    @Test
    void aPipeOrDeviceIsNotARegularFileNotAMissingOne() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor(), "mkfifo");
        Path zero = Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
        for (Path f : new Path[] {fifo, zero, Path.of("/dev/null")}) {
            String why = assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(f)).getMessage();
            assertEquals(f + " is not a regular file (a pipe or device)", why);
        }
        // A link to nothing is still missing.
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("nowhere.png"));
        assertTrue(assertThrows(ImageInk.ImageException.class, () -> ImageInk.read(dangling)).getMessage().contains("does not exist"));
    }
}
