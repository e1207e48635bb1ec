package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.core.io.MovieLens;
import io.jrec.models.RandomAlgorithm;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quality on MovieLens 100K, fold u1 (train u1.base, test u1.test): top-10 over all unseen items,
 * relevant = rating >= 4, averaged over test users with a relevant item. Skipped without the data.
 */
class ContentHybridMovieLensTest {
    static Path dir;

    @BeforeAll
    static void data() {
        dir = Path.of(System.getProperty("jrec.ml100k", "../../shared/data/ml-100k"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
    }

    /** The test ratings of users with fewer than {@code maxTrain} training ratings. */
    static RatingMatrix testOfLightUsers(RatingMatrix train, RatingMatrix test, int maxTrain) {
        BitSet keep = new BitSet(test.size());
        for (int u = 0; u < test.userCount(); u++) {
            int tu = train.users().indexOf(test.users().idAt(u));
            if (tu < 0 || train.userRatingCount(tu) < maxTrain) {
                keep.set(test.byUser().rowStart(u), test.byUser().rowEnd(u));
            }
        }
        return test.select(keep);
    }

    @Test
    void contentBeatsRandomAndTheHybridMatchesItsBestMemberForLightUsers() throws IOException {
        RatingMatrix train = MovieLens.ratings(dir.resolve("u1.base"));
        RatingMatrix test = MovieLens.ratings(dir.resolve("u1.test"));
        ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));
        Algorithm random = new RandomAlgorithm(42);
        Algorithm content = ContentBasedRecommender.builder().features(genres).build();
        Algorithm contentIdf = ContentBasedRecommender.builder().features(genres).idf(true).build();
        Algorithm popularity = PopularityRecommender.builder().build();
        Algorithm itemKnn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).build();
        // weights fixed a priori (not tuned on u1.test)
        Algorithm hybrid = HybridRecommender.builder().add(content, 0.3).add(popularity, 0.7).build();
        Algorithm hybrid3 = HybridRecommender.builder().add(itemKnn, 0.6).add(popularity, 0.3).add(content, 0.1)
                .build();
        Evaluator evaluator = Evaluator.builder().metrics(Metrics.precision(10), Metrics.ndcg(10)).threads(2).build();

        EvaluationReport all = evaluator.evaluate(List.of(random, content, contentIdf, popularity, itemKnn, hybrid,
                hybrid3),
                List.of(Splits.given("u1", train, test)));
        System.out.println(all.toTable());
        for (String metric : List.of("Precision@10", "NDCG@10")) {
            assertTrue(all.mean("ContentBased", metric) > all.mean("Random", metric), metric);
            assertTrue(all.mean("ContentBased(idf)", metric) > all.mean("Random", metric), metric);
        }

        Split light = Splits.given("u1, users with < 20 training ratings", train, testOfLightUsers(train, test, 20));
        EvaluationReport few = evaluator.evaluate(List.of(content, popularity, itemKnn, hybrid, hybrid3),
                List.of(light));
        System.out.println(few.toTable());
        for (String metric : List.of("Precision@10", "NDCG@10")) {
            double best = Math.max(few.mean(content.name(), metric), few.mean(popularity.name(), metric));
            double h = few.mean(hybrid.name(), metric);
            assertTrue(h >= best, metric + ": hybrid " + h + " < best member " + best);
            double best3 = Math.max(best, few.mean(itemKnn.name(), metric));
            double h3 = few.mean(hybrid3.name(), metric);
            assertTrue(h3 >= best3, metric + ": hybrid " + h3 + " < best member " + best3);
        }
    }
}
