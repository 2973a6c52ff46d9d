package org.cnnexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network options on the command line: train, save, eval and predict the other architectures. */
class ArchitectureCliTest {
    @TempDir
    Path dir;

    @Test
    void twoLayerReluRunSavesItsArchitectureAndEvalAgrees() throws Exception {
        Path file = dir.resolve("two.npz");
        CliRun t = CliRun.of("train", "--relu", "--filters", "4,6", "--init", "he", "--train", "200", "--test", "200",
                "--epochs", "1", "--batch", "2", "--lr", "0.02", "--save", file.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("Network: conv 4 → ReLU → conv 6 → ReLU → pool → softmax, batches of 2"), t.err());
        assertTrue(t.err().contains("flat layer step"), t.err());
        Network net = NpzModel.load(file);
        assertEquals("4,6", net.arch.filtersText());
        assertTrue(net.arch.relu());
        CliRun e = CliRun.of("eval", "--model", file.toString(), "--test", "200");
        assertEquals(0, e.code(), e.err());
        List<String> trained = t.outLines();
        assertEquals(trained.subList(trained.size() - 2, trained.size()), e.outLines());
    }

    @Test
    void sameSeedSameBits() throws Exception {
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        String[] args = {"train", "--relu", "--conv-layers", "2", "--filters", "3", "--init", "glorot", "--train", "100",
            "--test", "100", "--epochs", "1", "--batch", "3", "--save"};
        CliRun ra = CliRun.of(concat(args, a.toString()));
        CliRun rb = CliRun.of(concat(args, b.toString()));
        assertEquals(0, ra.code(), ra.err());
        assertEquals(ra.out(), rb.out());
        assertEquals(List.of(Files.readAllBytes(a).length), List.of(Files.readAllBytes(b).length));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
        assertEquals("3,3", NpzModel.load(a).arch.filtersText());
        // A different initialisation is a different run.
        CliRun rc = CliRun.of(concat(new String[] {"train", "--relu", "--conv-layers", "2", "--filters", "3", "--init", "he",
            "--train", "100", "--test", "100", "--epochs", "1", "--batch", "3"}));
        assertFalse(ra.out().equals(rc.out()));
    }

    @Test
    void badNetworkOptionsAreUsageErrors() {
        String[][] cases = {
            {"--filters must be whole numbers from 1 to 32 per layer with two layers, got \"8,33\"", "--filters", "8,33"},
            {"--filters takes one count or two separated by a comma (8 or 8,16), got \"1,2,3\"", "--filters", "1,2,3"},
            {"--filters 8,16 gives two layers but --conv-layers is 1; give one count", "--filters", "8,16", "--conv-layers", "1"},
            {"--conv-layers must be a whole number from 1 to 2, got \"3\"", "--conv-layers", "3"},
            {"--batch must be a whole number from 1 to 10000, got \"0\"", "--batch", "0"},
            {"--init takes article, glorot, he or a model file (.npz), got \"xavier\"", "--init", "xavier"},
            {"--relu takes no value, got \"yes\"", "--relu=yes"},
        };
        for (String[] c : cases) {
            String[] args = concat(new String[] {"train"}, java.util.Arrays.copyOfRange(c, 1, c.length));
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals("error: " + c[0] + System.lineSeparator(), r.err().lines().findFirst().orElse("") + System.lineSeparator(), String.join(" ", args));
        }
    }

    @Test
    void startingFromAFileKeepsItsArchitecture() throws Exception {
        Path file = dir.resolve("one.npz");
        assertEquals(0, CliRun.of("train", "--relu", "--filters", "5", "--train", "50", "--test", "50", "--epochs", "1",
                "--save", file.toString()).code());
        CliRun bad = CliRun.of("train", "--init", file.toString(), "--conv-layers", "2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: one.npz is a conv 5 → ReLU → pool → softmax network"), bad.err());
        CliRun ok = CliRun.of("train", "--init", file.toString(), "--train", "50", "--test", "50", "--epochs", "1");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.err().contains("Network: conv 5 → ReLU → pool → softmax"), ok.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
