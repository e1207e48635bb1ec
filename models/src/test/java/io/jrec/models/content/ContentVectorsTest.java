package io.jrec.models.content;

import io.jrec.core.DenseVectors;
import io.jrec.core.Explanation;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;
import io.jrec.models.content.ContentBasedRecommender.Weighting;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Random;

import static io.jrec.models.Messages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dense vectors in {@link ContentBasedRecommender}: hand-computed scores of the blend
 * {@code (1 - a) cos(p, x) + a cos(q, v)}, items and users with only one part, explanations, similar
 * items, sessions; properties (missing vectors, all vectors equal, normalisation invariance) and a
 * brute-force reference on random data; bad settings; the codec.
 */
class ContentVectorsTest {
    private static final double EPS = 1e-6;   // vectors and features are stored as floats
    private static final double R = Math.sqrt(0.5);

    /**
     * {@link ContentBasedRecommenderTest#features()} (10 {a,b}, 20 {a}, 30 {c}, 40 {b,c}, 50 {a,c}) with 2-d
     * vectors: 10 (1, 0); 20 (0, 2) -> unit (0, 1); 30 (3, 4) -> (0.6, 0.8); 40 none; 50 (1, 1) -> (R, R);
     * 60 (-1, 0), an item with a vector and no features.
     */
    static ItemFeatures features() {
        return ItemFeatures.builder()
                .categorical(10, "genre", "a").categorical(10, "genre", "b")
                .categorical(20, "genre", "a")
                .categorical(30, "genre", "c")
                .categorical(40, "genre", "b").categorical(40, "genre", "c")
                .categorical(50, "genre", "a").categorical(50, "genre", "c")
                .vector(10, new float[] {1, 0}).vector(20, new float[] {0, 2}).vector(30, new float[] {3, 4})
                .vector(50, new float[] {1, 1}).vector(60, new float[] {-1, 0})
                .build();
    }

    /** Unary (RAW weights): user 1 has 10 and 20; user 2 has 30; user 3 has only 60 (a vector, no features). */
    static RatingMatrix purchases() {
        return RatingMatrix.builder().add(1, 10, 1).add(1, 20, 1).add(2, 30, 1).add(3, 60, 1).build();
    }

    static ContentBasedRecommender model(double vectorWeight) {
        return ContentBasedRecommender.builder().features(features()).vectorWeight(vectorWeight).build()
                .fit(purchases());
    }

    // User 1: sparse p = ((R,R,0) + (1,0,0)) / 2 = ((R+1)/2, R/2, 0); vector q = ((1,0) + (0,1)) / 2, |q| = R.
    private static final double PA = (R + 1) / 2;
    private static final double PB = R / 2;
    private static final double NORM = Math.sqrt(PA * PA + PB * PB);   // 0.923880

    @Test
    void scoresBlendTheTwoCosinesAndUseTheOnePartAnItemHas() {
        ContentBasedRecommender m = model(0.25);
        assertEquals(0.25, m.vectorWeight());
        assertEquals(Weighting.RAW, m.weighting());
        // 50: cs = PA*R / |p| = 0.603553 / 0.923880 = 0.653281; cv = (0.5R + 0.5R) / R = 1
        double cs50 = PA * R / NORM;
        assertEquals(0.653281, cs50, 1e-6);
        double s50 = 0.75 * cs50 + 0.25 * 1;                  // 0.739961
        // 30: cs = 0 (no shared feature, both have features); cv = (0.5*0.6 + 0.5*0.8) / R = 0.989949
        double s30 = 0.75 * 0 + 0.25 * (0.7 / R);             // 0.247487
        // 40: no vector, scored by its features alone: cs = PB*R / |p| = 0.25 / 0.923880 = 0.270598
        double s40 = PB * R / NORM;
        // 60: a vector and no features, scored by the vectors alone: cv = (0.5 * -1) / R = -0.707107
        double s60 = -0.5 / R;
        assertEquals(0.739961, s50, 1e-6);
        assertEquals(0.247487, s30, 1e-6);
        assertEquals(0.270598, s40, 1e-6);
        Recommendations top = m.topN(1, 10);
        assertEquals("ContentBased", top.source());
        assertArrayEquals(new long[] {50, 40, 30, 60}, top.itemIds());
        assertArrayEquals(new double[] {s50, s40, s30, s60}, scores(top), EPS);
        assertEquals(s50, m.predict(1, 50), EPS);
        assertEquals(s60, m.predict(1, 60), EPS);
    }

    @Test
    void weightZeroIsTheModelWithoutVectors() {
        ContentBasedRecommender zero = model(0);
        ContentBasedRecommender plain = ContentBasedRecommender.builder()
                .features(ContentBasedRecommenderTest.features()).build().fit(purchases());
        assertEquals(0, zero.vectorWeight());
        assertEquals(0, plain.vectorWeight());
        for (long user : new long[] {1, 2, 3, 99}) {
            assertEquals(plain.topN(user, 10), zero.topN(user, 10), "user " + user);
        }
        assertArrayEquals(new long[] {50, 40, 30}, zero.topN(1, 10).itemIds());   // 60 has no features: no score
        assertTrue(Double.isNaN(zero.predict(1, 60)));
        // user 3 has only 60: no feature profile without vectors
        assertEquals("Popularity (no feature profile)", zero.topN(3, 10).source());
    }

    @Test
    void aUserWhoseItemsHaveOnlyVectorsIsScoredByVectors() {
        // user 3: q = (-1, 0); 10 (1,0) -> -1; 20 (0,1) -> 0; 30 (0.6,0.8) -> -0.6; 50 (R,R) -> -R;
        // 40 has no vector and the user no feature profile: no score
        Recommendations top = model(0.25).topN(3, 10);
        assertEquals("ContentBased", top.source());
        assertArrayEquals(new long[] {20, 30, 50, 10}, top.itemIds());
        assertArrayEquals(new double[] {0, -0.6, -R, -1}, scores(top), EPS);
        assertTrue(Double.isNaN(model(0.25).predict(3, 40)));
        // only vectors (a = 1): items without vectors have no score even for a user with features
        ContentBasedRecommender vectorsOnly = model(1);
        assertArrayEquals(new long[] {50, 30, 60}, vectorsOnly.topN(1, 10).itemIds());
        assertTrue(Double.isNaN(vectorsOnly.predict(1, 40)));
    }

    @Test
    void explanationSplitsFeaturesAndTheVectorAndSumsToTheScore() {
        ContentBasedRecommender m = model(0.25);
        Explanation e = m.explain(1, 50);
        // genre=a: 0.75 * PA*R/|p| = 0.489961; genre=c has profile weight 0 (left out); vector: 0.25 * 1
        assertEquals(2, e.contributions().size());
        assertEquals("genre=a", e.contributions().get(0).feature());
        assertEquals(0.75 * PA * R / NORM, e.contributions().get(0).weight(), EPS);
        assertEquals(ContentBasedRecommender.VECTOR_CONTRIBUTION, e.contributions().get(1).feature());
        assertEquals(0.25, e.contributions().get(1).weight(), EPS);
        assertEquals(m.predict(1, 50), e.score(), EPS);
        // an item with only a vector: the whole cosine is the vector's
        Explanation only = m.explain(1, 60);
        assertEquals(1, only.contributions().size());
        assertEquals(-0.5 / R, only.score(), EPS);
        // no part scores (40 has no vector, user 3 no features)
        assertTrue(Double.isNaN(m.explain(3, 40).score()));
    }

    @Test
    void similarItemsBlendFeatureAndVectorCosines() {
        // 50 = (R,0,R) and (R,R). 10: 0.75*0.5 + 0.25*R = 0.551777; 20: 0.75*R + 0.25*R = R;
        // 30: 0.75*R + 0.25*1.4R = 0.777817; 40 (no vector): 0.5; 60 (no features): -R
        Recommendations similar = model(0.25).similarItems(50, 10);
        assertArrayEquals(new long[] {30, 20, 10, 40, 60}, similar.itemIds());
        assertArrayEquals(new double[] {0.75 * R + 0.25 * 1.4 * R, R, 0.375 + 0.25 * R, 0.5, -R}, scores(similar),
                EPS);
        // 20 = {a}, (0,1) and 30 = {c}, (0.6,0.8) share no feature: 0.75 * 0 + 0.25 * 0.8 = 0.2
        Recommendations of20 = model(0.25).similarItems(20, 10);
        assertEquals(0.2, of20.get(of20.itemIds().length - 2).score(), EPS);
        assertEquals(30, of20.itemIds()[of20.itemIds().length - 2]);
        // an item with only a vector finds items by their vectors
        assertArrayEquals(new long[] {20, 30, 50, 10}, model(0.25).similarItems(60, 10).itemIds());
        assertEquals(0, model(0).similarItems(60, 10).size(), "without vectors 60 has nothing to compare");
    }

    @Test
    void sessionsUseTheVectorsToo() {
        ContentBasedRecommender m = model(0.25);
        Recommendations session = m.topNForSession(new long[] {10, 20}, new float[] {1, 1}, 10,
                ItemFilter.excludeSeen());
        assertEquals("ContentBased (session)", session.source());
        assertArrayEquals(m.topN(1, 10).itemIds(), session.itemIds());
        assertArrayEquals(scores(m.topN(1, 10)), scores(session), EPS);
        Recommendations onlyVector = m.topNForSession(new long[] {60}, new float[] {1}, 10, ItemFilter.excludeSeen());
        assertArrayEquals(new long[] {20, 30, 50, 10}, onlyVector.itemIds());
    }

    @Test
    void aZeroVectorCountsAsNone() {
        ItemFeatures f = ItemFeatures.builder()
                .categorical(10, "genre", "a").categorical(10, "genre", "b")
                .categorical(20, "genre", "a")
                .categorical(40, "genre", "b").categorical(40, "genre", "c")
                .vector(10, new float[] {1, 0}).vector(20, new float[] {0, 2}).vector(40, new float[] {0, 0})
                .build();
        ContentBasedRecommender m = ContentBasedRecommender.builder().features(f).vectorWeight(0.25).build()
                .fit(purchases());
        assertEquals(PB * R / NORM, m.predict(1, 40), EPS);   // the features alone, as for an item without a vector
        assertEquals(1, m.explain(1, 40).contributions().size());
    }

    @Test
    void anItemWithoutAVectorScoresAsWithoutVectors() {
        Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            Catalogue c = Catalogue.random(random, 0.5);
            ContentBasedRecommender with = fit(c.features, c.train, 0.6);
            ContentBasedRecommender without = fit(c.sparseOnly, c.train, 0);
            for (int u = 0; u < c.train.userCount(); u++) {
                long user = c.train.users().idAt(u);
                for (int j = 0; j < c.train.itemCount(); j++) {
                    long item = c.train.items().idAt(j);
                    if (!c.features.vectors().contains(item) && !Double.isNaN(without.predict(user, item))) {
                        assertEquals(without.predict(user, item), with.predict(user, item), EPS,
                                "trial " + trial + ", user " + user + ", item " + item);
                    }
                }
            }
        }
    }

    @Test
    void equalVectorsKeepTheFeatureOrderAndAddTheirWeight() {
        Random random = new Random(6);
        Catalogue c = Catalogue.random(random, 1.0);
        float[] same = {0.3f, -1.2f, 0.5f, 2.0f};
        ItemFeatures.Builder b = ItemFeatures.builder();
        c.addSparse(b);
        for (int k = 0; k < c.features.vectors().size(); k++) {
            b.vector(c.features.vectors().ids().idAt(k), same);
        }
        ContentBasedRecommender equal = ContentBasedRecommender.builder().features(b.build()).vectorWeight(0.3)
                .weighting(Weighting.RAW).build().fit(c.train);
        ContentBasedRecommender plain = ContentBasedRecommender.builder().features(c.sparseOnly)
                .weighting(Weighting.RAW).build().fit(c.train);
        for (int u = 0; u < c.train.userCount(); u++) {
            long user = c.train.users().idAt(u);
            Recommendations a = equal.topN(user, 20);
            Recommendations p = plain.topN(user, 20);
            assertEquals(p.size(), a.size());
            for (int k = 0; k < a.size(); k++) {   // s = 0.7 cs + 0.3 * 1, an increasing map of cs
                assertEquals(0.7 * p.get(k).score() + 0.3, a.get(k).score(), EPS, "user " + user + ", rank " + k);
            }
        }
    }

    @Test
    void scalingVectorsChangesNothing() {
        Random random = new Random(7);
        Catalogue c = Catalogue.random(random, 0.7);
        ItemFeatures.Builder scaled = ItemFeatures.builder();
        ItemFeatures.Builder unit = ItemFeatures.builder().normalizeVectors(true);
        c.addSparse(scaled);
        c.addSparse(unit);
        DenseVectors v = c.features.vectors();
        for (int k = 0; k < v.size(); k++) {
            float[] x = v.vector(k);
            float factor = (float) (0.01 + 50 * random.nextDouble());
            float[] y = new float[x.length];
            for (int d = 0; d < x.length; d++) {
                y[d] = x[d] * factor;
            }
            scaled.vector(v.ids().idAt(k), y);
            unit.vector(v.ids().idAt(k), x);
        }
        ContentBasedRecommender base = fit(c.features, c.train, 0.4);
        for (ItemFeatures other : new ItemFeatures[] {scaled.build(), unit.build()}) {
            ContentBasedRecommender m = fit(other, c.train, 0.4);
            for (int u = 0; u < c.train.userCount(); u++) {
                long user = c.train.users().idAt(u);
                Recommendations a = base.topN(user, 15);
                Recommendations b = m.topN(user, 15);
                assertArrayEquals(scores(a), scores(b), 1e-5, "user " + user);
            }
        }
    }

    @Test
    void matchesABruteForceReferenceOnRandomData() {
        Random random = new Random(8);
        for (int trial = 0; trial < 4; trial++) {
            Catalogue c = Catalogue.random(random, 0.6);
            double a = 0.2 + 0.6 * random.nextDouble();
            ContentBasedRecommender m = ContentBasedRecommender.builder().features(c.features).vectorWeight(a)
                    .weighting(Weighting.CENTERED).build().fit(c.train);
            for (int u = 0; u < c.train.userCount(); u++) {
                long user = c.train.users().idAt(u);
                for (long item : c.features.items().toArray()) {
                    double expected = c.reference(user, item, a);
                    double got = m.predict(user, item);
                    if (Double.isNaN(expected)) {
                        assertTrue(Double.isNaN(got), "user " + user + ", item " + item + ": " + got);
                    } else {
                        assertEquals(expected, got, 1e-5, "user " + user + ", item " + item);
                    }
                }
            }
        }
    }

    @Test
    void badSettingsAreRejectedWithAClearMessage() {
        ItemFeatures withVectors = features();
        ItemFeatures without = ContentBasedRecommenderTest.features();
        assertMessage("vectorWeight must be in [0, 1], got -0.1",
                () -> ContentBasedRecommender.builder().features(withVectors).vectorWeight(-0.1).build());
        assertMessage("vectorWeight must be in [0, 1], got 1.5",
                () -> ContentBasedRecommender.builder().features(withVectors).vectorWeight(1.5).build());
        assertMessage("vectorWeight must be in [0, 1], got NaN",
                () -> ContentBasedRecommender.builder().features(withVectors).vectorWeight(Double.NaN).build());
        assertMessage("vectorWeight is 0.5 but the item features have no dense vectors: add them with"
                        + " ItemFeatures.Builder.vectors(...), or set vectorWeight(0)",
                () -> ContentBasedRecommender.builder().features(without).vectorWeight(0.5).build());
        // vectors are finite: NaN and infinities never reach the model
        assertMessage("vector of id 10 has NaN at component 1; values must be finite",
                () -> ItemFeatures.builder().vector(10, new float[] {0, Float.NaN}));
        // the default (0.5 with vectors, 0 without) and an explicit 0 are fine
        assertEquals(0, ContentBasedRecommender.builder().features(without).vectorWeight(0).build().fit(purchases())
                .vectorWeight());
        assertEquals(0.5, ContentBasedRecommender.builder().features(withVectors).build().fit(purchases())
                .vectorWeight());
        assertEquals("ContentBased(idf, vectors 0.25)", ContentBasedRecommender.builder().features(withVectors)
                .idf(true).vectorWeight(0.25).build().name());
        assertEquals("ContentBased(idf)", ContentBasedRecommender.builder().features(without).idf(true).build().name());
    }

    @Test
    void theCodecKeepsVectorsAndOldFilesLoadWithout() throws IOException {
        ItemFeatures f = ItemFeatures.builder().categorical(10, "genre", "a").categorical(20, "genre", "b")
                .vector(10, new float[] {1, 2}).vector(30, new float[] {2, 1}).userVector(1, new float[] {0, 1})
                .build();
        ContentBasedRecommender m = ContentBasedRecommender.builder().features(f).vectorWeight(0.3).build()
                .fit(purchases());
        ContentBasedRecommender loaded = (ContentBasedRecommender) roundTrip(m);
        assertEquals(0.3, loaded.vectorWeight());
        assertArrayEquals(f.vectors().toArray(), loaded.features().vectors().toArray());
        assertArrayEquals(f.userVectorOf(1), loaded.features().userVectorOf(1));
        for (long user : new long[] {1, 2, 3, 99}) {
            assertEquals(m.topN(user, 10), loaded.topN(user, 10));
        }
        assertEquals(m.similarItems(30, 5), loaded.similarItems(30, 5));

        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/legacy-v1/content.jrec"))) {
            ContentBasedRecommender old = (ContentBasedRecommender) ModelIO.load(in);
            assertEquals(0, old.vectorWeight());
            assertFalse(old.features().hasVectors());
        }
    }

    static Recommender roundTrip(Recommender model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(model, bytes);
        return ModelIO.load(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static ContentBasedRecommender fit(ItemFeatures f, RatingMatrix train, double vectorWeight) {
        return ContentBasedRecommender.builder().features(f).vectorWeight(vectorWeight).build().fit(train);
    }

    private static double[] scores(Recommendations r) {
        double[] s = new double[r.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = r.get(k).score();
        }
        return s;
    }

    /**
     * A random catalogue: 40 items (ids 100..139) with one to three of 8 categorical features, a share of
     * them with 4-d vectors, and 25 users with 2 to 9 ratings 1..5 of items 100..129 (130..139 are new).
     */
    record Catalogue(ItemFeatures features, ItemFeatures sparseOnly, RatingMatrix train, int[][] sparse) {
        static Catalogue random(Random random, double vectorShare) {
            int[][] sparse = new int[40][];
            for (int i = 0; i < 40; i++) {
                sparse[i] = random.ints(1 + random.nextInt(3), 0, 8).distinct().toArray();
            }
            ItemFeatures.Builder b = ItemFeatures.builder();
            ItemFeatures.Builder plain = ItemFeatures.builder();
            for (int i = 0; i < 40; i++) {
                for (int f : sparse[i]) {
                    b.categorical(100 + i, "f", "v" + f);
                    plain.categorical(100 + i, "f", "v" + f);
                }
                if (random.nextDouble() < vectorShare) {
                    float[] v = new float[4];
                    for (int d = 0; d < 4; d++) {
                        v[d] = (float) random.nextGaussian();
                    }
                    b.vector(100 + i, v);
                }
            }
            RatingMatrix.Builder r = RatingMatrix.builder();
            for (int u = 0; u < 25; u++) {
                int n = 2 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    r.add(u + 1, 100 + random.nextInt(30), 1 + random.nextInt(5));
                }
            }
            return new Catalogue(b.build(), plain.build(), r.build(), sparse);
        }

        void addSparse(ItemFeatures.Builder b) {
            for (int i = 0; i < 40; i++) {
                for (int f : sparse[i]) {
                    b.categorical(100 + i, "f", "v" + f);
                }
            }
        }

        /** The score from the class documentation's formulas, in doubles, with CENTERED weights. */
        double reference(long user, long item, double a) {
            int u = train.users().indexOf(user);
            double mean = 0;
            boolean allEqual = true;
            var row = train.userRow(u);
            for (int k = 0; k < row.size(); k++) {
                mean += row.value(k);
                allEqual &= row.value(k) == row.value(0);
            }
            mean /= row.size();
            double[] p = new double[8];
            double[] q = new double[4];
            for (int k = 0; k < row.size(); k++) {
                long id = train.items().idAt(row.index(k));
                double w = allEqual ? 1 : row.value(k) - mean;
                addUnit(p, sparseOf(id), w);
                float[] v = features.vectorOf(id);
                if (v != null) {
                    addUnit(q, toDouble(v), w);
                }
            }
            double cs = cosine(p, sparseOf(item));
            float[] v = features.vectorOf(item);
            double cv = v == null ? Double.NaN : cosine(q, toDouble(v));
            if (Double.isNaN(cs)) {
                return cv;
            }
            return Double.isNaN(cv) ? cs : (1 - a) * cs + a * cv;
        }

        private double[] sparseOf(long id) {
            double[] x = new double[8];
            for (int f : sparse[(int) id - 100]) {
                x[f] = 1;
            }
            return x;
        }

        private static double[] toDouble(float[] v) {
            double[] x = new double[v.length];
            for (int d = 0; d < v.length; d++) {
                x[d] = v[d];
            }
            return x;
        }

        private static void addUnit(double[] to, double[] x, double w) {
            double n = Math.sqrt(dot(x, x));
            for (int d = 0; d < x.length; d++) {
                to[d] += w * x[d] / n;
            }
        }

        /** cos(a, b); NaN when either is zero (that part does not score). */
        private static double cosine(double[] a, double[] b) {
            double na = Math.sqrt(dot(a, a)), nb = Math.sqrt(dot(b, b));
            return na == 0 || nb == 0 ? Double.NaN : dot(a, b) / (na * nb);
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int d = 0; d < a.length; d++) {
                s += a[d] * b[d];
            }
            return s;
        }
    }
}
