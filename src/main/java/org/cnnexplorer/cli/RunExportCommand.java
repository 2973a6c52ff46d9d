package org.cnnexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.AtomicFile;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.io.ReplayExport;
import org.cnnexplorer.io.RunFile;
import org.cnnexplorer.io.RunFileException;
import org.cnnexplorer.train.DataIdentity;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunReplay;

/**
 * {@code run-export}: the weights at any step of a run file as a model, or the run's replay as an
 * animated GIF or numbered PNGs. The weights come from training again from the nearest earlier
 * snapshot, so they equal those of {@code train --steps N} with the same settings bit for bit.
 */
final class RunExportCommand {
    static final Set<String> VALUED = Set.of("data", "step", "save", "gif", "png-dir", "frames", "from", "to", "image", "fps");

    static final String HELP = """
            usage: run-export RUN.cnnrun [--data DIR] --step N --save MODEL.npz
                   run-export RUN.cnnrun [--data DIR] (--gif OUT.gif | --png-dir DIR)
                                         [--frames K] [--from A] [--to B] [--image I] [--fps F]

            Reads a run written by train --save-run (or the app's File > Save run...).

              --step N --save FILE  the weights after step N (0 = the start) as a model .npz; the
                                    same bits as train with the run's settings and --steps N
              --gif OUT.gif         the filters across the run as a looping animated GIF
              --png-dir DIR         the same frames as DIR/frame-0001.png, frame-0002.png, ...
              --frames K            how many frames, spread evenly (default 60, at most 2000)
              --from A, --to B      the steps the frames span (default the whole run)
              --image I             also show training image I's feature maps (0 = the first)
              --fps F               frames per second of the GIF (default 10)
              --data DIR            the folder the run was trained on, if not the bundled MNIST
            """;

    private RunExportCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err)
            throws UsageException, HelpRequested, DataException, CommandFailedException, RunFileException {
        Options o = Options.parse("run-export", args, 1, VALUED, Set.of());
        if (o.positional().isEmpty()) {
            throw new UsageException("run-export needs a run file; see run-export --help");
        }
        o.noMorePositional("run-export", 1);
        Path file = Path.of(o.positional().get(0));
        boolean model = o.has("step") || o.has("save");
        int outputs = (model ? 1 : 0) + (o.has("gif") ? 1 : 0) + (o.has("png-dir") ? 1 : 0);
        if (outputs != 1) {
            throw new UsageException(outputs == 0 ? "run-export needs --step N --save MODEL.npz, --gif OUT.gif or --png-dir DIR"
                    : "give one of --step/--save, --gif and --png-dir at a time");
        }
        if (model && !(o.has("step") && o.has("save"))) {
            throw new UsageException(o.has("step") ? "--step needs --save MODEL.npz" : "--save needs --step N");
        }
        Path target = model ? o.path("save") : o.has("gif") ? o.path("gif") : null;
        if (target != null) {
            String why = AtomicFile.whyNotWritable(target);
            if (why != null) {
                throw new CommandFailedException(why);
            }
        }
        Path pngDir = o.path("png-dir");
        if (pngDir != null && Files.exists(pngDir) && !Files.isDirectory(pngDir)) {
            throw new CommandFailedException(pngDir + " is a file, not a folder");
        }
        int frames = o.intInRange("frames", 60, 1, 2000);
        int fps = o.intInRange("fps", 10, 1, 50);

        RunHistory run = RunFile.load(file);
        long first = run.startStep();
        long last = run.endStep();
        String name = String.valueOf(file.getFileName());
        Dataset train = trainingImages(o.path("data"), run, name);

        if (model) {
            long step = o.longValue("step", 0);
            checkStep("step", step, first, last, name);
            try {
                NpzModel.save(new RunReplay(run, train).seek(step), target);
            } catch (IOException e) {
                throw new CommandFailedException("cannot save the model to " + target + ": " + org.cnnexplorer.io.SaveFailedException.reasonOf(e));
            }
            out.println("Saved the weights after step " + step + " of " + name + " to " + target);
            return Cli.OK;
        }
        long from = o.longValue("from", first);
        long to = o.longValue("to", last);
        checkStep("from", from, first, last, name);
        checkStep("to", to, first, last, name);
        if (to < from) {
            throw new UsageException("--to " + to + " comes before --from " + from);
        }
        int image = -1;
        if (o.has("image")) {
            image = o.intInRange("image", 0, 0, run.data().count() - 1);
        }
        ReplayExport export = new ReplayExport(run, train, image);
        List<Long> steps = ReplayExport.steps(from, to, frames);
        try {
            if (pngDir != null) {
                export.writePngs(steps, pngDir, null);
                out.println("Wrote " + steps.size() + " frames to " + pngDir);
            } else {
                export.writeGif(steps, fps, target, null);
                out.println("Wrote " + steps.size() + " frames to " + target);
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot write the frames: " + e.getMessage());
        }
        return Cli.OK;
    }

    private static void checkStep(String option, long step, long first, long last, String name) throws UsageException {
        if (step < first || step > last) {
            throw new UsageException("--" + option + " " + step + " is outside " + name + ", which holds steps " + first + " to " + last);
        }
    }

    /** The run's training images: from --data, else the bundled MNIST; refused if they are not the run's. */
    private static Dataset trainingImages(Path data, RunHistory run, String name) throws DataException, CommandFailedException {
        MnistFiles.Split split = DataArgs.load(data, run.config().seed(), note -> { });
        Dataset train = split.train();
        DataIdentity id = DataIdentity.of(split.source(), train, run.config());
        if (!id.sameImages(run.data())) {
            throw new CommandFailedException(name + " was trained on " + run.data().count() + " images from " + run.data().source()
                    + ", and these (" + split.source() + ") differ; pass --data with the folder it was trained on");
        }
        return train;
    }
}
