package io.jrec.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceGuardTest {
    private static final String ADVICE = "learningRate 1.0 is too high: lower it, e.g. to 0.01";

    @Test
    void aDecreasingOrSlightlyNoisyLossPasses() {
        DivergenceGuard guard = new DivergenceGuard("M", ADVICE);
        guard.checkLoss(1, 2.0);
        guard.checkLoss(2, 1.0);
        guard.checkLoss(3, 1.5);   // worse than the best, but far below 100 x 1.0
        guard.checkLoss(4, 100.0); // exactly 100 x the best is still allowed
        assertEquals(100.0, guard.lastFiniteLoss());
        guard.checkFinite(4, "weights", new float[] {0, -1, Float.MAX_VALUE});
        guard.checkFinite(4, "weights", new double[] {0, -Double.MAX_VALUE});
    }

    @Test
    void aNanLossNamesModelEpochLastLossAndAdvice() {
        DivergenceGuard guard = new DivergenceGuard("BiasedMF(f=2)", ADVICE);
        guard.checkLoss(1, 0.75);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.checkLoss(2, Double.NaN));
        assertEquals("BiasedMF(f=2) diverged in epoch 2: the training loss is NaN (last finite training loss 0.750000"
                + " in epoch 1). learningRate 1.0 is too high: lower it, e.g. to 0.01", e.getMessage());
        assertEquals("BiasedMF(f=2)", e.model());
        assertEquals(2, e.epoch());
        assertEquals(0.75, e.lastFiniteLoss());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void anInfiniteLossInTheFirstEpochHasNoLastLoss() {
        DivergenceGuard guard = new DivergenceGuard("M", ADVICE);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.checkLoss(1, Double.POSITIVE_INFINITY));
        assertEquals("M diverged in epoch 1: the training loss is Infinity (no finite training loss before it). "
                + ADVICE, e.getMessage());
        assertTrue(Double.isNaN(e.lastFiniteLoss()));
    }

    @Test
    void aLossFarAboveItsBestIsAnExplosion() {
        DivergenceGuard guard = new DivergenceGuard("M", ADVICE, 10);
        guard.checkLoss(1, 4.0);
        guard.checkLoss(2, 2.0);
        guard.checkLoss(3, 20.0); // 10 x 2.0: allowed
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.checkLoss(4, 20.5));
        assertEquals("M diverged in epoch 4: the training loss 20.5000 is more than 10 times the lowest so far, 2.00000"
                + " (last finite training loss 20.0000 in epoch 3). " + ADVICE, e.getMessage());
        assertEquals(20.0, e.lastFiniteLoss());
    }

    @Test
    void theStartingLossCatchesAnExplosionInTheFirstEpoch() {
        DivergenceGuard guard = new DivergenceGuard("NeuMF", "learningRate 10.0 is too high: lower it, e.g. to 0.001")
                .startingLoss(0.5);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.checkLoss(1, 35761.46));
        assertEquals("NeuMF diverged in epoch 1: the training loss 35761.5 is more than 100 times the lowest so far,"
                + " 0.500000 (no finite training loss before it). learningRate 10.0 is too high: lower it, e.g. to 0.001",
                e.getMessage());
        assertTrue(Double.isNaN(e.lastFiniteLoss()));
        DivergenceGuard fine = new DivergenceGuard("M", ADVICE).startingLoss(0.5).startingLoss(Double.NaN).startingLoss(0);
        fine.checkLoss(1, 50.0);
        assertEquals(50.0, fine.lastFiniteLoss());
    }

    @Test
    void aZeroBestLossDisablesTheGrowthTest() {
        DivergenceGuard guard = new DivergenceGuard("M", ADVICE);
        guard.checkLoss(1, 0.0);
        guard.checkLoss(2, 1e-3);
        assertEquals(1e-3, guard.lastFiniteLoss());
    }

    @Test
    void aNonFiniteParameterIsNamedWithItsPosition() {
        DivergenceGuard guard = new DivergenceGuard("M", ADVICE);
        guard.checkLoss(1, 3.0);
        TrainingDivergedException f = assertThrows(TrainingDivergedException.class,
                () -> guard.checkFinite(1, "item factors", new float[] {1, 2, Float.NEGATIVE_INFINITY, Float.NaN}));
        assertEquals("M diverged in epoch 1: item factors [2] is -Infinity (last finite training loss 3.00000 in"
                + " epoch 1). " + ADVICE, f.getMessage());
        TrainingDivergedException d = assertThrows(TrainingDivergedException.class,
                () -> guard.checkFinite(1, "weights", new double[] {Double.NaN}));
        assertTrue(d.getMessage().startsWith("M diverged in epoch 1: weights [0] is NaN"), d.getMessage());
    }

    @Test
    void failureBuildsTheStandardMessageForModelSpecificReasons() {
        DivergenceGuard guard = new DivergenceGuard("ALS", "alpha 1.0E30 is too high: lower it, e.g. to 40.0")
                .unit("iteration");
        TrainingDivergedException e = guard.failure(1, "the normal equations of row 2 are not positive definite");
        assertEquals("ALS diverged in iteration 1: the normal equations of row 2 are not positive definite (no finite"
                + " training loss before it). alpha 1.0E30 is too high: lower it, e.g. to 40.0", e.getMessage());
    }

    @Test
    void tooHighSuggestsTheTypicalValueOrATenth() {
        assertEquals(ADVICE, DivergenceGuard.tooHigh("learningRate", 1.0, 0.01));
        assertEquals("learningRate 0.05 is too high: lower it, e.g. to 0.005",
                DivergenceGuard.tooHigh("learningRate", 0.05, 0.01));
    }

    @Test
    void maxGrowthMustExceedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard("M", "", 1));
        assertEquals("maxGrowth must be > 1, got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard("M", "", Double.NaN));
    }
}
