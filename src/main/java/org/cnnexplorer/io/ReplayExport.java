package org.cnnexplorer.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ImageActivations;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunReplay;

/**
 * A run's replay as pictures for slides: the filters (and one training image's feature maps) at
 * evenly spaced steps, as an animated GIF or as numbered PNG files. Each frame's weights come from
 * {@link RunReplay}, so they are exactly the run's.
 */
public final class ReplayExport {
    /** Called after each frame with (frames done, frames in all); may be null. */
    public interface Progress {
        void frameDone(int done, int total);
    }

    private final RunHistory run;
    private final Dataset train;
    private final int image;

    /**
     * @param train the whole training set of the run (checked by {@link RunReplay})
     * @param image a training image (index into the run's images) whose feature maps to show, or -1
     */
    public ReplayExport(RunHistory run, Dataset train, int image) {
        this.run = run;
        this.train = train;
        this.image = image;
        if (image >= run.data().count()) {
            throw new IllegalArgumentException("image " + image + " is not one of the run's " + run.data().count() + " training images");
        }
    }

    /** {@code frames} steps spread evenly from {@code from} to {@code to}, both included, without repeats. */
    public static List<Long> steps(long from, long to, int frames) {
        List<Long> steps = new ArrayList<>();
        if (frames <= 1 || to <= from) {
            steps.add(to);
            return steps;
        }
        for (int i = 0; i < frames; i++) {
            long s = from + Math.round((double) (to - from) * i / (frames - 1));
            if (steps.isEmpty() || steps.get(steps.size() - 1) != s) {
                steps.add(s);
            }
        }
        return steps;
    }

    /** Largest |filter weight| over every snapshot: one colour scale for the whole replay. */
    public static double filterScale(RunHistory run) {
        double m = 0;
        int n = run.numFilters() * 9;
        for (int i = 0; i < run.snapshotCount(); i++) {
            double[] p = run.snapshot(i);
            for (int k = 0; k < n; k++) {
                m = Math.max(m, Math.abs(p[k]));
            }
        }
        return m;
    }

    /** Writes an animated GIF atomically. */
    public void writeGif(List<Long> steps, int framesPerSecond, Path file, Progress progress) throws IOException {
        AtomicFile.write(file, out -> {
            try (AnimatedGif gif = new AnimatedGif(out, Math.round(100f / framesPerSecond))) {
                frames(steps, progress, (i, frame) -> gif.add(frame));
            }
        });
    }

    /** Writes frame-0001.png, frame-0002.png, ... into {@code dir} (created if needed), each atomically. */
    public void writePngs(List<Long> steps, Path dir, Progress progress) throws IOException {
        Files.createDirectories(dir);
        frames(steps, progress, (i, frame) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(frame, "png", b);
            AtomicFile.write(dir.resolve(String.format(Locale.ROOT, "frame-%04d.png", i + 1)), b.toByteArray());
        });
    }

    private interface FrameSink {
        void accept(int index, BufferedImage frame) throws IOException;
    }

    private void frames(List<Long> steps, Progress progress, FrameSink sink) throws IOException {
        RunReplay replay = new RunReplay(run, train);
        ReplayFrame painter = new ReplayFrame(run.numFilters(), filterScale(run), image >= 0);
        Network scratch = null;
        Dataset images = run.config().trainSize() < 0 ? train : train.head(run.data().count());
        for (int i = 0; i < steps.size(); i++) {
            long s = steps.get(i);
            Network net = replay.seek(s);
            ImageActivations maps = null;
            if (image >= 0) {
                if (scratch == null) {
                    scratch = net.copy();
                }
                scratch.copyWeightsFrom(net);
                maps = ImageActivations.of(scratch, images.pixels(), images.offset(image), images.label(image));
            }
            sink.accept(i, painter.render(net, s, run.endStep(), run.epochOf(s), maps, image));
            if (progress != null) {
                progress.frameDone(i + 1, steps.size());
            }
        }
    }
}
