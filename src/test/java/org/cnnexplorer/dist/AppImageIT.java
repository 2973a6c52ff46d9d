package org.cnnexplorer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The app image that {@code mvn -Pdist package} builds, started as a user without a JDK would:
 * no PATH, no JAVA_HOME, no Java options in the environment. Run by failsafe in {@code -Pdist verify}.
 */
@EnabledOnOs(OS.LINUX)
class AppImageIT {
    private static final Path DEST = Path.of(System.getProperty("dist.dest", "target/dist"));
    private static final Path IMAGE = DEST.resolve("cnn-explorer");
    /** The JVM names the module it was told to add; the image adds it on every start. */
    private static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    record Run(int exit, String out, List<String> err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        return runLauncher(IMAGE.resolve("bin/cnn-explorer"), args);
    }

    private static Run runLauncher(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        for (String k : List.of("JAVA_HOME", "JDK_HOME", "CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "DISPLAY", "CNN_EXPLORER_SCALAR")) {
            env.remove(k);
        }
        env.put("PATH", "");
        File err = File.createTempFile("image-stderr", ".txt");
        err.deleteOnExit();
        pb.redirectError(err);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the image's launcher did not finish");
        List<String> errLines = new ArrayList<>(Files.readAllLines(err.toPath()));
        errLines.remove(INCUBATOR_NOTICE);
        return new Run(p.exitValue(), out, errLines);
    }

    private static double accuracy(String out) {
        Matcher m = Pattern.compile("(?m)^Test Accuracy: ([0-9.]+)$").matcher(out);
        assertTrue(m.find(), "no test accuracy in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evaluatesTheBundledModelWithoutAJdk() throws Exception {
        Run r = run("eval", "--test", "200");
        assertEquals(0, r.exit(), () -> "stderr: " + r.err());
        assertEquals(List.of(), r.err());
        assertTrue(accuracy(r.out()) > 0.9, r.out());
    }

    @Test
    void trainsWithoutAJdk() throws Exception {
        Run r = run("train", "--train", "100", "--test", "100");
        assertEquals(0, r.exit(), () -> "stderr: " + r.err());
        assertTrue(r.out().startsWith("MNIST CNN initialized!\n--- Epoch 1 ---\n[Step 100] Past 100 steps: Average Loss "), r.out());
        double acc = accuracy(r.out());
        assertTrue(acc > 0.1 && acc < 1, r.out());
    }

    @Test
    void aWrongCommandLineGetsOneLineAndExitTwo() throws Exception {
        Run r = run("train", "--lr", "fast");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().size(), () -> "stderr: " + r.err());
        assertTrue(r.err().get(0).startsWith("error: "), r.err().get(0));
    }

    @Test
    void withoutADisplayTheWindowSaysSoInOneLine() throws Exception {
        Run r = run();
        assertEquals(1, r.exit());
        assertEquals(1, r.err().size(), () -> "stderr: " + r.err());
    }

    @Test
    void theLauncherPassesArgumentsAsGivenAndWorksThroughALink(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // spaces and a quote stay inside their argument (the Linux launcher is a shell script)
        Path odd = dir.resolve("a model's name.npz");
        Run r = run("predict", "--model", odd.toString(), "digit.png");
        assertEquals(1, r.exit(), () -> "stderr: " + r.err());
        assertEquals(1, r.err().size(), () -> "stderr: " + r.err());
        assertTrue(r.err().get(0).contains(odd.toString()), r.err().get(0));
        // a link elsewhere (a user's ~/bin) still finds the image
        Path link = Files.createSymbolicLink(dir.resolve("cnn"), IMAGE.resolve("bin/cnn-explorer").toAbsolutePath());
        Run viaLink = runLauncher(link, "eval", "--test", "100");
        assertEquals(0, viaLink.exit(), () -> "stderr: " + viaLink.err());
        assertTrue(accuracy(viaLink.out()) > 0.9, viaLink.out());
    }

    @Test
    void imageCarriesItsRuntimeOptionsAndClassDataArchive() throws Exception {
        String cfg = Files.readString(IMAGE.resolve("lib/app/cnn-explorer.cfg"));
        assertTrue(cfg.contains("java-options=--add-modules=jdk.incubator.vector"), cfg);
        assertTrue(Files.size(IMAGE.resolve("lib/runtime/lib/server/classes.jsa")) > 10_000_000);
        assertTrue(Files.isRegularFile(IMAGE.resolve("lib/runtime/lib/libglassgtk3.so")), "JavaFX natives in the runtime");
        // the trainer's lower thread priority reaches Linux
        Process p = new ProcessBuilder(IMAGE.resolve("lib/runtime/bin/java").toString(), "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).start();
        String flags = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(flags.matches("(?s).*ThreadPriorityPolicy\\s+= 1\\s.*"), flags);
        assertTrue(flags.matches("(?s).*CompilerThreadPriority\\s+= 4\\s.*"), flags);
    }

    @Test
    void linuxPackagesAreBuilt() throws Exception {
        Path tar = DEST.resolve("cnn-explorer-0.1.0-linux.tar.gz");
        assertTrue(Files.size(tar) > 20_000_000, tar.toString());
        try (var files = Files.list(DEST)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("cnn-explorer_0\\.1\\.0(-1)?_amd64\\.deb")),
                    "no .deb in " + DEST);
        }
    }
}
