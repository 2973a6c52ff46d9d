package org.cnnexplorer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Building data sets from others: joining two, picking images, holding out a test set. */
public final class Datasets {
    private Datasets() {
    }

    /** {@code a}'s images, then {@code b}'s, in new arrays; both must have the same image size. */
    public static Dataset concat(String name, Dataset a, Dataset b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("cannot join " + a.rows() + "x" + a.cols() + " and " + b.rows() + "x" + b.cols() + " images");
        }
        byte[] px = new byte[a.pixels().length + b.pixels().length];
        System.arraycopy(a.pixels(), 0, px, 0, a.pixels().length);
        System.arraycopy(b.pixels(), 0, px, a.pixels().length, b.pixels().length);
        byte[] lb = new byte[a.count() + b.count()];
        System.arraycopy(a.labels(), 0, lb, 0, a.count());
        System.arraycopy(b.labels(), 0, lb, a.count(), b.count());
        return new Dataset(name, a.count() + b.count(), a.rows(), a.cols(), px, lb);
    }

    /** The images at {@code indices}, in that order, copied. */
    public static Dataset select(String name, Dataset d, int[] indices) {
        int size = d.imageSize();
        byte[] px = new byte[indices.length * size];
        byte[] lb = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(d.pixels(), d.offset(indices[k]), px, k * size, size);
            lb[k] = d.labels()[indices[k]];
        }
        return new Dataset(name, indices.length, d.rows(), d.cols(), px, lb);
    }

    /**
     * {@code n} images spread evenly over {@code d} (every (count / n)-th one), so a sample of a
     * set stored class by class still has every class; all of {@code d} if n is larger or negative.
     */
    public static Dataset spread(Dataset d, int n) {
        if (n < 0 || n >= d.count()) {
            return d;
        }
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = (int) ((long) k * d.count() / n);
        }
        return select(d.name(), d, idx);
    }

    /**
     * Splits {@code all} into a training and a test set: from each digit, {@code fraction} of its
     * images (rounded) chosen by a generator seeded with {@code seed} go to the test set, so every
     * digit with enough images is tested and the same seed gives the same split. Both parts keep
     * the images in their original order. At least one image is held out.
     *
     * @throws DataException if there are fewer than two images
     */
    public static MnistFiles.Split holdOut(Dataset all, double fraction, long seed, String source) throws DataException {
        if (all.count() < 2) {
            throw new DataException(source + " has " + all.count() + " usable image" + (all.count() == 1 ? "" : "s")
                    + "; holding out a test set needs at least 2");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.count(); i++) {
            byClass.get(all.label(i)).add(i);
        }
        Random rng = new Random(seed ^ 0x6F776E64L);
        boolean[] test = new boolean[all.count()];
        int held = 0;
        int largest = 0;
        for (int c = 0; c < 10; c++) {
            List<Integer> members = byClass.get(c);
            java.util.Collections.shuffle(members, rng);
            int take = (int) Math.round(fraction * members.size());
            for (int k = 0; k < take; k++) {
                test[members.get(k)] = true;
            }
            held += take;
            if (members.size() > byClass.get(largest).size()) {
                largest = c;
            }
        }
        if (held == 0) {
            test[byClass.get(largest).get(0)] = true;
            held = 1;
        }
        int[] trainIdx = new int[all.count() - held];
        int[] testIdx = new int[held];
        int a = 0;
        int b = 0;
        for (int i = 0; i < all.count(); i++) {
            if (test[i]) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        return new MnistFiles.Split(select(all.name() + " train", all, trainIdx), select(all.name() + " test", all, testIdx), source);
    }
}
