package io.jrec.models.neural;

import io.jrec.core.ItemFeatures;
import io.jrec.core.TrainingDivergedException;
import io.jrec.core.data.SyntheticShop;
import io.jrec.models.factor.FactorDivergenceTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every iterative fit of this family stops with a {@link TrainingDivergedException} at an absurd setting,
 * and its message (at the top level, not in a cause) names the model, the epoch and the setting to change.
 */
class NeuralDivergenceTest {

    private static void assertMessage(TrainingDivergedException e, String model, String pass, String advice) {
        String m = e.getMessage();
        assertTrue(m.startsWith(model), m);
        assertTrue(m.contains(" diverged in " + pass + " " + e.epoch() + ": "), m);
        assertTrue(m.endsWith(advice), m);
        assertTrue(e.epoch() >= 1, m);
        assertTrue(e.model().startsWith(model), e.model());
    }

    @Test
    void theDefaultsPassTheGuard() {
        NeuralCollaborativeFiltering.builder().epochs(5).threads(1).build().fit(FactorDivergenceTest.ratings());
    }

    @Test
    void neuMfAtLearningRate1000() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> NeuralCollaborativeFiltering
                .builder().learningRate(1000).epochs(5).threads(1).build().fit(FactorDivergenceTest.ratings()));
        assertMessage(e, "NeuMF(", "epoch", "learningRate 1000.0 is too high: lower it, e.g. to 0.001");
    }

    @Test
    void purchaseClassifierAtLearningRate1000() {
        SyntheticShop shop = SyntheticShop.builder().customers(300).products(100).events(6000).seed(4).build();
        ShopEvents events = ShopEvents.of(shop);
        ItemFeatures features = PurchaseClassifierTest.catalogueFeatures(shop);
        long cut = SyntheticShop.START + 240 * 86_400L;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> PurchaseClassifier.builder()
                .learningRate(1000).epochs(5).seed(7).build()
                .fit(features, events.before(cut), events.between(cut, Long.MAX_VALUE)));
        assertMessage(e, "PurchaseClassifier(", "epoch", "learningRate 1000.0 is too high: lower it, e.g. to 0.001");
    }
}
