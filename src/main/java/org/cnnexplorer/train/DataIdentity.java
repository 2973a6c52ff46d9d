package org.cnnexplorer.train;

import java.util.zip.CRC32;
import org.cnnexplorer.data.Dataset;

/**
 * Which training images a run used, so a replay can refuse other images instead of silently
 * computing different weights: where they came from (for the message), how many, their size, and a
 * CRC-32 of their pixels and labels (a check against mix-ups, not a security measure).
 */
public record DataIdentity(String source, int count, int rows, int cols, long crc32) {

    /** The identity of the images a run with {@code config} trains on: the head of {@code train}. */
    public static DataIdentity of(String source, Dataset train, TrainConfig config) {
        int n = config.trainSize() == TrainConfig.ALL ? train.count() : Math.min(config.trainSize(), train.count());
        CRC32 crc = new CRC32();
        crc.update(train.pixels(), 0, n * train.imageSize());
        crc.update(train.labels(), 0, n);
        return new DataIdentity(source, n, train.rows(), train.cols(), crc.getValue());
    }

    /** Whether the same images in the same order (the source's name may differ). */
    public boolean sameImages(DataIdentity o) {
        return count == o.count && rows == o.rows && cols == o.cols && crc32 == o.crc32;
    }
}
