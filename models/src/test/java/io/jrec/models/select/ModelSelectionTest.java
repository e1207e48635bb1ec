package io.jrec.models.select;

import io.jrec.core.RatingMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.eval.Relevance;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.TuningResult;
import io.jrec.core.tune.Validation;
import io.jrec.models.hybrid.HybridRecommender;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSelectionTest {
    static final RatingMatrix SHOP = SyntheticShop.builder().customers(200).products(80).events(6_000).seed(3).build()
            .interactions();

    private static ModelSelection.Builder quick() {
        // a trial limit far below the time budget, so the outcome does not depend on the machine
        return ModelSelection.builder().relevance(Relevance.atLeast(3)).validation(Validation.perUser(0.25, 1))
                .timeBudget(Duration.ofHours(1)).trialsPerFamily(3).patience(1);
    }

    @Test
    void autoTriesEveryFamilyAndBlendsAndExplainsTheWinner() {
        ModelSelection selection = quick().families("popularity", "itemknn", "ease").build();
        assertEquals(Goal.TOP_N, selection.goal());
        Selection s = selection.run("auto", SHOP);
        List<String> names = s.candidates().stream().map(ModelSelection.Candidate::name).toList();
        assertEquals(5, names.size(), names.toString());
        assertEquals(List.of("popularity", "itemknn", "ease"), names.subList(0, 3));
        assertTrue(names.get(3).startsWith("blend ") && names.get(4).startsWith("blend "), names.toString());
        // the winner has the best validation score of all candidates
        for (ModelSelection.Candidate c : s.candidates()) {
            assertFalse(Objective.parse("ndcg@10").isBetter(c.score(), s.winner().score()), c.toString());
        }
        String table = s.toTable();
        assertTrue(table.contains("winner: best validation NDCG@10 of 5 candidates"), table);
        assertEquals(s.model().getClass() == HybridRecommender.class, s.winner().name().startsWith("blend "));
        // blends start from equal weights: that trial is the first of each blend search
        TuningResult blend = s.tunings().get(names.get(3));
        assertEquals("w2=1", blend.trials().get(0).settings().toString());
        assertEquals(5, s.model().topN(SHOP.users().idAt(0), 5).size());
    }

    @Test
    void ratingGoalFollowsTheObjectiveAndTunesEpochs() {
        ModelSelection selection = quick().objective(Objective.parse("rmse")).families("baseline", "mf").maxBlend(2)
                .build();
        assertEquals(Goal.RATING, selection.goal());
        Selection s = selection.run("auto", SHOP);
        assertEquals(3, s.candidates().size());
        TuningResult mf = s.tunings().get("mf");
        // trial 0 is the catalogue's defaults (epochs = the space's cap), stopped early
        assertEquals("factors=100, learningRate=0.01, factorRegularization=0.1, biasRegularization=0.02, epochs=100",
                mf.trials().get(0).settings().toString());
        assertTrue(mf.trials().get(0).stoppedEpoch() >= 1 && mf.trials().get(0).stoppedEpoch() <= 100);
        assertEquals(Integer.toString(mf.best().stoppedEpoch()), mf.bestSettings().get("epochs"));
        assertTrue(Double.isFinite(s.model().predict(SHOP.users().idAt(0), SHOP.items().idAt(0))));
    }

    @Test
    void autoTriesTheRecommendedFamiliesOfTheGoal() {
        assertEquals(List.of("popularity", "itemknn", "userknn", "als", "ease"),
                ModelSelection.builder().build().families());
        assertEquals(List.of("baseline", "itemknn", "userknn", "mf", "svdpp"),
                ModelSelection.builder().objective(Objective.parse("mae")).build().families());
    }

    @Test
    void oneFamilyIsTunedWithinTheWholeBudget() {
        java.util.Set<String> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Selection s = quick().trialsPerFamily(4).progress((stage, done, total, message) -> stages.add(stage)).build()
                .run("ease", SHOP);
        assertTrue(stages.contains("tune"), stages.toString());   // a progress bar can follow the trials
        assertEquals(1, s.candidates().size());
        assertEquals(4, s.tunings().get("ease").trials().size());
        assertEquals("lambda=500", s.tunings().get("ease").trials().get(0).settings().toString());
        assertEquals("ease", s.winner().name());
        assertEquals("the only family asked for", s.reason());
    }

    @Test
    void sameSeedSameSelectionForAnyThreadCount() {
        String one = quick().families("itemknn", "ease").threads(1).build().run("auto", SHOP).toTable();
        String two = quick().families("itemknn", "ease").threads(2).build().run("auto", SHOP).toTable();
        assertEquals(strip(one), strip(two));
    }

    /** The table without its timings. */
    private static String strip(String table) {
        return table.replaceAll("\\d+\\.\\d s", "").replaceAll("\\|\\s+\\d+\\.\\d \\|", "||")
                .replaceAll("\\| +[0-9.]+ \\|", "||");
    }

    @Test
    void badSettingsAreRejectedWithMessages() {
        assertEquals("unknown model 'svd'; known: popularity, baseline, itemknn, userknn, mf, svdpp, als, ease, neumf",
                assertThrows(IllegalArgumentException.class, () -> quick().build().run("svd", SHOP)).getMessage());
        assertEquals("family 'ease' is listed twice", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().families("ease", "EASE")).getMessage());
        assertEquals("maxBlend must be 1 (no blends), 2 or 3, got 4", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().maxBlend(4)).getMessage());
        assertEquals("timeBudget must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().timeBudget(Duration.ZERO)).getMessage());
        assertEquals("trialsPerFamily must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().trialsPerFamily(0)).getMessage());
        assertEquals("patience must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().patience(0)).getMessage());
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.builder().threads(0)).getMessage());
    }
}
