package org.cnnexplorer.app.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.TrainConfig;

/**
 * A developer tool, not a test: the frame rate of the real window while it trains on the whole
 * MNIST training set at full speed, (0) on the Training tab in the run's first 3 seconds (it starts as
 * soon as the data is in), (1) in the first second after switching to each tab (the first visit and
 * a later one), and (2) while a pen draws on the Draw tab, one move per frame.
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.FrameCheck [SECONDS [TAB-ID]]}. Run it with
 * {@code -XX:StartFlightRecording=filename=x.jfr} and read the FX thread's samples with
 * {@code jfr print --events jdk.ExecutionSample} to see where a slow frame's time goes, or with
 * {@code -Dframecheck.stacks=true}, which samples the FX thread's stack every few ms while a frame
 * is late and prints the app's methods found most often (JFR samples that thread too seldom).
 */
public final class FrameCheck {
    static int seconds;
    /** With a second argument (a tab id), only that tab is watched, for SECONDS, e.g. under a profiler. */
    static String onlyTab;

    private FrameCheck() {
    }

    public static void main(String[] args) {
        seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        onlyTab = args.length > 1 ? args[1] : null;
        Application.launch(App.class, args);
    }

    public static class App extends ExplorerApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            if ("start".equals(onlyTab)) {
                afterStart();
                return;
            }
            Thread t = new Thread(() -> measure(this), "frame-check");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Frame times (ns) recorded by an AnimationTimer while it runs. */
    static final class Frames {
        static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
        final List<Long> times = new ArrayList<>();
        /** CPU time (ns) of the FX thread and of the renderer thread at each frame. */
        final List<Long> fxCpu = new ArrayList<>();
        final List<Long> renderCpu = new ArrayList<>();
        long renderer = -1;
        volatile long lastFrame;
        LateFrameStacks late;
        final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (renderer < 0) {
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().startsWith("QuantumRenderer")) {
                            renderer = t.getId();
                        }
                    }
                }
                times.add(now);
                lastFrame = System.nanoTime();
                if (late == null && Boolean.getBoolean("framecheck.stacks")) {
                    late = new LateFrameStacks(Thread.currentThread(), () -> lastFrame);
                }
                fxCpu.add(MX.getCurrentThreadCpuTime());
                renderCpu.add(MX.getThreadCpuTime(renderer));
            }
        };

        /** Mean and largest CPU time between frames, in ms. */
        static String cpu(List<Long> c) {
            long worst = 0;
            for (int i = 1; i < c.size(); i++) {
                worst = Math.max(worst, c.get(i) - c.get(i - 1));
            }
            double mean = c.size() < 2 ? 0 : (c.get(c.size() - 1) - c.get(0)) / 1e6 / (c.size() - 1);
            return String.format(Locale.ROOT, "%.1f/%.0f", mean, worst / 1e6);
        }

        String summary(String what, double span) {
            long worst = 0;
            for (int i = 1; i < times.size(); i++) {
                worst = Math.max(worst, times.get(i) - times.get(i - 1));
            }
            double fps = times.size() < 2 ? 0 : (times.size() - 1) * 1e9 / (times.get(times.size() - 1) - times.get(0));
            // The slowest 250 ms window.
            double minWindow = Double.MAX_VALUE;
            for (int i = 0; i < times.size(); i++) {
                int n = 0;
                for (int j = i; j < times.size() && times.get(j) - times.get(i) < 250_000_000L; j++) {
                    n++;
                }
                if (times.get(times.size() - 1) - times.get(i) >= 250_000_000L) {
                    minWindow = Math.min(minWindow, n * 4.0);
                }
            }
            String line = String.format(Locale.ROOT, "%-28s fps_avg=%.1f fps_min_250ms=%.0f longest_frame_ms=%.0f cpu_ms_per_frame(mean/max) fx=%s render=%s (%.1f s)",
                    what, fps, minWindow == Double.MAX_VALUE ? 0 : minWindow, worst / 1e6, cpu(fxCpu), cpu(renderCpu), span);
            return late == null ? line : line + late.stop();
        }
    }

    /**
     * {@code FrameCheck SECONDS start}: the frames of the first SECONDS after the window shows, while
     * the other tabs are built and the data loads, per half second (how well the window answers).
     */
    private static void afterStart() {
        Frames f = new Frames();
        f.timer.start();
        javafx.animation.PauseTransition end = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(seconds));
        end.setOnFinished(e -> {
            f.timer.stop();
            long t0 = f.times.get(0);
            StringBuilder b = new StringBuilder("frames per 0.5 s after the window shows:");
            int[] buckets = new int[seconds * 2];
            long worst = 0;
            for (int i = 0; i < f.times.size(); i++) {
                int k = (int) ((f.times.get(i) - t0) / 500_000_000L);
                if (k < buckets.length) {
                    buckets[k]++;
                }
                if (i > 0) {
                    worst = Math.max(worst, f.times.get(i) - f.times.get(i - 1));
                }
            }
            for (int n : buckets) {
                b.append(' ').append(n);
            }
            System.out.println(b + String.format(Locale.ROOT, "; longest frame %.0f ms", worst / 1e6));
            Platform.exit();
        });
        end.play();
    }

    private static void measure(ExplorerApp app) {
        try {
            while (fx(() -> app.model().data()) == null) {
                Thread.sleep(100);
            }
            TrainingController c = app.training().controller();
            // -Dframecheck.idleFirst=S: the window stays idle S seconds before the run (as a learner
            // reading the window first would), so the engine's warm-up has run
            Thread.sleep(1000L * Integer.getInteger("framecheck.idleFirst", 0));
            Frames runStart = new Frames();
            fx(() -> {
                c.configProperty().set(TrainConfig.article().withSizes(TrainConfig.ALL, 1000).withEpochs(20));
                c.paceProperty().set(RunControl.FULL_SPEED);
                runStart.timer.start();
                c.start();
                return null;
            });
            Thread.sleep(3000);
            fx(() -> {
                runStart.timer.stop();
                return null;
            });
            // the Training tab while the run starts (and the window builds the tabs not built yet)
            System.out.println(runStart.summary("training, run's first 3 s", 3)
                    + String.format(Locale.ROOT, " steps=%,d", fx(c::imagesSeen)));
            if (onlyTab != null) {
                Frames f = new Frames();
                fx(() -> {
                    app.window().select(onlyTab);
                    f.timer.start();
                    return null;
                });
                Thread.sleep(seconds * 1000L);
                fx(() -> {
                    f.timer.stop();
                    return null;
                });
                System.out.println(f.summary(onlyTab, seconds));
                return;
            }
            String[] tabs = {"tab-filters", "tab-feature-maps", "tab-pooling", "tab-evaluation", "tab-filters", "tab-pooling", "tab-evaluation"};
            boolean[] seen = new boolean[tabs.length];
            for (int i = 0; i < tabs.length; i++) {
                String tab = tabs[i];
                for (int j = 0; j < i; j++) {
                    seen[i] |= tabs[j].equals(tab);
                }
                Frames back = new Frames();
                fx(() -> {
                    back.timer.start();
                    app.window().select("tab-training");
                    return null;
                });
                Thread.sleep(1000);
                fx(() -> {
                    back.timer.stop();
                    return null;
                });
                if (i > 0) {
                    System.out.println(back.summary("tab-training back", 1));
                }
                Frames f = new Frames();
                fx(() -> {
                    f.timer.start();
                    app.window().select(tab);
                    return null;
                });
                Thread.sleep(1000);
                fx(() -> {
                    f.timer.stop();
                    return null;
                });
                System.out.println(f.summary(tab + (seen[i] ? " again" : " first visit"), 1));
            }
            System.out.println(draw(app, "draw while training", seconds));
            fx(() -> {
                c.pause();
                return null;
            });
            Thread.sleep(500);
            System.out.println(draw(app, "draw, training paused", seconds));
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    /** Draws circles on the Draw tab, one pen move per frame, lifting the pen every second. */
    private static String draw(ExplorerApp app, String what, int secs) throws InterruptedException {
        Frames f = new Frames();
        long[] start = new long[1];
        AnimationTimer pen = new AnimationTimer() {
            private boolean down;

            @Override
            public void handle(long now) {
                Region pad = (Region) app.drawView().lookup("#draw-canvas");
                if (pad == null) {
                    app.drawView().applyCss();  // the pad sits in a scroll pane, found once it has its skin
                    pad = (Region) app.drawView().lookup("#draw-canvas");
                }
                Canvas canvas = (Canvas) pad.getChildrenUnmodifiable().get(0);
                double t = (now - start[0]) / 1e9;
                double x = 140 + 80 * Math.cos(t * 6);
                double y = 140 + 80 * Math.sin(t * 6);
                if (!down) {
                    app.drawView().clear();
                    fire(canvas, MouseEvent.MOUSE_PRESSED, x, y, true);
                    down = true;
                } else if (t % 1.0 < 0.02) {
                    fire(canvas, MouseEvent.MOUSE_RELEASED, x, y, false);
                    down = false;
                } else {
                    fire(canvas, MouseEvent.MOUSE_DRAGGED, x, y, true);
                }
            }
        };
        fx(() -> {
            app.window().select(ExplorerApp.DRAW_TAB);
            start[0] = System.nanoTime();
            pen.start();
            return null;
        });
        Thread.sleep(1000);
        fx(() -> {
            f.timer.start();
            return null;
        });
        Thread.sleep(secs * 1000L);
        fx(() -> {
            f.timer.stop();
            pen.stop();
            return null;
        });
        return f.summary(what, secs);
    }

    private static void fire(Canvas c, javafx.event.EventType<MouseEvent> type, double x, double y, boolean primaryDown) {
        Point2D scene = c.localToScene(x, y);
        Point2D screen = c.localToScreen(x, y);
        Event.fireEvent(c, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, primaryDown, false, false, true, false, false, null));
    }

    private static <T> T fx(Supplier<T> s) {
        return DevFx.fx(s);
    }
}
