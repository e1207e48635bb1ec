package io.jrec.models.baseline;

import io.jrec.core.RatingMatrix;
import io.jrec.models.factor.FactorDivergenceTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Why {@link BaselinePredictor} has no divergence guard: no setting its builder accepts makes it blow up. */
class BaselineDivergenceTest {

    @Test
    void theBaselineCannotDivergeEvenAtExtremeLambdas() {
        // exact block updates (a contraction for lambdas > 0): no setting the builder accepts makes it
        // blow up, so it has no guard; impossible lambdas are refused by the builder (BaselinePredictorTest)
        RatingMatrix m = FactorDivergenceTest.ratings();
        for (double lambda : new double[] {0, 1e-300, 1e300, Double.MAX_VALUE}) {
            BaselinePredictor b = BaselinePredictor.builder().lambdaItem(lambda).lambdaUser(lambda).build().fit(m);
            assertTrue(Double.isFinite(b.predict(0, 0)), "lambda " + lambda + ": " + b.predict(0, 0));
        }
    }
}
