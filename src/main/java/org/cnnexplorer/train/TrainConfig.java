package org.cnnexplorer.train;

import org.cnnexplorer.nn.Architecture;

/**
 * What a training run does. {@link #article()} gives the article's run: 1000 training and 1000
 * test images, 3 epochs, learning rate 0.005, shuffled every epoch, 8 filters, the article's
 * network and initialisation, one image per update.
 * A size of -1 means the whole set.
 *
 * @param batch images per SGD update; the gradients are averaged over them (1: the article)
 */
public record TrainConfig(int trainSize, int testSize, int epochs, double learnRate, long seed,
                          boolean shuffle, Architecture architecture, boolean firstMaxOnly, int batch) {
    public static final int ALL = -1;
    public static final int MAX_BATCH = 10_000;

    public TrainConfig {
        if (trainSize == 0 || trainSize < ALL) {
            throw new IllegalArgumentException("train size must be positive (or all)");
        }
        if (testSize == 0 || testSize < ALL) {
            throw new IllegalArgumentException("test size must be positive (or all)");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1");
        }
        if (!(learnRate > 0) || Double.isInfinite(learnRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number");
        }
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must be given");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH);
        }
    }

    /** The article's network with {@code numFilters} filters, one image per update. */
    public TrainConfig(int trainSize, int testSize, int epochs, double learnRate, long seed,
                       boolean shuffle, int numFilters, boolean firstMaxOnly) {
        this(trainSize, testSize, epochs, learnRate, seed, shuffle, articleWith(numFilters), firstMaxOnly, 1);
    }

    private static Architecture articleWith(int numFilters) {
        if (numFilters < 1 || numFilters > Architecture.MAX_FILTERS_ONE_LAYER) {
            throw new IllegalArgumentException("filters must be between 1 and 64");
        }
        return Architecture.article(numFilters);
    }

    public static TrainConfig article() {
        return new TrainConfig(1000, 1000, 3, 0.005, 1, true, Architecture.article(8), false, 1);
    }

    /** Filters of the first convolution. */
    public int numFilters() {
        return architecture.filters1();
    }

    public TrainConfig withSizes(int train, int test) {
        return new TrainConfig(train, test, epochs, learnRate, seed, shuffle, architecture, firstMaxOnly, batch);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(trainSize, testSize, e, learnRate, seed, shuffle, architecture, firstMaxOnly, batch);
    }

    public TrainConfig withLearnRate(double lr) {
        return new TrainConfig(trainSize, testSize, epochs, lr, seed, shuffle, architecture, firstMaxOnly, batch);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, s, shuffle, architecture, firstMaxOnly, batch);
    }

    public TrainConfig withShuffle(boolean on) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, on, architecture, firstMaxOnly, batch);
    }

    /** The first convolution's filters (of a one-layer network: the article's option). */
    public TrainConfig withFilters(int f) {
        Architecture a = architecture.convLayers() == 1
                ? new Architecture(f, 0, architecture.relu(), architecture.init())
                : new Architecture(f, architecture.filters2(), architecture.relu(), architecture.init());
        return withArchitecture(a);
    }

    public TrainConfig withArchitecture(Architecture a) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, shuffle, a, firstMaxOnly, batch);
    }

    public TrainConfig withBatch(int b) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, shuffle, architecture, firstMaxOnly, b);
    }

    public TrainConfig withFirstMaxOnly(boolean on) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, shuffle, architecture, on, batch);
    }
}
