package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunRecorder;
import org.cnnexplorer.train.RunReplay;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {
    private static Dataset train;
    private static RunHistory run;

    @TempDir
    Path dir;

    @BeforeAll
    static void record() {
        train = BundledMnist.train();
        TrainConfig c = TrainConfig.article().withSizes(130, 50).withEpochs(2).withLearnRate(0.01).withSeed(-3);
        Trainer t = new Trainer(Trainer.newNetwork(c, 28, 28), train, c);
        run = RunRecorder.record("run 1", t, "bundled MNIST", null, null);
        t.runToEnd();
        EvalResult r = Evaluator.evaluate(t.network(), BundledMnist.test().head(50));
        run.addTest(new RunHistory.TestPoint(t.globalStep(), 2, r.count(), r.loss(), r.accuracy()));
        run.finish(RunHistory.Status.FINISHED);
    }

    private Path saved() throws IOException {
        Path f = dir.resolve("a.cnnrun");
        RunFile.save(run, f);
        return f;
    }

    @Test
    void anAugmentedRunSaysSoInItsFile() throws Exception {
        run.setAugmented(true);
        try {
            assertTrue(RunFile.load(saved()).augmented());
        } finally {
            run.setAugmented(false);
        }
    }

    @Test
    void aSavedRunComesBackWithEverything() throws Exception {
        RunHistory back = RunFile.load(saved());
        assertEquals(run.name(), back.name());
        assertEquals(run.config(), back.config());
        assertEquals(run.data(), back.data());
        assertEquals(run.stepsPerEpoch(), back.stepsPerEpoch());
        assertEquals(run.startStep(), back.startStep());
        assertEquals(run.endStep(), back.endStep());
        assertEquals(run.snapshotEvery(), back.snapshotEvery());
        assertEquals(run.stepPath(), back.stepPath());
        assertFalse(back.augmented());
        assertEquals(RunHistory.Status.FINISHED, back.status());
        assertEquals(run.windows(), back.windows());
        assertEquals(run.tests(), back.tests());
        assertEquals(run.snapshotCount(), back.snapshotCount());
        for (int i = 0; i < run.snapshotCount(); i++) {
            assertEquals(run.snapshotStep(i), back.snapshotStep(i));
            assertArrayEquals(run.snapshot(i), back.snapshot(i), "snapshot " + i);
        }
        RunReplay a = new RunReplay(run, train);
        RunReplay b = new RunReplay(back, train);
        for (long n : new long[] {0, 1, 77, 130, 131, 259, 260}) {
            assertArrayEquals(RunHistory.paramsOf(a.seek(n)), RunHistory.paramsOf(b.seek(n)), "step " + n);
        }
    }

    @Test
    void theSameRunGivesTheSameBytesAndReplacesAnOldFile() throws Exception {
        Path f = dir.resolve("same.cnnrun");
        Files.writeString(f, "old");
        RunFile.save(run, f);
        byte[] first = Files.readAllBytes(f);
        RunFile.save(run, f);
        assertArrayEquals(first, Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void snapshotsAreStoredInTheArticlesLayoutLikeModelFiles() throws Exception {
        Path f = saved();
        int i = 3;
        Network net = new Network(8, 28, 28, 0);
        RunHistory.loadParams(run.snapshot(i), net);
        var model = NpzModel.readArrays(NpzModel.toBytes(net), "model");
        try (ZipFile zip = new ZipFile(f.toFile())) {
            String[][] pairs = {{RunFile.FILTERS, NpzModel.FILTERS}, {RunFile.WEIGHTS, NpzModel.WEIGHTS}, {RunFile.BIASES, NpzModel.BIASES}};
            for (String[] p : pairs) {
                Npy stacked = Npy.read(zip.getInputStream(zip.getEntry(p[0])).readAllBytes(), p[0]);
                Npy one = model.get(p[1]);
                assertEquals(run.snapshotCount(), stacked.shape()[0]);
                assertArrayEquals(one.shape(), Arrays.copyOfRange(stacked.shape(), 1, stacked.shape().length));
                int len = one.data().length;
                assertArrayEquals(one.data(), Arrays.copyOfRange(stacked.data(), i * len, (i + 1) * len), p[0]);
            }
        }
    }

    @Test
    void aTruncatedFileIsReportedAsSuch() throws Exception {
        byte[] whole = Files.readAllBytes(saved());
        for (int len : new int[] {4, 100, whole.length / 2, whole.length - 30, whole.length - 1}) {
            Path cut = dir.resolve("cut" + len + ".cnnrun");
            Files.write(cut, Arrays.copyOf(whole, len));
            RunFileException e = assertThrows(RunFileException.class, () -> RunFile.load(cut), "cut at " + len);
            assertTrue(e.getMessage().startsWith("cut" + len + ".cnnrun is truncated"), e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheWeightsFailsTheChecksum() throws Exception {
        byte[] b = Files.readAllBytes(saved());
        b[b.length / 2] ^= 0x10;
        Path f = dir.resolve("flipped.cnnrun");
        Files.write(f, b);
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.load(f));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void foreignFilesAreNotRunFiles() throws Exception {
        Path text = dir.resolve("notes.cnnrun");
        Files.writeString(text, "hello");
        assertEquals("notes.cnnrun is not a cnn-explorer run file (not a zip archive)",
                assertThrows(RunFileException.class, () -> RunFile.load(text)).getMessage());
        Path model = dir.resolve("model.npz");
        NpzModel.save(new Network(8, 1), model);
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(model)).getMessage().contains("is a model file, not a run file"));
        Path otherZip = dir.resolve("other.cnnrun");
        Files.write(otherZip, zipWith("run.json", "{\"format\": \"something-else\", \"version\": 1}"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(otherZip)).getMessage().contains("not a cnn-explorer run file"));
        Path notJson = dir.resolve("broken.cnnrun");
        Files.write(notJson, zipWith("run.json", "{\"format\": "));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(notJson)).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(dir)).getMessage().contains("is a folder"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(dir.resolve("none.cnnrun"))).getMessage().contains("does not exist"));
    }

    @Test
    void aNewerVersionAsksForANewerApp() throws Exception {
        Path f = withJson(saved(), json -> json.replace("\"version\": 1,", "\"version\": 2,"));
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.load(f));
        assertEquals("v.cnnrun was written by a newer cnn-explorer (run format 2; this one reads up to 1); open it with a newer version", e.getMessage());
    }

    @Test
    void missingOrWrongFieldsSayWhichOne() throws Exception {
        Path f = withJson(saved(), json -> json.replace("\"learn_rate\"", "\"lr\""));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(f)).getMessage()
                .contains("lacks settings.learn_rate"));
        Path g = withJson(saved(), json -> json.replace("\"end_step\": 260", "\"end_step\": 99999"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(g)).getMessage().contains("end_step"));
    }

    @Test
    void aWindowOrTestOutsideTheRunIsRejectedByName() throws Exception {
        // A 100-step window far past the run's end (260 steps) once opened and stretched the charts' axis.
        Path f = withJson(saved(), json -> json.replaceFirst("\"windows\": \\[", "\"windows\": [[999999, 9, 1, 100, 0.5, 50],"));
        assertEquals("v.cnnrun is damaged: windows entry 1 [999999,9,1,100,0.5,50]: its step 999999 is not after the start step 0"
                + " and up to the end step 260", assertThrows(RunFileException.class, () -> RunFile.load(f)).getMessage());
        Path g = withJson(saved(), json -> json.replaceFirst("\"windows\": \\[", "\"windows\": [[200, 9, 70, 70, 0.5, 50],"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(g)).getMessage()
                .endsWith("windows entry 1 [200,9,70,70,0.5,50]: its epoch 9 is not from 1 to 2"));
        Path h = withJson(saved(), json -> json.replaceFirst("\"tests\": \\[", "\"tests\": [[5000, 2, 50, 0.5, 0.5],"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(h)).getMessage()
                .endsWith("tests entry 1 [5000,2,50,0.5,0.5]: its step 5000 is not from the start step 0 to the end step 260"));
    }

    @Test
    void aNumberOutOfRangeIsCalledSoNotMissing() throws Exception {
        Path f = withJson(saved(), json -> json.replace("\"end_step\": 260", "\"end_step\": 99999"));
        assertEquals("v.cnnrun is damaged: run.json's end_step is 99999, out of range (a whole number from 0 to 260)",
                assertThrows(RunFileException.class, () -> RunFile.load(f)).getMessage());
        Path g = withJson(saved(), json -> json.replace("\"seed\": -3", "\"seed\": 1e30"));
        assertTrue(assertThrows(RunFileException.class, () -> RunFile.load(g)).getMessage()
                .contains("run.json's settings.seed is 1E+30, out of range"));
    }

    @Test
    void controlAndBidiCharactersLeaveANameWhenRead() throws Exception {
        // A right-to-left override (U+202E) reversed what followed the name on screen.
        Path f = withJson(saved(), json -> json.replace("\"name\": \"run 1\"",
                "\"name\": \"\\u202Erun\\u0007 \\u20661\\u2069\\n\""));
        assertEquals("run 1", RunFile.load(f).name());
    }

    private Path withJson(Path src, java.util.function.UnaryOperator<String> edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(src.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(RunFile.JSON)) {
                    String edited = edit.apply(new String(b, StandardCharsets.UTF_8));
                    assertTrue(!edited.equals(new String(b, StandardCharsets.UTF_8)), "the edit changed nothing");
                    b = edited.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(b);
                zip.closeEntry();
            }
        }
        Path f = dir.resolve("v.cnnrun");
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] zipWith(String name, String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = out; ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
