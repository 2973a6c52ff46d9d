package org.cnnexplorer.app.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class StageWidgetsTest {
    @Test
    void twoProbabilitiesThatDifferAreNeverWrittenAlike() {
        // one applied step moved p_3 from 0.99731 to 0.99734: "0.9973 to 0.9973" said nothing moved
        assertArrayEquals(new String[] {"0.99731", "0.99734"}, StageWidgets.probs(0.99731, 0.99734));
        assertArrayEquals(new String[] {"0.2500", "0.3000"}, StageWidgets.probs(0.25, 0.3), "as prob writes them when that tells them apart");
        assertArrayEquals(new String[] {"0.500000000000000", "0.500000000000000"}, StageWidgets.probs(0.5, 0.5), "equal stays equal");
    }
}
