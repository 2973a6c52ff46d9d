package org.cnnexplorer.train;

import java.util.Random;
import org.cnnexplorer.data.Dataset;
import org.cnnexplorer.nn.GradientSum;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.nn.fast.FlatStep;
import org.cnnexplorer.nn.fast.FusedStep;
import org.cnnexplorer.nn.fast.Steps;
import org.cnnexplorer.nn.fast.TrainStep;

/**
 * The article's training loop, one step at a time so that a caller can pace, pause or stop it:
 * for each epoch shuffle the training images, then one SGD step per image, with a
 * {@link WindowStats} every 100 steps. Never touches JavaFX; not thread-safe (one thread drives it).
 *
 * <p>The order of the images is shuffled in place each epoch, like the article's
 * {@code train_images = train_images[permutation]}, from a generator seeded with the run's seed,
 * so the same seed gives the same run bit for bit.
 *
 * <p>The trainer picks how a step is computed ({@link Steps#forTraining}): the fused step of
 * {@code nn.fast} for 28x28 images (the same bits at any vector width and in plain Java), the
 * reference layers otherwise; {@link FlatStep} for the other architectures and for mini-batches
 * (the fused step folds the update into its gradient). With a batch of B images, each image
 * still counts as a step in the windows; the weights change once per B steps, with the mean
 * gradient (and once more at the end of an epoch for a partial batch).
 */
public final class Trainer {
    public static final int WINDOW = 100;

    /** Called on the training thread. */
    public interface Listener {
        default void onEpochStart(int epoch) {
        }

        default void onWindow(WindowStats stats) {
        }

        default void onStep(int epoch, int step, int imageIndex, double loss, boolean correct) {
        }
    }

    private final Network net;
    private final Dataset train;
    private final TrainConfig config;
    private final TrainStep stepper;
    private final Random shuffleRng;
    private final int[] order;
    private final GradientSum batchSum;
    private Listener listener = new Listener() { };
    private org.cnnexplorer.data.Augmentation augmentation;
    private byte[] augmented;

    private int epoch;          // 1-based once started
    private int step;           // steps done in the current epoch
    private long globalStep;
    /** Steps this trainer has made itself (a resumed one starts at another run's step). */
    private long stepsMade;
    private int lastImage = -1;
    private double lastLoss = Double.NaN;
    private double windowLoss;
    private int windowCorrect;
    private int windowCount;

    public Trainer(Network net, Dataset train, TrainConfig config) {
        this(net, train, config, Steps.forTraining(net));
    }

    /** With a given step (the tests compare the layers with the fused step). */
    public Trainer(Network net, Dataset train, TrainConfig config, TrainStep stepper) {
        if (train.rows() != net.height || train.cols() != net.width) {
            throw new IllegalArgumentException("images are " + train.rows() + "x" + train.cols() + " but the network expects " + net.height + "x" + net.width);
        }
        this.net = net;
        this.stepper = config.batch() > 1 && stepper instanceof FusedStep ? new FlatStep(net) : stepper;
        this.batchSum = config.batch() > 1 ? new GradientSum(net.params()) : null;
        this.train = config.trainSize() == TrainConfig.ALL ? train : train.head(config.trainSize());
        this.config = config;
        this.shuffleRng = new Random(config.seed() ^ 0x5DEECE66DL);
        this.order = new int[this.train.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        net.pool.setFirstMaxOnly(config.firstMaxOnly());
    }

    /** A fresh network for a config: its architecture and initialisation from the config's seed. */
    public static Network newNetwork(TrainConfig config, int height, int width) {
        Network n = new Network(config.architecture(), height, width, new Random(config.seed()));
        n.pool.setFirstMaxOnly(config.firstMaxOnly());
        return n;
    }

    /** Trains on randomly changed copies of the images (null: the images as they are). */
    /** The augmentation the steps train on, or null for the images as they are. */
    public org.cnnexplorer.data.Augmentation augmentation() {
        return augmentation;
    }

    public void setAugmentation(org.cnnexplorer.data.Augmentation a) {
        this.augmentation = a;
        this.augmented = a == null ? null : new byte[train.imageSize()];
    }

    public void setListener(Listener l) {
        this.listener = l == null ? new Listener() { } : l;
    }

    /** How the steps are computed: "vector step, 8 lanes", "scalar step" or "layers". */
    public String stepName() {
        return stepper.name();
    }

    public Network network() {
        return net;
    }

    public Dataset trainingSet() {
        return train;
    }

    public TrainConfig config() {
        return config;
    }

    public int stepsPerEpoch() {
        return order.length;
    }

    public long totalSteps() {
        return (long) order.length * config.epochs();
    }

    public boolean hasNext() {
        return epoch < config.epochs() || step < order.length;
    }

    /** 1-based epoch of the last step (0 before the first). */
    public int epoch() {
        return epoch;
    }

    /** Steps done in the current epoch. */
    public int stepInEpoch() {
        return step;
    }

    public long globalStep() {
        return globalStep;
    }

    /** Index into the training set of the image trained on last, or -1. */
    public int lastImage() {
        return lastImage;
    }

    public double lastLoss() {
        return lastLoss;
    }

    /** Whether the next step starts a new epoch (so an epoch just ended, or none began). */
    public boolean atEpochBoundary() {
        return epoch == 0 || step == order.length;
    }

    /**
     * One SGD step on the next image. Returns the loss before the update.
     *
     * @throws DivergedException if the loss is NaN or infinite (the step is not applied)
     * @throws IllegalStateException if the run is over
     */
    public double step() {
        if (!hasNext()) {
            throw new IllegalStateException("training is finished");
        }
        if (epoch == 0 || step == order.length) {
            epoch++;
            step = 0;
            if (config.shuffle()) {
                shuffle();
            }
            listener.onEpochStart(epoch);
        }
        int img = order[step];
        int label = train.label(img);
        double[] probs = augmentation == null
                ? stepper.forward(net, train.pixels(), train.offset(img))
                : stepper.forward(net, augmentation.apply(train, img, epoch, augmented), 0);
        double p = probs[label];
        double loss = -Math.log(p);
        // The article's initial gradient is -1/p: once p underflows it overflows even while the
        // loss is still finite (about 710), and the update would fill the weights with NaN.
        if (!Double.isFinite(loss) || !Double.isFinite(1.0 / p)) {
            throw new DivergedException(epoch, step + 1, Double.isFinite(loss) ? Double.POSITIVE_INFINITY : loss, stepsMade == 0);
        }
        boolean correct = Network.argmax(probs) == label;
        if (batchSum == null) {
            stepper.backprop(net, label, config.learnRate());
        } else {
            stepper.backward(net, label);
            batchSum.add();
            if (batchSum.count() == config.batch() || step + 1 == order.length) {
                batchSum.applyMean(config.learnRate());
            }
        }
        step++;
        globalStep++;
        stepsMade++;
        lastImage = img;
        lastLoss = loss;
        windowLoss += loss;
        windowCount++;
        if (correct) {
            windowCorrect++;
        }
        listener.onStep(epoch, step, img, loss, correct);
        // Windows end at multiples of 100 within the epoch, also for a run positioned mid-window.
        if (step % WINDOW == 0 || step == order.length) {
            WindowStats w = new WindowStats(epoch, step, globalStep, windowCount, windowLoss / windowCount, windowCorrect);
            windowLoss = 0;
            windowCount = 0;
            windowCorrect = 0;
            listener.onWindow(w);
        }
        return loss;
    }

    /**
     * Puts the run at {@code steps} steps done, as if it had trained that far: the epoch, the step
     * within it and that epoch's image order, recomputed from the seed. The caller puts that step's
     * weights into the network; the next {@link #step()} then does exactly what the original run did.
     * The window statistics start afresh (the first window may hold fewer than 100 steps).
     */
    public void positionAt(long steps) {
        if (steps < 0 || steps > totalSteps()) {
            throw new IllegalArgumentException("step " + steps + " is outside the run (0 to " + totalSteps() + ")");
        }
        int perEpoch = order.length;
        int e = (int) ((steps + perEpoch - 1) / perEpoch);
        shuffleRng.setSeed(config.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < perEpoch; i++) {
            order[i] = i;
        }
        if (config.shuffle()) {
            for (int k = 0; k < e; k++) {
                shuffle();
            }
        }
        epoch = e;
        step = e == 0 ? 0 : (int) (steps - (long) (e - 1) * perEpoch);
        globalStep = steps;
        lastImage = step > 0 ? order[step - 1] : -1;
        lastLoss = Double.NaN;
        windowLoss = 0;
        windowCount = 0;
        windowCorrect = 0;
    }

    /** Runs every remaining step. */
    public void runToEnd() {
        while (hasNext()) {
            step();
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffleRng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
