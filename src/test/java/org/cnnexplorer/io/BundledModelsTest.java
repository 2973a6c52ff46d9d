package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cnnexplorer.data.MnistFiles;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.Evaluator;
import org.junit.jupiter.api.Test;

/** Every model the File menu offers loads, and scores on the 10,000 test images what the menu says. */
class BundledModelsTest {
    @Test
    void eachBundledModelHasTheAccuracyItsMenuItemGives() throws Exception {
        var test = MnistFiles.loadTest(null);
        for (BundledModels.Entry e : BundledModels.ALL) {
            Network net = BundledModels.load(e);
            assertEquals(e.testAccuracy(), Evaluator.evaluate(net, test).accuracy(), 1e-9, e.fileName());
        }
    }

    @Test
    void theStrongestReachesTheIssuesTarget() {
        double best = BundledModels.ALL.stream().mapToDouble(BundledModels.Entry::testAccuracy).max().orElse(0);
        assertEquals(true, best >= 0.985, "at least 98.5% on the MNIST test set: " + best);
    }
}
