package org.cnnexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VectorRelauncherTest {
    /**
     * kill -9 of the launcher runs no shutdown hook, so only the child can notice: it must exit
     * by itself. A real parent JVM relaunches a real child; the parent is killed with SIGKILL.
     */
    @Test
    void theChildExitsWhenItsParentIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                RelaunchStubs.Parent.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ProcessHandle child = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("\\d+"), "the child prints its pid: " + line);
            child = ProcessHandle.of(Long.parseLong(line)).orElseThrow();
            assertTrue(child.isAlive());
            assertEquals(parent.pid(), child.parent().map(ProcessHandle::pid).orElse(-1L), "a child of the launcher");

            parent.destroyForcibly();  // SIGKILL
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            // Waits for the child's exit; the generous limit only keeps a broken build from hanging.
            child.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "the relaunched child outlived its parent");
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void relaunchesOnlyWhereTrainingIsLongEnoughToGain() {
        assertTrue(VectorRelauncher.trainsEnough(new String[0]), "the window");
        assertTrue(VectorRelauncher.trainsEnough(new String[] {"bench"}));
        assertTrue(VectorRelauncher.trainsEnough(new String[] {"train", "--train", "all"}));
        assertTrue(VectorRelauncher.trainsEnough(new String[] {"train", "--train=10000", "--epochs", "2"}));
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"train"}), "the article's 3,000 steps");
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"train", "--train", "all", "--help"}));
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"train", "--train", "abc"}), "bad input stays here to be reported");
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"eval", "--test", "all"}));
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"predict", "x.png"}));
        assertFalse(VectorRelauncher.trainsEnough(new String[] {"help"}));
    }

    @Test
    void aJvmThatWasNotRelaunchedWatchesNothing() {
        VectorRelauncher.exitWithParent();  // returns at once: no parent to watch
        assertEquals(Optional.empty(), Optional.ofNullable(System.getProperty(VectorRelauncher.CHILD_PROPERTY)));
    }

    private static String copied(String stderr) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        VectorRelauncher.copyStderr(new java.io.ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theChildsStderrLosesOnlyTheJvmsNoticesAboutItsOptions() {
        String priority = "OpenJDK 64-Bit Server VM warning: -XX:ThreadPriorityPolicy=1 may require system level permission, "
                + "e.g., being the root user. If the necessary permission is not possessed, changes to priority will be silently ignored.\n";
        String incubator = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        assertEquals("error: --lr: not a number: fast\n", copied(priority + incubator + "error: --lr: not a number: fast\n"));
        assertEquals("error: x\n", copied(incubator + "error: x\n"));
        // progress lines end in \r; a later notice-like line is the program's own and stays
        assertEquals("[Step 100] 1%\r[Step 200] 2%\r" + incubator, copied(priority + "[Step 100] 1%\r[Step 200] 2%\r" + incubator));
        assertEquals("error: y\n" + incubator, copied("error: y\n" + incubator));
        assertEquals("no newline at the end", copied(incubator + "no newline at the end"));
        assertEquals("", copied(incubator));
    }

    @Test
    void theChildRunsWithTheModuleAndTheTrainersLowerPriority() {
        List<String> cmd = VectorRelauncher.childCommand("java", List.of("-Xmx1g"), "app.jar", Main.class, new String[] {"bench"});
        assertEquals("java", cmd.get(0));
        assertTrue(cmd.containsAll(List.of("-Xmx1g", "--add-modules=jdk.incubator.vector")), cmd.toString());
        // on Linux (the CI machine) the trainer's and the compiler's lower priorities reach the OS
        assertEquals(VectorRelauncher.LINUX, cmd.containsAll(List.of(VectorRelauncher.PRIORITY_OPTION, VectorRelauncher.COMPILER_PRIORITY_OPTION)),
                cmd.toString());
        assertEquals(List.of("-cp", "app.jar", Main.class.getName(), "bench"), cmd.subList(cmd.size() - 4, cmd.size()));
        // a policy the user chose is kept, not doubled
        List<String> own = VectorRelauncher.childCommand("java", List.of("-XX:ThreadPriorityPolicy=0"), "app.jar", Main.class, new String[0]);
        assertFalse(own.contains(VectorRelauncher.PRIORITY_OPTION), own.toString());
    }
}
