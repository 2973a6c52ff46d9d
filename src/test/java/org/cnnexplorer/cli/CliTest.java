package org.cnnexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.NpzModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static final Pattern STEP_LINE = Pattern.compile("\\[Step \\d+\\] Past \\d+ steps: Average Loss \\d+\\.\\d{3} \\| Accuracy: \\d+%");
    static final Pattern FLOAT = Pattern.compile("\\d+\\.\\d+(e-\\d+)?");

    @TempDir
    static Path shared;
    static MnistFiles.Split mnist;
    /** Trained once on 5000 images for the predict tests. */
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        mnist = MnistFiles.loadBundled();
        model = shared.resolve("model.npz");
        CliRun r = CliRun.of("train", "--train", "5000", "--epochs", "1", "--test", "500", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void theArticlesRun() {
        CliRun r = CliRun.of("train");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        assertEquals(1 + 3 * 11 + 3, lines.size(), r.out());
        assertEquals("MNIST CNN initialized!", lines.get(0));
        for (int e = 0; e < 3; e++) {
            assertEquals("--- Epoch " + (e + 1) + " ---", lines.get(1 + 11 * e));
            for (int w = 0; w < 10; w++) {
                String line = lines.get(2 + 11 * e + w);
                assertTrue(STEP_LINE.matcher(line).matches(), line);
                assertTrue(line.startsWith("[Step " + (w + 1) * 100 + "] Past 100 steps: "), line);
            }
        }
        assertEquals("--- Testing the CNN ---", lines.get(34));
        assertTrue(lines.get(35).startsWith("Test Loss: "));
        assertTrue(FLOAT.matcher(lines.get(35).substring(11)).matches(), lines.get(35));
        assertTrue(lines.get(36).startsWith("Test Accuracy: "));
        double accuracy = Double.parseDouble(lines.get(36).substring(15));
        assertTrue(accuracy > 0.7, lines.get(36));
        // Only the time goes to stderr, and no progress line when it is not a terminal.
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("Time: "), r.err());
        assertFalse(r.err().contains("\r"));
    }

    @Test
    void theSameSeedGivesTheSameOutput() {
        CliRun a = CliRun.of("train", "--train", "300", "--test", "200", "--seed", "7");
        CliRun b = CliRun.of("train", "--train", "300", "--test", "200", "--seed", "7");
        CliRun c = CliRun.of("train", "--train", "300", "--test", "200", "--seed", "8");
        assertEquals(0, a.code());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
    }

    @Test
    void optionsChangeTheRun() {
        CliRun r = CliRun.of("train", "--train", "200", "--test", "50", "--epochs", "2", "--lr", "0.01",
                "--no-shuffle", "--filters", "4", "--first-max-only", "--seed=3");
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 2 * 3 + 3, r.outLines().size(), r.out());
    }

    @Test
    void longEpochsGetAboutTenLines() {
        CliRun r = CliRun.of("train", "--train", "5000", "--epochs", "1", "--test", "100");
        assertEquals(0, r.code(), r.err());
        List<String> steps = r.outLines().stream().filter(l -> l.startsWith("[Step")).toList();
        assertEquals(10, steps.size(), r.out());
        assertTrue(steps.get(0).startsWith("[Step 500] Past 500 steps: "), steps.get(0));
        assertTrue(steps.get(9).startsWith("[Step 5000] Past 500 steps: "), steps.get(9));
        // An epoch that does not divide evenly ends with a shorter line.
        r = CliRun.of("train", "--train", "1234", "--epochs", "1", "--test", "100");
        List<String> lines = r.outLines().stream().filter(l -> l.startsWith("[Step")).toList();
        assertEquals("[Step 1234] Past 34 steps: ", lines.get(lines.size() - 1).substring(0, 27));
    }

    @Test
    void savedModelEvaluatesToTheSameResult() throws IOException {
        Path file = dir.resolve("m.npz");
        CliRun t = CliRun.of("train", "--train", "500", "--test", "300", "--save", file.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("Saved the model to "), t.err());
        CliRun e = CliRun.of("eval", "--model", file.toString(), "--test", "300");
        assertEquals(0, e.code(), e.err());
        List<String> trained = t.outLines();
        assertEquals(trained.subList(trained.size() - 2, trained.size()), e.outLines());
        assertEquals("", e.err());
    }

    @Test
    void initStartsFromASavedModel() {
        CliRun e = CliRun.of("eval", "--model", model.toString(), "--test", "500");
        CliRun t = CliRun.of("train", "--init", model.toString(), "--train", "100", "--epochs", "1", "--lr", "1e-300", "--test", "500");
        assertEquals(0, t.code(), t.err());
        // With a vanishing learning rate the weights stay as loaded.
        List<String> lines = t.outLines();
        assertEquals(e.outLines(), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void predictReadsDigitsInBothPolarities() throws IOException {
        Dataset test = mnist.test();
        int right = 0;
        for (int i = 0; i < 6; i++) {
            for (boolean darkOnLight : new boolean[] {true, false}) {
                Path png = dir.resolve("digit" + i + darkOnLight + ".png");
                ImageIO.write(render(test.image(i), darkOnLight), "png", png.toFile());
                CliRun r = CliRun.of("predict", "--model", model.toString(), png.toString());
                assertEquals(0, r.code(), r.err());
                List<String> lines = r.outLines();
                assertEquals(11, lines.size(), r.out());
                assertTrue(lines.get(0).matches("Prediction: \\d \\(\\d+\\.\\d%\\)"), lines.get(0));
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    assertTrue(lines.get(1 + k).matches(k + ": \\d\\.\\d{4}"), lines.get(1 + k));
                    sum += Double.parseDouble(lines.get(1 + k).substring(3));
                }
                assertEquals(1.0, sum, 0.001);
                if (lines.get(0).startsWith("Prediction: " + test.label(i) + " ")) {
                    right++;
                }
            }
        }
        assertEquals(12, right, "all six digits in both polarities");
    }

    @Test
    void withoutModelEvalAndPredictUseTheBundledPreTrainedModel() throws IOException {
        CliRun e = CliRun.of("eval", "--test", "500");
        assertEquals(0, e.code(), e.err());
        String acc = e.outLines().get(1);
        assertTrue(acc.startsWith("Test Accuracy: "), acc);
        assertTrue(Double.parseDouble(acc.substring("Test Accuracy: ".length())) > 0.95, acc);
        Path png = dir.resolve("bundled.png");
        ImageIO.write(render(mnist.test().image(1), true), "png", png.toFile());
        CliRun p = CliRun.of("predict", png.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("Prediction: " + mnist.test().label(1) + " "), p.out());
    }

    @Test
    void predictReadsHairlineAndFaintDigits() throws IOException {
        // A 1-pixel 7 and 4 drawn on 280x280 PNGs, black and pale grey on white (issue 7: read as 1).
        int[][][] digits = {{{60, 60, 215, 60, 125, 245}}, {{100, 40, 60, 170, 215, 170}, {170, 80, 170, 250}}};
        int[] labels = {7, 4};
        for (int d = 0; d < digits.length; d++) {
            for (java.awt.Color ink : new java.awt.Color[] {java.awt.Color.BLACK, new java.awt.Color(200, 200, 200)}) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(280, 280, java.awt.image.BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = img.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, 280, 280);
                g.setColor(ink);
                for (int[] s : digits[d]) {
                    for (int k = 2; k < s.length; k += 2) {
                        g.drawLine(s[k - 2], s[k - 1], s[k], s[k + 1]);
                    }
                }
                g.dispose();
                Path png = dir.resolve("hairline" + labels[d] + ink.getRed() + ".png");
                ImageIO.write(img, "png", png.toFile());
                CliRun r = CliRun.of("predict", png.toString());
                assertEquals(0, r.code(), r.err());
                assertTrue(r.out().startsWith("Prediction: " + labels[d] + " "), png.getFileName() + ": " + r.out());
            }
        }
    }

    @Test
    void predictReadsInkOnATransparentBackground() throws IOException {
        byte[] px = mnist.test().image(0);
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int a = px[(y / 2) * 28 + x / 2] & 0xff;
                img.setRGB(x, y, a << 24 | 0x2040ff);
            }
        }
        Path png = dir.resolve("clear.png");
        ImageIO.write(img, "png", png.toFile());
        CliRun r = CliRun.of("predict", "--model", model.toString(), png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Prediction: 7 "), r.out());
    }

    /** An MNIST digit on a larger canvas, enlarged 3x, as a grey PNG. */
    static BufferedImage render(byte[] px, boolean darkOnLight) {
        BufferedImage img = new BufferedImage(100, 120, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 100; x++) {
                int sx = (x - 10) / 3;
                int sy = (y - 20) / 3;
                int ink = x >= 10 && y >= 20 && sx < 28 && sy < 28 ? px[sy * 28 + sx] & 0xff : 0;
                img.getRaster().setSample(x, y, 0, darkOnLight ? 255 - ink : ink);
            }
        }
        return img;
    }

    @Test
    void helpGoesToStdout() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {"-h"}, {"help", "train"}, {"train", "--help"}, {"eval", "-h"}, {"predict", "--help"}, {"bench", "--help"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("usage: "), r.out());
            assertEquals("", r.err());
        }
        assertTrue(CliRun.of("help", "train").out().contains("--first-max-only"));
    }

    /** Every bad input: the right exit code, one line on stderr, no stack trace, the old model untouched. */
    @Test
    void badInputs() throws IOException {
        Path existing = dir.resolve("existing.npz");
        Files.write(existing, NpzModel.toBytes(new org.cnnexplorer.nn.Network(8, 28, 28, 99)));
        byte[] before = Files.readAllBytes(existing);
        String save = existing.toString();

        Path good = dir.resolve("good");
        CliRun.writeMnist(good, mnist.train(), mnist.test(), 100);
        Path truncated = copy(good, "truncated");
        byte[] images = Files.readAllBytes(truncated.resolve("train-images-idx3-ubyte"));
        Files.write(truncated.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length / 2));
        Path shortHeader = copy(good, "short-header");
        Files.write(shortHeader.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8});
        Path wrongMagic = copy(good, "wrong-magic");
        byte[] labels = Files.readAllBytes(wrongMagic.resolve("train-labels-idx1-ubyte"));
        labels[3] = 3; // the images magic, as if the files were swapped
        Files.write(wrongMagic.resolve("train-labels-idx1-ubyte"), labels);
        Path missing = copy(good, "missing");
        Files.delete(missing.resolve("t10k-images-idx3-ubyte"));
        Path text = Files.writeString(dir.resolve("notes.npz"), "not a model\n");
        Path png = dir.resolve("digit.png");
        ImageIO.write(render(mnist.test().image(0), true), "png", png.toFile());
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        Path brokenPng = dir.resolve("broken.png");
        byte[] pngBytes = Files.readAllBytes(png);
        Files.write(brokenPng, java.util.Arrays.copyOf(pngBytes, 60));
        String m = model.toString();

        Object[][] cases = {
            // usage errors: exit 2
            {2, "no command given", new String[] {}},
            {2, "unknown command \"frobnicate\"", new String[] {"frobnicate"}},
            {2, "unknown option -x", new String[] {"-x"}},
            {2, "unknown option --foo for train; see train --help", new String[] {"train", "--foo", "--save", save}},
            {2, "--lr must be a positive number, got \"abc\"", new String[] {"train", "--lr", "abc", "--save", save}},
            {2, "--lr must be a positive number, got \"-1\"", new String[] {"train", "--lr", "-1", "--save", save}},
            {2, "--lr must be a positive number, got \"0\"", new String[] {"train", "--lr", "0", "--save", save}},
            {2, "--lr must be a positive number, got \"NaN\"", new String[] {"train", "--lr", "NaN", "--save", save}},
            {2, "--lr must be a positive number, got \"1e999\"", new String[] {"train", "--lr=1e999", "--save", save}},
            {2, "--lr needs a value", new String[] {"train", "--lr", "--save", save}},
            {2, "--lr needs a value", new String[] {"train", "--save", save, "--lr"}},
            {2, "--epochs must be a whole number from 1 to 100000, got \"0\"", new String[] {"train", "--epochs", "0", "--save", save}},
            {2, "--epochs must be a whole number from 1 to 100000, got \"1.5\"", new String[] {"train", "--epochs", "1.5", "--save", save}},
            {2, "--train must be a positive whole number or \"all\", got \"0\"", new String[] {"train", "--train", "0", "--save", save}},
            {2, "--test must be a positive whole number or \"all\", got \"lots\"", new String[] {"train", "--test", "lots", "--save", save}},
            {2, "--train 70000 is more than the 60000 training images there are; use --train all", new String[] {"train", "--train", "70000", "--save", save}},
            {2, "--filters must be a whole number from 1 to 64, got \"65\"", new String[] {"train", "--filters", "65", "--save", save}},
            {2, "--seed must be a whole number, got \"1.5\"", new String[] {"train", "--seed", "1.5", "--save", save}},
            {2, "--no-shuffle takes no value", new String[] {"train", "--no-shuffle=yes", "--save", save}},
            {2, "unexpected argument \"extra\" for train", new String[] {"train", "extra", "--save", save}},
            {2, "--filters 4 disagrees with model.npz, which has 8 filters", new String[] {"train", "--init", m, "--filters", "4", "--save", save}},
            {2, "--test 20000 is more than the 10000 test images", new String[] {"eval", "--model", m, "--test", "20000"}},
            {2, "predict needs an image file", new String[] {"predict", "--model", m}},
            {2, "unexpected argument", new String[] {"predict", "--model", m, png.toString(), png.toString()}},
            {2, "unknown option --model for bench", new String[] {"bench", "--model", m}},
            // data, model and image errors: exit 1
            {1, "is not a folder", new String[] {"train", "--data", dir.resolve("nowhere").toString(), "--save", save}},
            {1, "is truncated: it should hold 78400 bytes of images but has only 39192", new String[] {"train", "--data", truncated.toString(), "--save", save}},
            {1, "t10k-labels-idx1-ubyte is truncated: its header is incomplete", new String[] {"train", "--data", shortHeader.toString(), "--save", save}},
            {1, "train-labels-idx1-ubyte is not an IDX label file (magic 0x00000803, expected 0x00000801)", new String[] {"train", "--data", wrongMagic.toString(), "--save", save}},
            {1, "has no t10k-images-idx3-ubyte", new String[] {"train", "--data", missing.toString(), "--save", save}},
            {1, "is not a folder", new String[] {"eval", "--model", m, "--data", dir.resolve("nowhere").toString()}},
            {1, "is not a folder", new String[] {"bench", "--data", dir.resolve("nowhere").toString()}},
            {1, "nothing.npz does not exist", new String[] {"eval", "--model", dir.resolve("nothing.npz").toString()}},
            {1, "notes.npz is not an .npz model file (not a zip archive)", new String[] {"eval", "--model", text.toString()}},
            {1, "notes.npz is not an .npz model file", new String[] {"train", "--init", text.toString(), "--save", save}},
            {1, "notes.npz is not an .npz model file", new String[] {"predict", "--model", text.toString(), png.toString()}},
            {1, "does not exist", new String[] {"predict", "--model", m, dir.resolve("none.png").toString()}},
            {1, "notes.npz is not an image this program can read", new String[] {"predict", "--model", m, text.toString()}},
            {1, "broken.png: it is damaged or not a supported image", new String[] {"predict", "--model", m, brokenPng.toString()}},
            {1, "blank.png looks blank", new String[] {"predict", "--model", m, blank.toString()}},
            {1, "the folder nope does not exist", new String[] {"train", "--save", dir.resolve("nope/m.npz").toString()}},
            {1, "is a folder; give a file name", new String[] {"train", "--save", dir.toString()}},
            {1, "training diverged at epoch 1, step ", new String[] {"train", "--lr", "1e6", "--save", save}},
        };
        List<String> problems = new ArrayList<>();
        for (Object[] c : cases) {
            String[] args = (String[]) c[2];
            String what = String.join(" ", args);
            CliRun r = CliRun.of(args);
            List<String> errLines = r.errLines();
            String all = r.out() + r.err();
            if (r.code() != (int) c[0]) {
                problems.add(what + ": exit " + r.code() + " " + r.err());
            } else if (errLines.size() != 1 || !errLines.get(0).startsWith("error: ") || !errLines.get(0).contains((String) c[1])) {
                problems.add(what + ": stderr " + r.err());
            } else if (all.contains("Exception") || all.contains("at org.") || all.contains("\tat ")) {
                problems.add(what + ": stack trace " + all);
            }
            assertArrayEquals(before, Files.readAllBytes(existing), what + " changed the existing model file");
        }
        assertEquals(List.of(), problems);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void divergenceWritesNothing() {
        Path file = dir.resolve("new.npz");
        CliRun r = CliRun.of("train", "--lr", "1e6", "--save", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().matches("error: training diverged at epoch 1, step \\d+: the loss is (NaN|infinite); try a smaller learning rate\\R"), r.err());
        assertFalse(Files.exists(file));
    }

    @Test
    void gzippedAndPlainFoldersBothLoad() throws IOException {
        Path plain = dir.resolve("plain");
        CliRun.writeMnist(plain, mnist.train(), mnist.test(), 300);
        CliRun r = CliRun.of("train", "--data", plain.toString(), "--train", "all", "--test", "all", "--epochs", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 1 + 3 + 3, r.outLines().size(), r.out());
    }

    private Path copy(Path from, String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
