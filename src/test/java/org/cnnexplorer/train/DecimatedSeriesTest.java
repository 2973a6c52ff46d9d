package org.cnnexplorer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {
    @Test
    void keepsEveryPointUntilFull() {
        DecimatedSeries s = new DecimatedSeries(8, 1);
        for (int i = 1; i <= 8; i++) {
            s.add(i, 1, i * 10);
        }
        assertEquals(8, s.size());
        assertEquals(1, s.bucket());
        assertEquals(80, s.y(0, 7));
    }

    @Test
    void mergesPairsWhenFullAndStaysBounded() {
        DecimatedSeries s = new DecimatedSeries(8, 2);
        long rebuilds = s.rebuilds();
        for (int i = 1; i <= 1000; i++) {
            s.add(i, i / 100, i, 2 * i);
            assertTrue(s.size() <= 8);
        }
        assertTrue(s.rebuilds() > rebuilds);
        assertTrue(s.bucket() >= 128);
        // every kept point is the mean of the raw points it covers, x the last of them
        long covered = 0;
        for (int i = 0; i < s.size(); i++) {
            int n = s.count(i);
            double last = s.x(i);
            double mean = last - (n - 1) / 2.0;
            assertEquals(mean, s.y(0, i), 1e-9, "mean of " + n + " consecutive values ending at " + last);
            assertEquals(2 * mean, s.y(1, i), 1e-9);
            assertEquals((int) last / 100, s.tag(i));
            covered += n;
        }
        assertEquals(1000, s.added());
        assertTrue(covered <= 1000 && covered > 1000 - s.bucket(), "only an unfinished bucket is missing");
        assertEquals(s.x(s.size() - 1), covered, "points cover a prefix of the raw data");
    }

    @Test
    void clearStartsOver() {
        DecimatedSeries s = new DecimatedSeries(4, 1);
        for (int i = 0; i < 20; i++) {
            s.add(i, 0, i);
        }
        s.clear();
        assertEquals(0, s.size());
        assertEquals(1, s.bucket());
        s.add(5, 0, 7);
        assertEquals(1, s.size());
        assertEquals(7, s.y(0, 0));
    }

    @Test
    void historyWritesTrainAndTestRowsInOrder() throws Exception {
        TrainingHistory h = new TrainingHistory();
        h.addWindow(100, new WindowStats(1, 100, 100, 100, 2.254, 18));
        h.addWindow(200, new WindowStats(1, 200, 200, 100, 2.14, 32));
        h.addTest(200, 1, new EvalResult(10, 1.5, 7, new int[10][10], new int[10], new float[100]));
        h.addWindow(300, new WindowStats(2, 100, 300, 100, 1.9, 48));
        StringWriter w = new StringWriter();
        h.writeCsv(w);
        String[] lines = w.toString().split("\n");
        assertEquals("kind,images_seen,epoch,loss,accuracy,windows_averaged", lines[0]);
        assertEquals("train,100,1,2.254000,0.1800,1", lines[1]);
        assertEquals("train,200,1,2.140000,0.3200,1", lines[2]);
        assertEquals("test,200,1,1.500000,0.7000,1", lines[3]);
        assertEquals("train,300,2,1.900000,0.4800,1", lines[4]);
        assertEquals(5, lines.length);
        assertEquals(3, h.chartTrain().size());
        h.clear();
        assertTrue(h.isEmpty());
    }
}
