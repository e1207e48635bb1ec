package io.jrec.models;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.RecommenderHolder;
import io.jrec.core.SessionRecommender;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.models.neural.NeuralCollaborativeFiltering;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shares one fitted model of every type between {@value #THREADS} threads that each make random
 * {@code topN}/{@code predict} calls (known users, unknown users, fresh sessions where the model is a
 * {@link SessionRecommender}, with and without an {@link ItemFilter}), and checks every result against a
 * single-threaded reference computed first: same items, same scores, same source label, same prediction
 * bit for bit. {@code mvn verify} runs 2,000 calls per thread; {@code -Djrec.stress.calls=50000} runs the
 * full 8 x 50,000 per model (figures printed).
 */
public class ConcurrencyStressTest {
    static final int THREADS = 8;
    private static final int CALLS = Integer.getInteger("jrec.stress.calls", 2_000);
    private static final int QUERIES = 2_000;

    /** A random explicit-rating matrix: 300 users x 400 items, about 12,000 ratings, skewed popularity. */
    public static RatingMatrix fixture() {
        Random random = new Random(42);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 300; u++) {
            int n = 10 + random.nextInt(70);
            for (int k = 0; k < n; k++) {
                int item = (int) (400 * Math.pow(random.nextDouble(), 1.8));
                b.add(1000 + u, 50_000 + item, 1 + random.nextInt(5), 1_700_000_000L + random.nextInt(1_000_000));
            }
        }
        return b.build();
    }

    /** Two categorical attributes per item, so content-based models have something to work with. */
    public static ItemFeatures features() {
        ItemFeatures.Builder f = ItemFeatures.builder();
        for (int item = 0; item < 400; item++) {
            f.categorical(50_000 + item, "genre", "g" + item % 7);
            f.categorical(50_000 + item, "brand", "b" + item % 11);
        }
        return f.build();
    }

    /**
     * {@link #features()} with 6-d vectors for two items in three, and ten new items
     * (50,400..50,409) that have only a vector.
     */
    public static ItemFeatures vectorFeatures() {
        ItemFeatures.Builder f = ItemFeatures.builder();
        Random random = new Random(11);
        for (int item = 0; item < 410; item++) {
            if (item < 400) {
                f.categorical(50_000 + item, "genre", "g" + item % 7).categorical(50_000 + item, "brand", "b" + item % 11);
            }
            if (item % 3 != 0) {
                float[] v = new float[6];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) random.nextGaussian();
                }
                f.vector(50_000 + item, v);
            }
        }
        return f.build();
    }

    /** One algorithm per model type available, small settings. */
    public static Map<String, Algorithm> algorithms() {
        Map<String, Algorithm> a = new LinkedHashMap<>();
        a.put("popularity", PopularityRecommender.builder().build());
        a.put("baseline", BaselinePredictor.builder().build());
        a.put("item-knn", ItemKnnRecommender.builder().neighbors(20).build());
        a.put("user-knn", UserKnnRecommender.builder().neighbors(20).build());
        a.put("content", ContentBasedRecommender.builder().features(features()).build());
        a.put("content vectors", ContentBasedRecommender.builder().features(vectorFeatures()).vectorWeight(0.4).build());
        a.put("hybrid", HybridRecommender.builder().add(ItemKnnRecommender.builder().neighbors(20).build(), 0.7)
                .add(PopularityRecommender.builder().build(), 0.3).build());
        a.put("mf", MatrixFactorizationRecommender.builder().factors(8).epochs(5).seed(1).build());
        a.put("svd++", MatrixFactorizationRecommender.builder().factors(8).epochs(3).implicitFeedback(true).seed(1)
                .build());
        a.put("implicit-als", ImplicitAlsRecommender.builder().factors(8).iterations(3).seed(1).build());
        a.put("ease", EaseRecommender.builder().lambda(50).build());
        a.put("neumf", NeuralCollaborativeFiltering.builder().gmfFactors(4).mlpLayers(8, 4).epochs(1).seed(1)
                .threads(1).build());
        return a;
    }

    /** One call: topN for a user (known or not), a session, or a predict. */
    private record Query(int kind, long user, long item, int n, boolean filtered, long[] session, float[] weights) {
        static final int TOP_N = 0;
        static final int SESSION = 1;
        static final int PREDICT = 2;
    }

    private static final ItemFilter FILTER = ItemFilter.builder().deny(50_001, 50_002, 50_003)
            .require(id -> id % 3 != 0).build();

    private static List<Query> queries(RatingMatrix m, boolean sessions, long seed) {
        Random random = new Random(seed);
        List<Query> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            int kind = random.nextInt(sessions ? 3 : 2) == 1 && sessions ? Query.SESSION
                    : random.nextInt(3) == 0 ? Query.PREDICT : Query.TOP_N;
            long user = random.nextInt(5) == 0 ? 900_000 + random.nextInt(100)            // unknown
                    : m.users().idAt(random.nextInt(m.userCount()));                      // known
            long item = random.nextInt(10) == 0 ? -7 : m.items().idAt(random.nextInt(m.itemCount()));
            int length = 1 + random.nextInt(5);
            long[] session = new long[length];
            float[] weights = new float[length];
            for (int k = 0; k < length; k++) {
                session[k] = random.nextInt(8) == 0 ? 123 : m.items().idAt(random.nextInt(m.itemCount()));
                weights[k] = 1 + random.nextInt(5);
            }
            queries.add(new Query(kind, user, item, 1 + random.nextInt(20), random.nextBoolean(), session, weights));
        }
        return queries;
    }

    private static Object run(Recommender r, Query q) {
        ItemFilter filter = q.filtered ? FILTER : ItemFilter.excludeSeen();
        return switch (q.kind) {
            case Query.TOP_N -> snapshot(r.topN(q.user, q.n, filter));
            case Query.SESSION -> snapshot(((SessionRecommender) r).topNForSession(q.session, q.weights, q.n, filter));
            default -> Double.doubleToLongBits(r.predict(q.user, q.item));
        };
    }

    private static List<Object> snapshot(Recommendations r) {
        return List.of(r.source(), List.copyOf(r));
    }

    @Test
    void everyModelAnswersTheSameFromEightThreads() throws Exception {
        RatingMatrix m = fixture();
        StringBuilder report = new StringBuilder("Stress: " + THREADS + " threads x " + CALLS
                + " calls per model, fixture " + m + "\n");
        for (Map.Entry<String, Algorithm> e : algorithms().entrySet()) {
            Recommender model = e.getValue().fit(m);
            List<Query> queries = queries(m, model instanceof SessionRecommender, 7);
            List<Object> expected = new ArrayList<>();
            for (Query q : queries) {
                expected.add(run(model, q));
            }
            long start = System.nanoTime();
            long[] outcome = hammer(model, queries, expected);
            double seconds = (System.nanoTime() - start) / 1e9;
            report.append(String.format("  %-13s calls %,9d  mismatches %d  %.2f s%n", e.getKey(), outcome[0],
                    outcome[1], seconds));
            assertEquals((long) THREADS * CALLS, outcome[0], e.getKey());
            assertEquals(0, outcome[1], e.getKey() + ": results differ from the single-threaded reference");
        }
        System.out.print(report);
    }

    /** Runs {@link #THREADS} threads of {@link #CALLS} random queries each; returns {calls, mismatches}. */
    private static long[] hammer(Recommender model, List<Query> queries, List<Object> expected)
            throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            long seed = 100 + t;
            threads[t] = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    ready.await();
                    for (int c = 0; c < CALLS; c++) {
                        int q = random.nextInt(queries.size());
                        if (!Objects.equals(expected.get(q), run(model, queries.get(q)))) {
                            mismatches.incrementAndGet();
                        }
                        calls.incrementAndGet();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "stress-" + t);
            threads[t].start();
        }
        ready.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "a query thread failed: " + failures);
        return new long[]{calls.get(), mismatches.get()};
    }

    @Test
    void holderSwapsModelsWhileEightThreadsQuery() throws Exception {
        // two models that answer the same queries differently; every answer must be one model's answer
        RatingMatrix m = fixture();
        Recommender a = ItemKnnRecommender.builder().neighbors(20).build().fit(m);
        Recommender b = PopularityRecommender.builder().build().fit(m);
        List<Query> queries = queries(m, false, 11);
        List<Object> fromA = new ArrayList<>();
        List<Object> fromB = new ArrayList<>();
        int differ = 0;
        for (Query q : queries) {
            fromA.add(run(a, q));
            fromB.add(run(b, q));
            differ += Objects.equals(fromA.get(fromA.size() - 1), fromB.get(fromB.size() - 1)) ? 0 : 1;
        }
        assertTrue(differ > queries.size() / 2, "the two models must disagree to make the test meaningful");
        RecommenderHolder holder = new RecommenderHolder(a);
        AtomicLong swaps = new AtomicLong();
        AtomicLong answeredByA = new AtomicLong();
        AtomicLong answeredByB = new AtomicLong();
        AtomicLong neither = new AtomicLong();
        Thread[] threads = new Thread[THREADS];
        List<Throwable> failures = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        for (int t = 0; t < THREADS; t++) {
            long seed = 200 + t;
            threads[t] = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    for (int c = 0; c < CALLS; c++) {
                        int q = random.nextInt(queries.size());
                        Object got = run(holder, queries.get(q));
                        if (Objects.equals(got, fromA.get(q))) {
                            answeredByA.incrementAndGet();
                        } else if (Objects.equals(got, fromB.get(q))) {
                            answeredByB.incrementAndGet();
                        } else {
                            neither.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
        }
        Thread swapper = new Thread(() -> {
            boolean toB = true;
            while (!done.get()) {
                Recommender previous = holder.swap(toB ? b : a);
                if (previous != (toB ? a : b)) {
                    neither.addAndGet(1_000_000);   // a swap returned the wrong model
                }
                toB = !toB;
                swaps.incrementAndGet();
                Thread.onSpinWait();
            }
        });
        swapper.start();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        done.set(true);
        swapper.join();
        assertTrue(failures.isEmpty(), () -> "a query thread failed: " + failures);
        System.out.printf("Holder: %d threads x %d calls, %d swaps, answers from model A %d, from B %d, neither %d%n",
                THREADS, CALLS, swaps.get(), answeredByA.get(), answeredByB.get(), neither.get());
        assertEquals(0, neither.get());
        assertEquals((long) THREADS * CALLS, answeredByA.get() + answeredByB.get());
        assertTrue(swaps.get() > 0);
    }
}
