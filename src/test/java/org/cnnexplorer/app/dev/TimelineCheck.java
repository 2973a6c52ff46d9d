package org.cnnexplorer.app.dev;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.cnnexplorer.app.ExplorerApp;
import org.cnnexplorer.app.TrainingController;
import org.cnnexplorer.app.timeline.SessionRun;
import org.cnnexplorer.app.timeline.TimelineBar;
import org.cnnexplorer.app.timeline.TimelineFeature;
import org.cnnexplorer.train.RunControl;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;

/**
 * A developer tool, not a test: trains full MNIST for 3 epochs in the real window, then scrubs
 * the timeline to random steps with each tab showing and prints the median time until the views
 * have the step, the replay's frame rate at 30 fps, and the run's history memory.
 * {@code java -cp <test classpath> org.cnnexplorer.app.dev.TimelineCheck [SCRUBS] [RUN.cnnrun]} (with a run file
 * of such a run, from {@code train --train all --save-run}, it opens that instead of training)
 */
public final class TimelineCheck {
    static int scrubs;
    static String runFile;

    private TimelineCheck() {
    }

    public static void main(String[] args) {
        scrubs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        runFile = args.length > 1 ? args[1] : null;
        Application.launch(App.class, args);
    }

    public static class App extends ExplorerApp {
        @Override
        public void start(Stage stage) {
            super.start(stage);
            Thread t = new Thread(() -> measure(this), "timeline-check");
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
            TimelineFeature tl = app.timeline();
            TimelineBar bar = tl.bar();
            long t0 = System.nanoTime();
            if (runFile != null) {
                fx(() -> tl.open(java.nio.file.Path.of(runFile)));
            } else {
                fx(() -> {
                    c.configProperty().set(TrainConfig.article().withSizes(TrainConfig.ALL, 1000));
                    c.paceProperty().set(RunControl.FULL_SPEED);
                    c.start();
                    return null;
                });
            }
            while (!fx(() -> !tl.runs().runs().isEmpty() && tl.runs().runs().get(0).history().status() != RunHistory.Status.RUNNING)) {
                Thread.sleep(200);
            }
            SessionRun run = fx(() -> tl.runs().runs().get(0));
            RunHistory h = run.history();
            System.out.printf(Locale.ROOT, "trained %,d steps in %.1f s; %d snapshots every %d, %.1f MB%n", h.endStep(),
                    (System.nanoTime() - t0) / 1e9, h.snapshotCount(), h.snapshotEvery(), h.snapshotBytes() / 1e6);
            Random rnd = new Random(3);
            String[] tabs = {"tab-training", "tab-filters", "tab-feature-maps", "tab-pooling", "tab-draw", "tab-backprop", TimelineFeature.RUNS_TAB};
            // Warm up: the first replays run the training step before the JIT has compiled it.
            for (int i = 0; i < 40; i++) {
                long step = (long) (rnd.nextDouble() * h.endStep());
                List<Object> done = new ArrayList<>();
                fx(() -> {
                    tl.presenter().setLatencyListener(done::add);
                    bar.userMoved(step);
                    return null;
                });
                while (fx(done::isEmpty)) {
                    Thread.sleep(2);
                }
            }
            for (String tab : tabs) {
                List<org.cnnexplorer.app.timeline.MomentPresenter.Timing> ms = new ArrayList<>();
                fx(() -> {
                    app.window().select(tab);
                    tl.presenter().setLatencyListener(ms::add);
                    if (tab.equals("tab-draw") && app.drawView().drawing().isEmpty()) {
                        // a "1": Draw reads a drawing, and has nothing to render without one
                        app.drawView().drawing().begin(140, 50);
                        app.drawView().drawing().extend(140, 230);
                        app.drawView().drawing().end();
                    }
                    return null;
                });
                // The tab's view, if it renders through LiveView: a moment is shown once it has rendered.
                javafx.scene.Node node = fx(() -> app.window().pages().get(tab) != null ? app.window().pages().get(tab).node()
                        : app.window().tabs().getTabs().stream().filter(x -> tab.equals(x.getId())).findFirst().orElseThrow().getContent());
                org.cnnexplorer.app.view.LiveView live = node instanceof org.cnnexplorer.app.view.LiveView v ? v : null;
                List<Double> shownMs = new ArrayList<>();
                List<Double> cpuMs = new ArrayList<>();
                // The first scrubs of a tab also compile its code and lay it out for the first time: not counted.
                int warmUp = 5;
                for (int i = 0; i < scrubs + warmUp; i++) {
                    if (i == warmUp) {
                        shownMs.clear();
                        cpuMs.clear();
                        fx(() -> {
                            ms.clear();
                            return null;
                        });
                    }
                    long step = (long) (rnd.nextDouble() * h.endStep());
                    int before = fx(ms::size);
                    long rendersBefore = live == null ? 0 : fx(live::renders);
                    long a0 = System.nanoTime();
                    fx(() -> {
                        bar.userMoved(step);
                        return null;
                    });
                    long give = System.nanoTime() + 2_000_000_000L;  // a view that has nothing to redraw
                    while (fx(ms::size) == before || (live != null && fx(live::renders) == rendersBefore && System.nanoTime() < give)) {
                        Thread.sleep(1);
                    }
                    shownMs.add((System.nanoTime() - a0) / 1e6);
                    var m = fx(() -> ms.get(ms.size() - 1));
                    double render = live == null ? 0 : fx(live::lastRenderCpuMs);
                    cpuMs.add(m.replayCpuMs() + m.viewsCpuMs() + render);
                    Thread.sleep(30);
                }
                double[] v = shownMs.stream().mapToDouble(Double::doubleValue).toArray();
                double[] c2 = cpuMs.stream().mapToDouble(Double::doubleValue).toArray();
                double[] rc = fx(() -> ms.stream().mapToDouble(m -> m.replayCpuMs()).toArray());
                Arrays.sort(v);
                Arrays.sort(c2);
                Arrays.sort(rc);
                System.out.printf(Locale.ROOT, "scrub %-18s until shown: wall median %.1f ms, 90th %.1f ms; CPU (replay + views + render) median %.1f ms, 90th %.1f ms; replay CPU median %.1f ms (%d scrubs)%n",
                        tab, v[v.length / 2], v[v.length * 9 / 10], c2[c2.length / 2], c2[c2.length * 9 / 10], rc[rc.length / 2], v.length);
            }
            // Replay: 30 frames a second at 3,000 steps a second with Feature maps showing.
            List<org.cnnexplorer.app.timeline.MomentPresenter.Timing> frames = new ArrayList<>();
            fx(() -> {
                app.window().select("tab-feature-maps");
                tl.presenter().setLatencyListener(frames::add);
                bar.userMoved(1000);
                bar.speedBox().setValue(3000);
                bar.togglePlay();
                return null;
            });
            long p0 = System.nanoTime();
            long pulses0 = fx(() -> app.training().frameRate().frames());
            Thread.sleep(5000);
            long pulses = fx(() -> app.training().frameRate().frames()) - pulses0;
            fx(() -> {
                bar.togglePlay();
                return null;
            });
            double secs = (System.nanoTime() - p0) / 1e9;
            double[] rc = fx(() -> frames.stream().mapToDouble(m -> m.replayCpuMs() + m.viewsCpuMs()).toArray());
            Arrays.sort(rc);
            double render = fx(() -> app.training().featureMapsView().lastRenderCpuMs());
            System.out.printf(Locale.ROOT, "replay: %.1f moments shown per second, %.1f window frames (pulses) per second, step now %,d;"
                    + " CPU per moment: replay + hand-over median %.1f ms, Feature maps render %.1f ms%n",
                    fx(frames::size) / secs, pulses / secs, fx(bar::step),
                    rc.length == 0 ? 0 : rc[rc.length / 2], render);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.runLater(Platform::exit);
        }
    }

    static <T> T fx(Callable<T> call) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                err.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }
}
