package org.cnnexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.cnnexplorer.data.BundledMnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunExportCliTest {
    @TempDir
    static Path shared;
    static Path data;
    static Path run;
    /** 150 images, 2 epochs: the boundary is at step 150; snapshots every 50 steps. */
    static final String[] SETTINGS = {"--train", "150", "--test", "40", "--epochs", "2"};

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        data = shared.resolve("mnist");
        CliRun.writeMnist(data, BundledMnist.train(), BundledMnist.test(), 200);
        run = shared.resolve("run.cnnrun");
        CliRun r = train(SETTINGS, "--save-run", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Saved the run to"), r.err());
    }

    static CliRun train(String[] settings, String... more) {
        String[] args = concat(new String[] {"train", "--data", data.toString()}, settings, more);
        return CliRun.of(args);
    }

    static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private void assertExportEqualsTrainingStoppedAt(Path runFile, String[] settings, long n) throws Exception {
        Path exported = dir.resolve("export-" + n + ".npz");
        Path trained = dir.resolve("train-" + n + ".npz");
        CliRun e = CliRun.of("run-export", runFile.toString(), "--data", data.toString(), "--step", Long.toString(n), "--save", exported.toString());
        assertEquals(0, e.code(), e.err());
        CliRun t = train(settings, "--steps", Long.toString(n), "--save", trained.toString());
        assertEquals(0, t.code(), t.err());
        assertArrayEquals(Files.readAllBytes(trained), Files.readAllBytes(exported), "weights after step " + n);
    }

    @Test
    void exportedWeightsEqualATrainingStoppedThereBitForBit() throws Exception {
        // At the start, on a snapshot, between snapshots, at and across the epoch boundary, at the end.
        for (long n : new long[] {0 + 1, 49, 50, 137, 150, 151, 223, 300}) {
            assertExportEqualsTrainingStoppedAt(run, SETTINGS, n);
        }
    }

    @Test
    void otherSettingsToo() throws Exception {
        String[] settings = {"--train", "90", "--test", "20", "--epochs", "3", "--no-shuffle", "--first-max-only", "--lr", "0.02", "--seed", "9", "--filters", "4"};
        Path r = dir.resolve("other.cnnrun");
        assertEquals(0, train(settings, "--save-run", r.toString()).code());
        for (long n : new long[] {95, 180, 211}) {
            assertExportEqualsTrainingStoppedAt(r, settings, n);
        }
    }

    @Test
    void aRunStartedFromAModelKeepsThatModelAsStepZero() throws Exception {
        Path init = dir.resolve("init.npz");
        assertEquals(0, train(new String[] {"--train", "60", "--epochs", "1", "--test", "10"}, "--save", init.toString()).code());
        Path r = dir.resolve("from-init.cnnrun");
        String[] settings = {"--train", "80", "--test", "10", "--epochs", "1", "--init", init.toString()};
        assertEquals(0, train(settings, "--save-run", r.toString()).code());
        Path zero = dir.resolve("zero.npz");
        assertEquals(0, CliRun.of("run-export", r.toString(), "--data", data.toString(), "--step", "0", "--save", zero.toString()).code());
        assertArrayEquals(Files.readAllBytes(init), Files.readAllBytes(zero));
        assertExportEqualsTrainingStoppedAt(r, settings, 63);
    }

    @Test
    void otherNetworksAreNotRecordedRatherThanReplayedWrongly() {
        for (String[] net : new String[][] {{"--relu"}, {"--conv-layers", "2", "--filters", "4,4"}, {"--batch", "4"}}) {
            Path f = dir.resolve("other.cnnrun");
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(net), java.util.stream.Stream.of("--save-run", f.toString()))
                    .toArray(String[]::new);
            CliRun r = train(SETTINGS, args);
            assertEquals(2, r.code(), String.join(" ", net));
            assertEquals(1, r.errLines().size());
            assertTrue(r.errLines().get(0).contains("--save-run records the article's network"), r.errLines().get(0));
            assertTrue(!Files.exists(f));
        }
    }

    @Test
    void stepsOutsideTheRunAreUsageErrors() {
        CliRun a = train(SETTINGS, "--steps", "301");
        assertEquals(2, a.code());
        assertEquals(List.of("error: --steps 301 is more than the run's 300 steps (2 epochs of 150 images)"), a.errLines());
        assertEquals(2, train(SETTINGS, "--steps", "0").code());
        CliRun b = CliRun.of("run-export", run.toString(), "--data", data.toString(), "--step", "301", "--save", dir.resolve("x.npz").toString());
        assertEquals(2, b.code());
        assertEquals(List.of("error: --step 301 is outside run.cnnrun, which holds steps 0 to 300"), b.errLines());
        assertFalse(Files.exists(dir.resolve("x.npz")));
        assertEquals(2, CliRun.of("run-export", run.toString(), "--step", "3").code());
        assertEquals(2, CliRun.of("run-export", run.toString()).code());
        assertEquals(2, CliRun.of("run-export").code());
        assertEquals(2, CliRun.of("run-export", run.toString(), "--gif", "a.gif", "--png-dir", "p").code());
    }

    @Test
    void badRunFilesGetOneLineAndExitOne() throws Exception {
        byte[] whole = Files.readAllBytes(run);
        Path cut = dir.resolve("cut.cnnrun");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 3));
        Path text = dir.resolve("text.cnnrun");
        Files.writeString(text, "not a run");
        Path model = dir.resolve("m.npz");
        assertEquals(0, CliRun.of("run-export", run.toString(), "--data", data.toString(), "--step", "5", "--save", model.toString()).code());
        for (Path bad : new Path[] {cut, text, model, dir.resolve("missing.cnnrun")}) {
            Path out = dir.resolve("out.npz");
            CliRun r = CliRun.of("run-export", bad.toString(), "--data", data.toString(), "--step", "5", "--save", out.toString());
            assertEquals(1, r.code(), bad + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertFalse(Files.exists(out));
        }
        assertTrue(CliRun.of("run-export", cut.toString(), "--step", "5", "--save", dir.resolve("o.npz").toString()).err().contains("truncated"));
    }

    @Test
    void otherImagesThanTheRunsAreRefused() throws Exception {
        // The bundled MNIST's first 150 images are the same ones: accepted; a shifted folder is not.
        Path bundled = dir.resolve("b.npz");
        CliRun ok = CliRun.of("run-export", run.toString(), "--step", "20", "--save", bundled.toString());
        assertEquals(0, ok.code(), ok.err());
        Path other = dir.resolve("other");
        CliRun.writeMnist(other, BundledMnist.test(), BundledMnist.train(), 200);
        CliRun r = CliRun.of("run-export", run.toString(), "--data", other.toString(), "--step", "20", "--save", dir.resolve("o.npz").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("pass --data with the folder it was trained on"), r.err());
    }

    @Test
    void theReplayAsAnAnimatedGifAndAsPngs() throws Exception {
        Path gif = dir.resolve("replay.gif");
        CliRun g = CliRun.of("run-export", run.toString(), "--data", data.toString(), "--gif", gif.toString(), "--frames", "12", "--image", "3");
        assertEquals(0, g.code(), g.err());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals("gif", reader.getFormatName().toLowerCase());
            assertEquals(12, reader.getNumImages(true));
        }
        Path pngs = dir.resolve("frames");
        CliRun p = CliRun.of("run-export", run.toString(), "--data", data.toString(), "--png-dir", pngs.toString(), "--frames", "4", "--from", "10", "--to", "40");
        assertEquals(0, p.code(), p.err());
        try (var files = Files.list(pngs)) {
            assertEquals(List.of("frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        BufferedImage first = ImageIO.read(pngs.resolve("frame-0001.png").toFile());
        BufferedImage last = ImageIO.read(pngs.resolve("frame-0004.png").toFile());
        assertEquals(first.getWidth(), last.getWidth());
        assertFalse(Arrays.equals(first.getRGB(0, 0, first.getWidth(), first.getHeight(), null, 0, first.getWidth()),
                last.getRGB(0, 0, last.getWidth(), last.getHeight(), null, 0, last.getWidth())), "the filters change between steps 10 and 40");
    }
}
