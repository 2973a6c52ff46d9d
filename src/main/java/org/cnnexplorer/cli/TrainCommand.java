package org.cnnexplorer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.cnnexplorer.data.Augmentation;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.data.DataFolder;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.io.AtomicFile;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.NpzModel;
import org.cnnexplorer.io.RunFile;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.EvalResult;
import org.cnnexplorer.train.Evaluator;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.RunRecorder;
import org.cnnexplorer.train.Trainer;
import org.cnnexplorer.train.WindowStats;

/**
 * {@code train}: the article's run, printing the article's lines. Defaults are the article's
 * (1000 training and 1000 test images, 3 epochs, learning rate 0.005, shuffled, 8 filters).
 * Everything is checked before training starts, and --save writes only after a run that worked.
 */
final class TrainCommand {
    static final Set<String> VALUED = Set.of("data", "train", "test", "epochs", "lr", "seed", "filters", "init", "save",
            "steps", "save-run", "conv-layers", "batch");
    static final Set<String> FLAGS = Set.of("no-shuffle", "first-max-only", "augment", "relu");
    /** More 100-step windows than this per epoch and the lines are merged, about ten per epoch. */
    static final int MAX_LINES_PER_EPOCH = 10;

    static final String HELP = """
            usage: train [--data DIR] [--train N|all] [--test N|all] [--epochs E] [--lr LR]
                         [--seed S] [--no-shuffle] [--filters F|F1,F2] [--first-max-only]
                         [--relu] [--conv-layers 1|2] [--batch B] [--augment]
                         [--init article|glorot|he|FILE.npz] [--save FILE.npz] [--steps N] [--save-run FILE.cnnrun]

            Trains the article's CNN (3x3 conv -> 2x2 max pool -> softmax) by SGD, one image at a
            time, prints the article's progress lines, then tests it.

              --data DIR         folder with the four MNIST IDX files (.gz or not); or pictures of
                                 digits in subfolders 0/ to 9/ (any size, read like predict reads
                                 one), with train/ and test/ subfolders laid out so if it has them,
                                 else 20% of each digit (chosen by --seed) held out as the test set;
                                 or a My digits folder, likewise; default: bundled MNIST
              --train N|all      training images, the first N (default 1000); of a picture or
                                 My digits folder, N spread over it (default all)
              --test N|all       test images, likewise
              --epochs E         passes over the training images (default 3)
              --lr LR            learning rate (default 0.005)
              --seed S           seed of the initial weights and the shuffling (default 1)
              --no-shuffle       keep the images in file order every epoch
              --filters F|F1,F2  conv filters: 1 to 64 for one layer, 1 to 32 per layer for two
                                 (default 8; "8,16" means two layers)
              --first-max-only   max-pool backward: gradient to the first maximum of a block only,
                                 instead of every position equal to it (the article's rule)
              --augment          train on randomly changed copies of half the images: shifted up
                                 to 1 pixel, rotated up to 10 degrees, strokes thicker or thinner;
                                 new changes every epoch, the same for the same --seed
              --relu             a ReLU after each convolution (the article has none)
              --conv-layers N    1 (the article) or 2: a second 3x3 convolution that sees every
                                 filter of the first (26x26 -> 24x24, pooled to 12x12)
              --batch B          images per update, gradients averaged over them (default 1)
              --init SCHEME      first weights: article (N(0,1)/9 and N(0,1)/inputs, the default),
                                 glorot or he
              --init FILE.npz    or start from these weights instead of random ones
              --save FILE.npz    write the trained weights here (NumPy .npz; the article's layout
                                 for its network, arrays per layer for the others)
              --steps N          stop after N training steps (images) in all, then test
              --save-run FILE    write the run here (.cnnrun: settings, seed, curves and weight
                                 snapshots), to look at any step again (run-export, the app)

            With more than 1000 training images, each progress line covers several hundred steps.
            The run's time goes to stderr.
            """;

    private TrainCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal)
            throws UsageException, HelpRequested, DataException, ModelFileException, CommandFailedException {
        long t0 = System.nanoTime();
        Options o = Options.parse("train", args, 1, VALUED, FLAGS);
        o.noMorePositional("train", 0);
        Path data = o.path("data");
        boolean oneSet = DataFolder.isOneSet(data);
        int trainN = o.countOrAll("train", oneSet ? DataArgs.ALL : 1000, DataArgs.ALL);
        int testN = o.countOrAll("test", oneSet ? DataArgs.ALL : 1000, DataArgs.ALL);
        int epochs = o.intInRange("epochs", 3, 1, 100_000);
        double lr = o.positiveNumber("lr", 0.005);
        long seed = o.longValue("seed", 1);
        Architecture arch = ArchitectureArgs.parse(o);
        int batch = o.intInRange("batch", 1, 1, TrainConfig.MAX_BATCH);
        Path init = ArchitectureArgs.isScheme(o.string("init")) ? null : o.path("init");
        if (init != null && !java.nio.file.Files.exists(init) && !init.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new UsageException("--init takes article, glorot, he or a model file (.npz), got \"" + o.string("init") + "\"");
        }
        Path save = o.path("save");
        Path saveRun = o.path("save-run");
        long stopAt = o.has("steps") ? o.longValue("steps", 0) : Long.MAX_VALUE;
        if (stopAt < 1) {
            throw new UsageException("--steps must be a positive whole number, got \"" + o.string("steps") + "\"");
        }

        for (Path p : new Path[] {save, saveRun}) {
            String why = p == null ? null : AtomicFile.whyNotWritable(p);
            if (why != null) {
                throw new CommandFailedException(why);
            }
        }
        Network initial = null;
        if (init != null) {
            initial = NpzModel.load(init);
            if (o.has("filters") && !arch.filtersText().equals(initial.arch.filtersText())) {
                throw new UsageException("--filters " + o.string("filters") + " disagrees with " + init.getFileName()
                        + ", which has " + initial.arch.filtersText() + " filters; leave out --filters");
            }
            if ((o.has("conv-layers") && arch.convLayers() != initial.arch.convLayers())
                    || (o.has("relu") && !initial.arch.relu())) {
                throw new UsageException(init.getFileName() + " is a " + initial.arch.describe()
                        + " network; leave out --conv-layers and --relu when starting from a file");
            }
            arch = initial.arch;
        }
        MnistFiles.Split split = DataArgs.load(data, seed, err::println);
        DataArgs.checkCount("train", trainN, split.train(), "training");
        DataArgs.checkCount("test", testN, split.test(), "test");
        Dataset trainSet = DataArgs.take(split.train(), trainN, oneSet);
        Dataset testSet = DataArgs.take(split.test(), testN, oneSet);

        TrainConfig config = new TrainConfig(trainN, testN, epochs, lr, seed, !o.has("no-shuffle"), arch, o.has("first-max-only"), batch);
        Network net = initial != null ? initial : Trainer.newNetwork(config, 28, 28);
        Trainer trainer = new Trainer(net, trainSet, config);
        if (o.has("augment")) {
            trainer.setAugmentation(new Augmentation(seed));
        }
        if (stopAt != Long.MAX_VALUE && stopAt > trainer.totalSteps()) {
            throw new UsageException("--steps " + stopAt + " is more than the run's " + trainer.totalSteps()
                    + " steps (" + epochs + " epochs of " + trainer.stepsPerEpoch() + " images)");
        }
        if (saveRun != null && !RunRecorder.canRecord(trainer)) {
            throw new UsageException("--save-run records the article's network (one convolution, no ReLU, batches of 1) only; leave it out for this network");
        }
        long t1 = System.nanoTime();

        out.println("MNIST CNN initialized!");
        if (!arch.isArticleShape() || batch > 1) {
            err.println("Network: " + arch.describe() + (batch > 1 ? ", batches of " + batch : ""));
        }
        Progress progress = new Progress(err, terminal);
        Log log = new Log(trainer, out, progress);
        RunHistory run = saveRun == null ? null
                : RunRecorder.record(String.valueOf(saveRun.getFileName()), trainer, split.source(), null, log);
        if (run == null) {
            trainer.setListener(log);
        }
        try {
            while (trainer.hasNext() && trainer.globalStep() < stopAt) {
                trainer.step();
            }
        } finally {
            progress.clear();
        }
        long t2 = System.nanoTime();

        out.println("--- Testing the CNN ---");
        EvalResult r = Evaluator.evaluate(net, testSet);
        out.println("Test Loss: " + PyFloat.repr(r.loss()));
        out.println("Test Accuracy: " + PyFloat.repr(r.accuracy()));
        out.flush();
        long t3 = System.nanoTime();
        if (run != null) {
            run.addTest(new RunHistory.TestPoint(trainer.globalStep(), trainer.epoch(), r.count(), r.loss(), r.accuracy()));
            run.finish(trainer.hasNext() ? RunHistory.Status.STOPPED : RunHistory.Status.FINISHED);
        }

        if (save != null) {
            try {
                NpzModel.save(net, save);
            } catch (IOException e) {
                throw new CommandFailedException("cannot save the model to " + save + ": " + org.cnnexplorer.io.SaveFailedException.reasonOf(e));
            }
            err.println("Saved the model to " + save);
        }
        if (run != null) {
            try {
                RunFile.save(run, saveRun);
            } catch (IOException e) {
                throw new CommandFailedException("cannot save the run to " + saveRun + ": " + org.cnnexplorer.io.SaveFailedException.reasonOf(e));
            }
            err.println("Saved the run to " + saveRun + " (" + trainer.globalStep() + " steps, a snapshot every "
                    + run.snapshotEvery() + ")");
        }
        err.printf(Locale.ROOT, "Time: %.1f s (loading %.1f s, training %.1f s with the %s, testing %.1f s)%n",
                (System.nanoTime() - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, trainer.stepName(), (t3 - t2) / 1e9);
        return 0;
    }

    /** Prints the article's lines; for long epochs merges windows so there are about ten lines per epoch. */
    private static final class Log implements Trainer.Listener {
        private final Trainer trainer;
        private final PrintStream out;
        private final Progress progress;
        private final int group;
        private int windows;
        private int count;
        private int correct;
        private double lossSum;

        Log(Trainer trainer, PrintStream out, Progress progress) {
            this.trainer = trainer;
            this.out = out;
            this.progress = progress;
            int perEpoch = (trainer.stepsPerEpoch() + Trainer.WINDOW - 1) / Trainer.WINDOW;
            this.group = Math.max(1, (perEpoch + MAX_LINES_PER_EPOCH - 1) / MAX_LINES_PER_EPOCH);
        }

        @Override
        public void onEpochStart(int epoch) {
            progress.clear();
            out.println("--- Epoch " + epoch + " ---");
        }

        @Override
        public void onWindow(WindowStats w) {
            if (group == 1) {
                print(w);
                return;
            }
            windows++;
            count += w.count();
            correct += w.correct();
            lossSum += w.averageLoss() * w.count();
            if (windows == group || w.step() == trainer.stepsPerEpoch()) {
                print(new WindowStats(w.epoch(), w.step(), w.globalStep(), count, lossSum / count, correct));
                windows = 0;
                count = 0;
                correct = 0;
                lossSum = 0;
            }
        }

        @Override
        public void onStep(int epoch, int step, int imageIndex, double loss, boolean correctStep) {
            if ((step & 127) == 0) {
                progress.update(epoch, trainer.config().epochs(), step, trainer.stepsPerEpoch(),
                        trainer.globalStep(), trainer.totalSteps());
            }
        }

        private void print(WindowStats w) {
            progress.clear();
            out.println(w.articleLine());
        }
    }
}
