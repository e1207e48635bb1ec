package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.tune.SearchSpace;
import io.jrec.core.tune.Settings;
import io.jrec.core.tune.Tuner;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.graph.Rp3betaRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.models.linear.SparseEaseRecommender;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {
    static final RatingMatrix SHOP = SyntheticShop.builder().customers(120).products(60).events(3_000).seed(5).build()
            .interactions();

    @Test
    void namesAreTheCommandLineNames() {
        assertEquals(List.of("popularity", "baseline", "itemknn", "userknn", "mf", "svdpp", "als", "ease", "sparseease",
                "rp3beta", "neumf"), ModelCatalog.names());
        assertEquals("itemknn", ModelCatalog.get(" ItemKNN ").name());
        assertEquals("epochs", ModelCatalog.get("mf").epochSetting());
        assertEquals("iterations", ModelCatalog.get("als").epochSetting());
        assertEquals(null, ModelCatalog.get("ease").epochSetting());
    }

    @Test
    void defaultsAreTheBuildersDefaults() {
        assertEquals(ItemKnnRecommender.builder().build().name(), ModelCatalog.create("itemknn", Map.of()).name());
        assertEquals(EaseRecommender.builder().build().name(), ModelCatalog.create("ease", Map.of()).name());
        assertEquals(MatrixFactorizationRecommender.builder().build().name(), ModelCatalog.create("mf", Map.of()).name());
        assertEquals(MatrixFactorizationRecommender.svdPlusPlusBuilder().build().name(),
                ModelCatalog.create("svdpp", Map.of()).name());
        assertEquals(SparseEaseRecommender.builder().build().name(), ModelCatalog.create("sparseease", Map.of()).name());
        assertEquals(SparseEaseRecommender.builder().neighbors(300).build().name(),
                ModelCatalog.create("sparseease", Map.of("k", "300")).name());
        assertEquals("hubs must be in [0, 46340], got -1", assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("sparseease", Map.of("hubs", "-1"))).getMessage(), "hubs reaches the builder");
        assertEquals(SparseEaseRecommender.builder().build().name(),
                ModelCatalog.create("sparseease", Map.of("hubs", "0")).name());
        assertEquals(Rp3betaRecommender.builder().build().name(), ModelCatalog.create("rp3beta", Map.of()).name());
        // shrinkage "auto" keeps the builder's support-aware default (100 for Pearson), "0" asks for the undamped one
        assertEquals(ItemKnnRecommender.builder().similarity(Similarity.pearson()).build().name(),
                ModelCatalog.create("itemknn", Map.of("similarity", "pearson")).name());
        assertEquals(UserKnnRecommender.builder().similarity(Similarity.pearson()).shrinkage(0).build().name(),
                ModelCatalog.create("userknn", Map.of("similarity", "pearson", "shrinkage", "0")).name());
        assertEquals(ItemKnnRecommender.builder().similarity(Similarity.pearson()).neighbors(40).shrinkage(100).build()
                .name(), ModelCatalog.create("itemknn", Map.of("similarity", "pearson", "k", "40", "shrinkage", "100"))
                .name());
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            Set<String> names = new HashSet<>();
            for (ModelCatalog.Setting s : e.settings()) {
                assertTrue(names.add(s.name()), e + " lists " + s.name() + " twice");
                assertFalse(s.description().isBlank());
            }
            assertTrue(e.suits(Goal.RATING) || e.suits(Goal.TOP_N));
            if (e.epochSetting() != null) {
                assertTrue(names.contains(e.epochSetting()));
            }
        }
    }

    @Test
    void everyPointOfEveryDefaultSpaceFits() {
        SplittableRandom random = new SplittableRandom(1);
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            for (Goal goal : Goal.values()) {
                if (!e.suits(goal)) {
                    continue;
                }
                SearchSpace space = e.space(goal);
                for (SearchSpace.Parameter p : space.parameters()) {
                    assertTrue(e.settings().stream().anyMatch(s -> s.name().equals(p.name())), e + ": " + p);
                }
                Settings point = space.sample(random);
                if (e.epochSetting() != null) {
                    point = point.with(e.epochSetting(), 2);
                }
                Algorithm a = e.create(point);
                Recommender r = a.fit(SHOP);
                assertEquals(5, r.topN(SHOP.users().idAt(0), 5).size(), e + " " + point);
            }
        }
    }

    @Test
    void badNamesAndValuesAreRejectedWithMessages() {
        assertEquals("unknown model 'knn'; known: popularity, baseline, itemknn, userknn, mf, svdpp, als, ease, sparseease, "
                + "rp3beta, neumf",
                assertThrows(IllegalArgumentException.class, () -> ModelCatalog.get("knn")).getMessage());
        assertEquals("unknown setting 'lamda' for ease; known: lambda, binary, threads",
                assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create("ease", Map.of("lamda", "5")))
                        .getMessage());
        assertEquals("setting 'k' must be an integer, got 'ten'", assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("itemknn", Map.of("k", "ten"))).getMessage());
        assertEquals("setting 'similarity' must be cosine, pearson, jaccard or weightedjaccard, got 'dice'",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelCatalog.create("userknn", Map.of("similarity", "dice"))).getMessage());
        assertEquals("setting 'centering' must be none, mean or baseline, got 'z'",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelCatalog.create("itemknn", Map.of("centering", "z"))).getMessage());
        assertEquals("setting 'mlpLayers' must be widths separated by '-', e.g. 64-32-16-8, got '64,32'",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelCatalog.create("neumf", Map.of("mlpLayers", "64,32"))).getMessage());
        assertEquals("setting 'binary' must be true or false, got 'maybe'", assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("als", Map.of("binary", "maybe"))).getMessage());
        // the builder's own message for a value out of range
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.create("mf", Map.of("factors", "0"))).getMessage().contains("factors"));
    }

    @Test
    void theCatalogueDrivesATuner() {
        ModelCatalog.Entry ease = ModelCatalog.get("ease");
        var result = Tuner.builder().space(ease.space(Goal.TOP_N)).search(io.jrec.core.tune.Search.random(3))
                .maxTrials(4).relevance(io.jrec.core.eval.Relevance.atLeast(3)).build()
                .tune(s -> ease.create(s.with("threads", 1)), SHOP);
        assertEquals(4, result.trials().size());
        assertFalse(result.best().failed());
    }
}
