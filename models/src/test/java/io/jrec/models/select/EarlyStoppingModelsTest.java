package io.jrec.models.select;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.tune.EarlyStopping;
import io.jrec.core.tune.IterativeAlgorithm;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.Validation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MF, SVD++, ALS and NeuMF stop early on an evaluator metric, and the model they return is the model a
 * plain fit with the best epoch count gives: so the refit of a tuned setting reproduces what was scored.
 */
class EarlyStoppingModelsTest {
    static final RatingMatrix SHOP = SyntheticShop.builder().customers(150).products(60).events(4_000).seed(9).build()
            .interactions();

    private static void check(String model, Map<String, String> settings, Objective objective, int patience) {
        ModelCatalog.Entry e = ModelCatalog.get(model);
        Split split = Validation.perUser(0.25, 3).splits(SHOP).get(0);
        Evaluator evaluator = Evaluator.builder().metrics(objective.metric()).relevance(Relevance.atLeast(3))
                .fillUnpredictable(true).threads(1).build();
        EarlyStopping stopping = EarlyStopping.on(split, evaluator, objective, patience);
        IterativeAlgorithm algorithm = (IterativeAlgorithm) e.create(settings);
        Recommender best = algorithm.fit(stopping, ProgressListener.NONE);
        assertSame(stopping.best(), best);
        int epochs = Integer.parseInt(settings.get(e.epochSetting()));
        assertTrue(stopping.bestEpoch() >= 1 && stopping.bestEpoch() <= epochs);
        assertTrue(stopping.lastEpoch() == epochs || stopping.lastEpoch() == stopping.bestEpoch() + patience,
                model + ": stopped at " + stopping.lastEpoch() + ", best " + stopping.bestEpoch());
        // a plain fit with the best epoch count gives the same model
        Map<String, String> refit = new java.util.HashMap<>(settings);
        refit.put(e.epochSetting(), Integer.toString(stopping.bestEpoch()));
        Recommender plain = e.create(refit).fit(split.train());
        for (int u = 0; u < 20; u++) {
            long user = split.train().users().idAt(u);
            assertEquals(plain.topN(user, 10), best.topN(user, 10), model + " user " + user);
            for (int i = 0; i < 5; i++) {
                long item = split.train().items().idAt(i);
                assertEquals(plain.predict(user, item), best.predict(user, item), 1e-6);
            }
        }
    }

    @Test
    void mfAndSvdppStopOnValidationRmse() {
        // a large step size overfits quickly, so the best epoch is early and training stops before the cap
        check("mf", Map.of("factors", "8", "epochs", "60", "learningRate", "0.05", "factorRegularization", "0.001"),
                Objective.of(Metrics.rmse()), 3);
        check("svdpp", Map.of("factors", "8", "epochs", "30", "learningRate", "0.03"), Objective.of(Metrics.rmse()), 2);
    }

    @Test
    void alsAndNeuMfStopOnValidationNdcg() {
        check("als", Map.of("factors", "8", "iterations", "12", "threads", "1"), Objective.of(Metrics.ndcg(10)), 2);
        check("neumf", Map.of("epochs", "4", "threads", "1", "mlpLayers", "16-8", "gmfFactors", "4"),
                Objective.of(Metrics.ndcg(10)), 1);
    }
}
