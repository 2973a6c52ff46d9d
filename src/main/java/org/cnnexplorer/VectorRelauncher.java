package org.cnnexplorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restarts the JVM with {@code --add-modules jdk.incubator.vector}, which a jar manifest cannot
 * add, so that {@code java -jar cnn-explorer.jar} trains with the vector step (nn.fast).
 *
 * <p>Only where that makes training faster: starting a second JVM costs a few tenths of a
 * second, and the vector step saves tens of microseconds a step over the scalar twin. So the
 * window (training at full speed) and {@code bench} relaunch, {@code train} relaunches from
 * {@value #MIN_STEPS} steps on (the article's default run of 3,000 is over before a second JVM
 * is up), and {@code eval}, {@code predict} and {@code help} never do: evaluation runs the
 * scalar forward pass on every core.
 *
 * <p>The child is the same java binary with this JVM's own options, the module, the option that
 * lets the trainer's lower thread priority count on Linux, the same class path, main class and
 * arguments. Stdin and stdout are inherited. The child's stderr comes through this process so that
 * the JVM's notices about those options ("WARNING: Using incubator modules", and for a user who is
 * not root one about the priority option), which it prints first, can be dropped: the command line
 * promises a single line on stderr for an error. Everything after them is copied byte by byte as
 * it arrives (the training progress line ends in \r, not \n). The
 * parent exits with the child's exit code; on Ctrl-C both get the signal, the child exits by it
 * and the parent, woken by the child's exit, exits with the same code. If the parent is killed
 * outright ({@code kill -9}, which runs no shutdown hook), the child notices within a second and
 * exits too ({@link #exitWithParent}).
 *
 * <p>Not relaunched when the module is already there, when {@value #SCALAR_ENV} is set (to run
 * the scalar path in-process), or when the child is itself a relaunch. If starting the child
 * fails for any reason, the caller runs in-process on the scalar path.
 */
final class VectorRelauncher {
    static final String MODULE = "jdk.incubator.vector";
    /** Set to anything non-empty: do not relaunch, train with the plain-Java step. */
    static final String SCALAR_ENV = "CNN_EXPLORER_SCALAR";
    /** Marks the child (so it does not relaunch again) and names its parent's process id. */
    static final String CHILD_PROPERTY = "cnnexplorer.relaunched";
    /** Fewer training steps than this and a second JVM costs more than the vector step saves. */
    static final long MIN_STEPS = 20_000;
    private static final String WARNING_PREFIX = "WARNING: Using incubator modules";
    /** Lets a lowered Java thread priority reach Linux (the trainer's, see ModelStore). */
    static final String PRIORITY_OPTION = "-XX:ThreadPriorityPolicy=1";
    /**
     * With it, the JIT's compiler threads at Linux's nice 4 too, like the trainer: while a run
     * starts cold they would otherwise take the window's core. (A native priority: Linux only.)
     */
    static final String COMPILER_PRIORITY_OPTION = "-XX:CompilerThreadPriority=4";
    /** Where Java priorities need the options above (elsewhere the JVM maps them by itself). */
    static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");

    private VectorRelauncher() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM that has the vector module and
     * returns its exit code, or returns empty when the caller should go on in this JVM.
     */
    static Optional<Integer> relaunchIfUseful(Class<?> mainClass, String[] args) {
        if (ModuleLayer.boot().findModule(MODULE).isPresent()
                || System.getProperty(CHILD_PROPERTY) != null
                || !isEmpty(System.getenv(SCALAR_ENV))
                || !trainsEnough(args)) {
            return Optional.empty();
        }
        return relaunch(mainClass, args);
    }

    /**
     * Whether the command trains long enough to be worth a second JVM: the window, bench, and
     * train with at least {@link #MIN_STEPS} steps (training images times epochs, as far as
     * the arguments say; arguments it cannot read are left to the command's own checks, here).
     */
    static boolean trainsEnough(String[] args) {
        if (args.length == 0) {
            return true;
        }
        if (args[0].equals("bench")) {
            return true;
        }
        if (!args[0].equals("train")) {
            return false;
        }
        long images = 1000;
        long epochs = 3;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : "";
            if (a.equals("--train") || a.startsWith("--train=")) {
                images = value.equals("all") ? 60_000 : parseOr(value, -1);
            } else if (a.equals("--epochs") || a.startsWith("--epochs=")) {
                epochs = parseOr(value, -1);
            } else if (a.equals("-h") || a.equals("--help")) {
                return false;
            }
        }
        return images > 0 && epochs > 0 && images * epochs >= MIN_STEPS;
    }

    private static long parseOr(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Runs {@code mainClass} in a child JVM with the vector module; empty if it cannot be started. */
    static Optional<Integer> relaunch(Class<?> mainClass, String[] args) {
        Process child;
        try {
            Optional<String> java = ProcessHandle.current().info().command();
            String classPath = System.getProperty("java.class.path");
            if (java.isEmpty() || isEmpty(classPath)) {
                return Optional.empty();
            }
            List<String> cmd = childCommand(java.get(), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    classPath, mainClass, args);
            child = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException | RuntimeException | Error e) {
            return Optional.empty();
        }
        Thread pump = new Thread(() -> copyStderr(child.getErrorStream(), System.err), "child-stderr");
        pump.setDaemon(true);
        pump.start();
        // Ctrl-C reaches the child directly (same process group): this JVM ignores it and waits
        // for the child's exit code (130). If this JVM is stopped some other way, take the child
        // down too.
        ignoreInterrupt();
        Thread killer = new Thread(child::destroy, "stop-child");
        Runtime.getRuntime().addShutdownHook(killer);
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                // keep waiting: the exit code is the child's
            }
        }
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return Optional.of(code);
    }

    /**
     * In a relaunched child: exits as soon as the parent JVM is gone. A parent killed with
     * {@code kill -9} cannot stop its child, so the child watches (the JDK polls a process that
     * is not its own child). Does nothing in a JVM that was not relaunched.
     */
    static void exitWithParent() {
        String parent = System.getProperty(CHILD_PROPERTY);
        if (parent == null) {
            return;
        }
        long pid = parseOr(parent, -1);
        Optional<ProcessHandle> handle = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (handle.isEmpty() || !handle.get().isAlive()) {
            Runtime.getRuntime().halt(1);
        }
        // onExit's completion runs on a JDK daemon thread; exit, not halt, so the window's
        // shutdown (and any atomic file write) finishes cleanly.
        handle.get().onExit().thenRun(() -> System.exit(1));
    }

    /** The child's command line: this JVM's options, the module, the priority options (Linux), the rest as given. */
    static List<String> childCommand(String java, List<String> jvmOptions, String classPath, Class<?> mainClass, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("--add-modules=" + MODULE);
        if (LINUX && jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:ThreadPriorityPolicy="))) {
            cmd.add(PRIORITY_OPTION);
            if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:CompilerThreadPriority="))) {
                cmd.add(COMPILER_PRIORITY_OPTION);
            }
        }
        cmd.add("-D" + CHILD_PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Copies the child's stderr unbuffered, without the notices the JVM prints first about its own
     * options ({@link #isStartupNotice}).
     */
    static void copyStderr(InputStream in, OutputStream out) {
        try {
            // Each first line is held back until it is complete, and dropped if it is a notice.
            // The first other line goes out as soon as it ends (a progress line ends in \r),
            // then everything as it arrives.
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n' && isStartupNotice(head.toString(java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    head.reset();
                    continue;
                }
                head.write(b);
                if (b == '\n' || b == '\r' || head.size() >= 4096) {
                    break;
                }
            }
            out.write(head.toByteArray());
            out.flush();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the child is gone or our stderr is closed: nothing more to copy
        }
    }

    @SuppressWarnings("removal")
    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> { });
        } catch (RuntimeException | LinkageError e) {
            // no such signal here: the default (exit, and the hook stops the child) is fine
        }
    }

    /**
     * The JVM's lines about its options: the incubator module's, and the one a user who is not
     * root gets for {@value #PRIORITY_OPTION} (lowering a thread's priority needs no permission,
     * so the option works; only raising one would).
     */
    static boolean isStartupNotice(String line) {
        return line.startsWith(WARNING_PREFIX) || line.contains("VM warning: " + PRIORITY_OPTION + " ");
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
