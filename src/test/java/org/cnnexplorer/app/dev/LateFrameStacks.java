package org.cnnexplorer.app.dev;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A developer tool for {@link FrameCheck}: while a frame is late (35 ms since the last one), takes
 * the FX thread's stack every 3 ms and counts the app's innermost method in it and the innermost
 * method overall, and what the renderer thread was drawing meanwhile (the FX thread waits for it
 * when a frame is slow to draw), so a slow frame names its cause.
 */
final class LateFrameStacks {
    private final Map<String, Integer> app = new HashMap<>();
    private final Map<String, Integer> top = new HashMap<>();
    private final Map<String, Integer> renderer = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    LateFrameStacks(Thread fx, LongSupplier lastFrame) {
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.nanoTime() - lastFrame.getAsLong() > 35_000_000L) {
                    record(fx.getStackTrace());
                    Thread r = rendererThread();
                    if (r != null) {
                        recordRenderer(r.getStackTrace());
                    }
                }
            }
        }, "late-frame-stacks");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void record(StackTraceElement[] stack) {
        samples++;
        String inner = null;
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("org.cnnexplorer") && !e.getClassName().contains(".dev.")) {
                inner = e.getClassName().replace("org.cnnexplorer.", "") + "." + e.getMethodName() + ":" + e.getLineNumber();
                break;
            }
        }
        app.merge(inner == null ? "(JavaFX only: " + frame(stack, 0) + ")" : inner, 1, Integer::sum);
        top.merge(frame(stack, 0), 1, Integer::sum);
    }

    private Thread rendererThread;

    private Thread rendererThread() {
        if (rendererThread == null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("QuantumRenderer")) {
                    rendererThread = t;
                }
            }
        }
        return rendererThread;
    }

    /** The renderer's innermost method under JavaFX's scene-graph rendering (what it was drawing). */
    private synchronized void recordRenderer(StackTraceElement[] stack) {
        String what = frame(stack, 0);
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("com.sun.javafx.sg.prism.NG")) {
                what = e.getClassName().replace("com.sun.javafx.sg.prism.", "") + "." + e.getMethodName() + " < " + what;
                break;
            }
        }
        renderer.merge(what, 1, Integer::sum);
    }

    private static String frame(StackTraceElement[] stack, int i) {
        return stack.length <= i ? "?" : stack[i].getClassName() + "." + stack[i].getMethodName();
    }

    /** Stops sampling; the counts as indented lines (one sample is about 3 ms of a late frame). */
    synchronized String stop() {
        running = false;
        StringBuilder b = new StringBuilder("\n    late-frame samples: " + samples);
        app.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(12)
                .forEach(e -> b.append("\n      ").append(e.getValue()).append("  ").append(e.getKey()));
        b.append("\n    innermost:");
        top.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(6)
                .forEach(e -> b.append("\n      ").append(e.getValue()).append("  ").append(e.getKey()));
        b.append("\n    renderer meanwhile:");
        renderer.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(8)
                .forEach(e -> b.append("\n      ").append(e.getValue()).append("  ").append(e.getKey()));
        return b.toString();
    }
}
