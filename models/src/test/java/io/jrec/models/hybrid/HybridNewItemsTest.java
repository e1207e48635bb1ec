package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.io.ModelIO;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.hybrid.HybridRecommender.NewItems;
import io.jrec.models.hybrid.HybridRecommender.Normalization;
import io.jrec.models.knn.ItemKnnRecommender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.jrec.models.Messages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hybrid's new-product path: under {@link NewItems#BY_LISTING_MEMBERS} a candidate without training
 * interactions is blended over the members that listed it, weights rescaled; by hand, with a content
 * member over vectors, and through the codec.
 */
class HybridNewItemsTest {
    private static final double EPS = 1e-9;
    private static final double Z = Math.sqrt(1.5);   // z-score of the ends of a 3-item list in arithmetic steps

    /** Users 100, 200, 300; items 1..6, one interaction each (see {@link HybridRecommenderTest#train()}). */
    private static RatingMatrix train() {
        return HybridRecommenderTest.train();
    }

    /** A member that lists the same items for every user: {@code ids[k]} with {@code scores[k]}. */
    private static Algorithm list(String name, long[] ids, double[] scores) {
        return new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return new Recommender() {
                    @Override
                    public Recommendations topN(long userId, int n, ItemFilter filter) {
                        List<ScoredItem> items = new ArrayList<>();
                        for (int k = 0; k < Math.min(n, ids.length); k++) {
                            items.add(new ScoredItem(ids[k], scores[k]));
                        }
                        return Recommendations.of(items, name);
                    }

                    @Override
                    public double predict(long userId, long itemId) {
                        return Double.NaN;
                    }
                };
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    // K (a collaborative member) lists 2, 3, 4; C (a content member) lists 7, a new product, then 2 and 5.
    private static final Algorithm K = list("K", new long[] {2, 3, 4}, new double[] {3, 2, 1});
    private static final Algorithm C = list("C", new long[] {7, 2, 5}, new double[] {0.9, 0.5, 0.1});

    private static HybridRecommender hybrid(Normalization normalization, NewItems newItems) {
        return HybridRecommender.builder().add(K, 0.6).add(C, 0.4).normalization(normalization).newItems(newItems)
                .candidatesPerModel(3).build().fit(train());
    }

    @Test
    void minMaxByHand() {
        // K: 2 -> 1, 3 -> 0.5, 4 -> 0; C: 7 -> 1, 2 -> 0.5, 5 -> 0; missing counts 0 in both
        // like others: 2 = 0.6 + 0.2 = 0.8, 7 = 0.4, 3 = 0.3, 4 = 0, 5 = 0
        Recommendations like = hybrid(Normalization.MIN_MAX, NewItems.LIKE_OTHERS).topN(100, 5);
        assertArrayEquals(new long[] {2, 7, 3, 4, 5}, like.itemIds());
        assertScores(like, 0.8, 0.4, 0.3, 0, 0);
        // by listing members: 7 is new, listed by C only: (0.6 + 0.4) * 0.4 * 1 / 0.4 = 1
        Recommendations byListing = hybrid(Normalization.MIN_MAX, NewItems.BY_LISTING_MEMBERS).topN(100, 5);
        assertEquals("Hybrid(min-max, new items by listing members: K*0.600 + C*0.400)", byListing.source());
        assertArrayEquals(new long[] {7, 2, 3, 4, 5}, byListing.itemIds());
        assertScores(byListing, 1, 0.8, 0.3, 0, 0);
    }

    @Test
    void zScoreByHand() {
        // K: 3, 2, 1 -> mean 2, sd sqrt(2/3): z = Z, 0, -Z (Z = sqrt(1.5)); C: 0.9, 0.5, 0.1 -> Z, 0, -Z
        // like others: 2 = 0.6 Z + 0.4 * 0 = 0.6 Z; 7 = 0.6 * (-Z) + 0.4 Z = -0.2 Z; 3 = 0 - 0.4 Z
        Recommendations like = hybrid(Normalization.Z_SCORE, NewItems.LIKE_OTHERS).topN(100, 3);
        assertArrayEquals(new long[] {2, 7, 3}, like.itemIds());
        assertScores(like, 0.6 * Z, -0.2 * Z, -0.4 * Z);
        // by listing members: 7 = 1.0 * 0.4 Z / 0.4 = Z, above 2
        Recommendations byListing = hybrid(Normalization.Z_SCORE, NewItems.BY_LISTING_MEMBERS).topN(100, 3);
        assertArrayEquals(new long[] {7, 2, 3}, byListing.itemIds());
        assertScores(byListing, Z, 0.6 * Z, -0.4 * Z);
        // only items without training interactions are rescaled: 5 (listed by C only, bought once) is not
        Recommendations all = hybrid(Normalization.Z_SCORE, NewItems.BY_LISTING_MEMBERS).topN(100, 5);
        assertEquals(-0.6 * Z - 0.4 * Z, all.get(4).score(), EPS);
        assertEquals(5, all.get(4).itemId());
    }

    @Test
    void aNewProductReachesTheCustomersNearItInVectorSpace() {
        // items 1..6 bought; 7 is new. Vectors: 1, 2, 3 point one way, 4, 5, 6 the other, 7 like 4..6; the
        // features (one word for all) do not tell the groups apart. The collaborative member X lists 1, 2, 3
        // for user 300 (who bought 4, 5, 6) and nothing it could say about 7.
        ItemFeatures.Builder f = ItemFeatures.builder();
        for (long item = 1; item <= 7; item++) {
            f.categorical(item, "kind", "thing").vector(item, item <= 3 ? new float[] {1, 0.1f * item}
                    : new float[] {-0.1f * item, 1});
        }
        Algorithm content = ContentBasedRecommender.builder().features(f.build()).vectorWeight(0.8)
                .weighting(ContentBasedRecommender.Weighting.RAW).build();   // every purchase counts for the item
        HybridRecommender like = HybridRecommender.builder().add(HybridRecommenderTest.x(), 0.7).add(content, 0.3)
                .build().fit(train());
        HybridRecommender byListing = HybridRecommender.builder().add(HybridRecommenderTest.x(), 0.7)
                .add(content, 0.3).newItems(NewItems.BY_LISTING_MEMBERS).build().fit(train());
        assertEquals(1, like.topN(300, 1).itemIds()[0], "like others: X's favourite first");
        assertEquals(7, byListing.topN(300, 1).itemIds()[0], "user 300 bought 4, 5, 6: the new 7 is near them");
        assertEquals(1, byListing.topN(200, 1).itemIds()[0], "user 200 bought 2, 3: 7 is far from them");
    }

    @Test
    void theSettingSurvivesTheCodecAndIsRejectedWhenNull() throws IOException {
        ItemFeatures.Builder f = ItemFeatures.builder();
        Random random = new Random(3);
        for (long item = 1; item <= 9; item++) {
            f.categorical(item, "kind", "k" + item % 3)
                    .vector(item, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        HybridRecommender h = HybridRecommender.builder()
                .add(ItemKnnRecommender.builder().neighbors(3).build(), 0.5)
                .add(ContentBasedRecommender.builder().features(f.build()).build(), 0.5)
                .newItems(NewItems.BY_LISTING_MEMBERS).build().fit(train());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(h, bytes);
        HybridRecommender loaded = (HybridRecommender) ModelIO.load(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(NewItems.BY_LISTING_MEMBERS, loaded.newItems);
        for (long user : new long[] {100, 200, 300, 999}) {
            assertEquals(h.topN(user, 8), loaded.topN(user, 8), "user " + user);
        }
        assertMessage("newItems must not be null; use LIKE_OTHERS or BY_LISTING_MEMBERS",
                () -> HybridRecommender.builder().add(K, 1).newItems(null).build());
    }

    private static void assertScores(Recommendations r, double... expected) {
        assertEquals(expected.length, r.size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], r.get(k).score(), EPS, "rank " + k);
        }
    }
}
