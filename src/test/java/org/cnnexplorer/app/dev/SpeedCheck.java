package org.cnnexplorer.app.dev;

import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.TrainingSnapshot;

/**
 * A developer tool, not a test: trains the whole MNIST training set at full speed in the real
 * window with one tab showing, and prints the training steps per second and the frame rate.
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.SpeedCheck [TAB_ID] [SECONDS]}.
 */
public final class SpeedCheck {
    static String tab;
    static int seconds;

    private SpeedCheck() {
    }

    public static void main(String[] args) {
        tab = args.length > 0 ? args[0] : "tab-training";
        seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Application.launch(App.class, args);
    }

    public static class App extends ExplorerApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            Thread t = new Thread(() -> measure(this), "speed-check");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void measure(ExplorerApp app) {
        try {
            while (fx(() -> app.model().data()) == null) {
                Thread.sleep(100);
            }
            TrainingController c = app.training().controller();
            fx(() -> {
                app.window().select(tab);
                c.configProperty().set(TrainConfig.article().withSizes(TrainConfig.ALL, 1000).withEpochs(20));
                c.paceProperty().set(RunControl.FULL_SPEED);
                return null;
            });
            Dataset train = app.model().data().train();
            // Alternate the bare engine loop (what the CLI's bench times) with training in the
            // window, so that both see the same machine load.
            for (int round = 0; round < 3; round++) {
                double bare = bareSteps(train, seconds);
                fx(() -> {
                    if (c.state() == TrainingController.RunState.IDLE) {
                        c.start();
                    } else {
                        c.resume();
                    }
                    return null;
                });
                Thread.sleep(round == 0 ? 3000 : 1000);  // the first round also warms up the JIT
                java.util.Map<String, Long> cpu0 = threadCpu();
                long s0 = fx(() -> steps(c));
                long f0 = fx(() -> app.training().frameRate().frames());
                long t0 = System.nanoTime();
                double minFps = Double.MAX_VALUE;
                for (int i = 0; i < seconds; i++) {
                    Thread.sleep(1000);
                    minFps = Math.min(minFps, fx(() -> app.training().frameRate().fpsProperty().get()));
                }
                long s1 = fx(() -> steps(c));
                long f1 = fx(() -> app.training().frameRate().frames());
                double dt = (System.nanoTime() - t0) / 1e9;
                java.util.Map<String, Long> cpu1 = threadCpu();
                StringBuilder busy = new StringBuilder();
                for (var e : cpu1.entrySet()) {
                    double pct = (e.getValue() - cpu0.getOrDefault(e.getKey(), 0L)) / 1e7 / dt;
                    if (pct >= 3) {
                        busy.append(String.format(Locale.ROOT, " [%s %.0f%%]", e.getKey(), pct));
                    }
                }
                double engineUs = (cpu1.getOrDefault("engine", 0L) - cpu0.getOrDefault("engine", 0L)) / 1e3 / Math.max(1, s1 - s0);
                System.out.printf(Locale.ROOT, "cpu:%s engine_cpu_us_per_step=%.1f bare_us_per_step=%.1f%n", busy, engineUs, bareCpuUs);
                fx(() -> {
                    c.pause();
                    return null;
                });
                Thread.sleep(500);
                double inApp = (s1 - s0) / dt;
                System.out.printf(Locale.ROOT, "tab=%s bare_steps_per_s=%.0f app_steps_per_s=%.0f ratio=%.2f fps_avg=%.1f fps_min=%.1f%n",
                        tab, bare, inApp, inApp / bare, (f1 - f0) / dt, minFps);
            }
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    private static double bareCpuUs;

    /** Steps per second of the trainer's step alone on this thread, after a short warm-up. */
    private static double bareSteps(Dataset train, int seconds) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Network net = new Network(8, train.rows(), train.cols(), 1);
        org.cnnexplorer.nn.fast.TrainStep step = org.cnnexplorer.nn.fast.Steps.forTraining(net);
        int i = 0;
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            int k = i++ % train.count();
            step.forward(net, train.pixels(), train.offset(k));
            step.backprop(net, train.label(k), 0.005);
        }
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long end = t0 + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < end) {
            int k = i++ % train.count();
            step.forward(net, train.pixels(), train.offset(k));
            step.backprop(net, train.label(k), 0.005);
            n++;
        }
        bareCpuUs = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / n;
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** CPU time (ns) of each live thread, by name. */
    private static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = mx.getThreadCpuTime(t.getId());
            if (ns > 0) {
                m.merge(t.getName(), ns, Long::sum);
            }
        }
        return m;
    }

    private static long steps(TrainingController c) {
        TrainingSnapshot s = c.snapshotProperty().get();
        return s == null ? 0 : s.imagesSeen();
    }

    private static <T> T fx(Supplier<T> s) {
        return DevFx.fx(s);
    }
}
