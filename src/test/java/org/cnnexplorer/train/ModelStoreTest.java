package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelStoreTest {
    @Test
    void trainingRunsOnOneThreadOfTheLowestPriority() throws Exception {
        try (ModelStore store = new ModelStore(Trainer.newNetwork(TrainConfig.article(), 28, 28))) {
            // the window's thread must win a shared core (with -XX:ThreadPriorityPolicy=1 on Linux)
            assertEquals(Thread.MIN_PRIORITY, store.executor().submit(() -> Thread.currentThread().getPriority()).get());
            assertEquals(8, store.executor().submit(() -> store.network().numFilters).get());
            assertThrows(IllegalStateException.class, store::network, "only the engine thread touches the live network");
        }
    }
}
