package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.cnnexplorer.data.Augmentation;
import org.cnnexplorer.data.BundledMnist;
import org.cnnexplorer.nn.Network;
import org.junit.jupiter.api.Test;

/** Training on augmented images: seeded, so the same run bit for bit, in the trainer and in the window's run. */
class AugmentedTrainingTest {
    private static final TrainConfig SMALL = TrainConfig.article().withSizes(300, 200).withEpochs(2).withSeed(5);

    private static Network train(boolean augment) {
        Network n = Trainer.newNetwork(SMALL, 28, 28);
        Trainer t = new Trainer(n, BundledMnist.train(), SMALL);
        t.setAugmentation(augment ? new Augmentation(SMALL.seed()) : null);
        t.runToEnd();
        return n;
    }

    @Test
    void sameSeedSameWeightsAndOtherThanWithout() {
        Network a = train(true);
        Network b = train(true);
        Network plain = train(false);
        assertArrayEquals(a.conv.filters(), b.conv.filters(), 0);
        assertArrayEquals(a.softmax.weights(), b.softmax.weights(), 0);
        assertFalse(java.util.Arrays.equals(a.softmax.weights(), plain.softmax.weights()));
    }

    @Test
    void theWindowsRunAugmentsTheSameWay() throws Exception {
        ModelStore store = new ModelStore(Trainer.newNetwork(SMALL, 28, 28));
        try {
            TrainingRun run = new TrainingRun(store, BundledMnist.train(), BundledMnist.test(), SMALL, new RunControl(), new TrainingFeed());
            run.setAugmentation(new Augmentation(SMALL.seed()));
            assertEquals(600L, store.executor().submit(() -> run.run(() -> false)).get(60, TimeUnit.SECONDS));
            Network ref = train(true);
            assertArrayEquals(ref.softmax.weights(), store.latest().toNetwork().softmax.weights(), 0);
        } finally {
            store.close();
        }
    }
}
