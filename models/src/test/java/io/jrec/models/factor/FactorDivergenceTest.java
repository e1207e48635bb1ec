package io.jrec.models.factor;

import io.jrec.core.RatingMatrix;
import io.jrec.core.TrainingDivergedException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every iterative fit of this family stops with a {@link TrainingDivergedException} at an absurd setting,
 * and its message (at the top level, not in a cause) names the model, the epoch and the setting to change.
 */
public class FactorDivergenceTest {

    /** The shared fixture of the divergence tests: 40 users x 30 items, about 40% rated 1..5. */
    public static RatingMatrix ratings() {
        SplittableRandom random = new SplittableRandom(3);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 30; i++) {
                if (random.nextDouble() < 0.4) {
                    b.add(u, i, 1 + random.nextInt(5));
                }
            }
        }
        return b.build();
    }

    static void assertMessage(TrainingDivergedException e, String model, String pass, String advice) {
        String m = e.getMessage();
        assertTrue(m.startsWith(model), m);
        assertTrue(m.contains(" diverged in " + pass + " " + e.epoch() + ": "), m);
        assertTrue(m.endsWith(advice), m);
        assertTrue(e.epoch() >= 1, m);
        assertTrue(e.model().startsWith(model), e.model());
    }

    @Test
    void matrixFactorizationAtLearningRate100() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> MatrixFactorizationRecommender
                .builder().factors(8).learningRate(100).epochs(5).build().fit(ratings()));
        assertMessage(e, "BiasedMF(f=8, epochs=5, lr=100.0", "epoch", "learningRate 100.0 is too high: lower it, e.g. to 0.01");
    }

    @Test
    void svdPlusPlusAtLearningRate100() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> MatrixFactorizationRecommender
                .svdPlusPlusBuilder().factors(8).learningRate(100).epochs(5).build().fit(ratings()));
        assertMessage(e, "SVD++(f=8, epochs=5, lr=100.0", "epoch", "learningRate 100.0 is too high: lower it, e.g. to 0.007");
    }

    @Test
    void sensibleSettingsPassTheGuard() {
        RatingMatrix m = ratings();
        MatrixFactorizationRecommender mf = MatrixFactorizationRecommender.builder().factors(8).epochs(30).build().fit(m);
        assertTrue(Double.isFinite(mf.predict(0, 0)));
        MatrixFactorizationRecommender.svdPlusPlusBuilder().factors(8).epochs(30).build().fit(m);
        ImplicitAlsRecommender.builder().factors(8).iterations(10).threads(1).build().fit(m);
    }

    @Test
    void implicitAlsAtAlpha1e30SaysSoAtTheTopLevelWithAnyThreadCount() {
        for (int threads : new int[] {1, 2}) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> ImplicitAlsRecommender
                    .builder().factors(8).alpha(1e30).iterations(3).threads(threads).build().fit(ratings()));
            assertMessage(e, "ImplicitALS(f=8, alpha=1.0E30", "iteration",
                    "alpha 1.0E30 is too high: lower it, e.g. to 2.0, or use binary(true), or raise regularization (now 30.0)");
            assertTrue(e.getMessage().contains("the normal equations of user row "), e.getMessage());
            assertTrue(e.getMessage().contains(" are not positive definite"), e.getMessage());
            assertEquals(1, e.epoch());
        }
    }
}
