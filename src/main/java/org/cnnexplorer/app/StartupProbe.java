package org.cnnexplorer.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

/**
 * For measuring start-up (tools/startup-time): when the environment variable {@value #ENV} is set,
 * prints {@code window-ready} on stdout once the shown window has painted two frames (the second
 * pulse means the first one finished and the window answers input), then exits. With
 * {@value #TRACE} set as well, it prints on stderr when each phase of the start ended (ms since the
 * process began) and, at the end, the CPU time of each thread so far (on Linux): where the time
 * went, the JIT compilers included.
 */
public final class StartupProbe {
    public static final String ENV = "CNN_EXPLORER_STARTUP_PROBE";
    public static final String TRACE = "CNN_EXPLORER_STARTUP_TRACE";
    private static final boolean TRACING = set(TRACE) && set(ENV);

    private StartupProbe() {
    }

    public static boolean active() {
        return set(ENV);
    }

    private static boolean set(String name) {
        String v = System.getenv(name);
        return v != null && !v.isEmpty();
    }

    /** Notes the end of a phase of the start, when tracing. */
    public static void phase(String name) {
        if (TRACING) {
            long began = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
            System.err.println("startup " + (System.currentTimeMillis() - began) + " ms " + name);
        }
    }

    /** Call before {@code stage.show()}. */
    public static void watch(Stage stage) {
        if (!active()) {
            return;
        }
        stage.setOnShown(e -> new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                phase("frame " + frames);
                if (++frames == 2) {
                    stop();
                    if (TRACING) {
                        System.err.println("startup cpu ms by thread: " + threadTimes());
                    }
                    System.out.println("window-ready");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
            }
        }.start());
    }

    /** Each thread's user and system time from /proc (clock ticks of 10 ms), or why not. */
    private static String threadTimes() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (ticks > 0) {
                    b.append(' ').append(name.replace(' ', '_')).append('=').append(ticks * 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        return b.toString().trim();
    }
}
