package io.jrec.models.neural;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbabilityMetricsTest {

    @Test
    void logLossHandComputed() {
        // -(ln 0.9 + ln(1 - 0.2) + ln(1 - 0.6)) / 3 = (0.105361 + 0.223144 + 0.916291) / 3 = 0.414932
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
        assertEquals(expected, ProbabilityMetrics.logLoss(new double[] {0.9, 0.2, 0.6}, new boolean[] {true, false, false}), 1e-15);
        assertEquals(0.414932, expected, 1e-6);
        // p = 0 for a positive is clipped to 1e-15: -ln(1e-15) = 34.5388
        assertEquals(-Math.log(1e-15), ProbabilityMetrics.logLoss(new double[] {0}, new boolean[] {true}), 1e-9);
    }

    @Test
    void aucHandComputed() {
        // scikit-learn's example: positives 0.35 and 0.8 vs negatives 0.1 and 0.4: 3 of 4 pairs ordered
        assertEquals(0.75, ProbabilityMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true}), 1e-15);
        // ties: positives {0.5, 0.9}, negatives {0.5, 0.2}: 0.5 = 0.5 counts 1/2, the other three pairs 1: 3.5 / 4
        assertEquals(0.875, ProbabilityMetrics.auc(new double[] {0.5, 0.5, 0.2, 0.9},
                new boolean[] {true, false, false, true}), 1e-15);
        // all tied: 1/2
        assertEquals(0.5, ProbabilityMetrics.auc(new double[] {0.3, 0.3, 0.3}, new boolean[] {true, false, true}), 1e-15);
        assertTrue(Double.isNaN(ProbabilityMetrics.auc(new double[] {0.3, 0.4}, new boolean[] {true, true})));
    }

    @Test
    void aucEqualsPairCountingOnRandomDataWithTies() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(60);
            double[] p = new double[n];
            boolean[] y = new boolean[n];
            for (int k = 0; k < n; k++) {
                p[k] = r.nextInt(7) / 6.0; // few distinct values: many ties
                y[k] = r.nextBoolean();
            }
            double wins = 0;
            long pairs = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (y[a] && !y[b]) {
                        pairs++;
                        wins += p[a] > p[b] ? 1 : p[a] == p[b] ? 0.5 : 0;
                    }
                }
            }
            double expected = pairs == 0 ? Double.NaN : wins / pairs;
            assertEquals(expected, ProbabilityMetrics.auc(p, y), 1e-12, "trial " + trial);
        }
    }

    @Test
    void calibrationHandComputed() {
        double[] p = {0.05, 0.15, 0.45, 0.55, 0.95, 1.0};
        boolean[] y = {false, false, true, false, true, true};
        List<ProbabilityMetrics.CalibrationBin> bins = ProbabilityMetrics.calibration(p, y, 2);
        // [0, 0.5): 0.05, 0.15, 0.45 -> mean 0.2166..., 1 of 3 positive; [0.5, 1]: 0.55, 0.95, 1.0 -> mean 0.8333..., 2 of 3
        assertEquals(new ProbabilityMetrics.CalibrationBin(0, 0.5, (0.05 + 0.15 + 0.45) / 3, 1 / 3.0, 3), bins.get(0));
        assertEquals(new ProbabilityMetrics.CalibrationBin(0.5, 1, (0.55 + 0.95 + 1.0) / 3, 2 / 3.0, 3), bins.get(1));
        List<ProbabilityMetrics.CalibrationBin> ten = ProbabilityMetrics.calibration(p, y, 10);
        assertEquals(0, ten.get(3).count());
        assertTrue(Double.isNaN(ten.get(3).meanPredicted()));
        assertEquals(2, ten.get(9).count(), "0.95 and 1.0 share the last, closed bin");
    }

    @Test
    void badInputMessages() {
        assertEquals("predicted and actual differ in length: 2 vs 1", assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.logLoss(new double[2], new boolean[1])).getMessage());
        assertEquals("no predictions", assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.auc(new double[0], new boolean[0])).getMessage());
        assertEquals("predicted[1] must be a probability in [0, 1], got NaN", assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.auc(new double[] {0.5, Double.NaN}, new boolean[2])).getMessage());
        assertEquals("bins must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ProbabilityMetrics.calibration(new double[1], new boolean[1], 0)).getMessage());
    }
}
