package org.cnnexplorer.train;

/**
 * What a training run does. {@link #article()} gives the article's run: 1000 training and 1000
 * test images, 3 epochs, learning rate 0.005, shuffled every epoch, 8 filters.
 * A size of -1 means the whole set.
 */
public record TrainConfig(int trainSize, int testSize, int epochs, double learnRate, long seed,
                          boolean shuffle, int numFilters, boolean firstMaxOnly) {
    public static final int ALL = -1;

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
        if (numFilters < 1 || numFilters > 64) {
            throw new IllegalArgumentException("filters must be between 1 and 64");
        }
    }

    public static TrainConfig article() {
        return new TrainConfig(1000, 1000, 3, 0.005, 1, true, 8, false);
    }

    public TrainConfig withSizes(int train, int test) {
        return new TrainConfig(train, test, epochs, learnRate, seed, shuffle, numFilters, firstMaxOnly);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(trainSize, testSize, e, learnRate, seed, shuffle, numFilters, firstMaxOnly);
    }

    public TrainConfig withLearnRate(double lr) {
        return new TrainConfig(trainSize, testSize, epochs, lr, seed, shuffle, numFilters, firstMaxOnly);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, s, shuffle, numFilters, firstMaxOnly);
    }

    public TrainConfig withShuffle(boolean on) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, on, numFilters, firstMaxOnly);
    }

    public TrainConfig withFilters(int f) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, shuffle, f, firstMaxOnly);
    }

    public TrainConfig withFirstMaxOnly(boolean on) {
        return new TrainConfig(trainSize, testSize, epochs, learnRate, seed, shuffle, numFilters, on);
    }
}
