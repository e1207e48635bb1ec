package io.jrec.examples;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.data.ShopSearches;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.io.VectorFiles;
import io.jrec.core.DenseVectors;
import io.jrec.core.DuplicatePolicy;
import io.jrec.models.factor.ImplicitAlsRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.search.CatalogIndex;
import io.jrec.search.Item2Vec;
import io.jrec.search.ItemEmbeddings;
import io.jrec.search.ItemSequences;
import io.jrec.search.LoggedSearch;
import io.jrec.search.ProductSearch;
import io.jrec.search.SearchEvaluation;
import io.jrec.search.SearchEvaluation.Quality;
import io.jrec.search.SearchHit;
import io.jrec.search.SearchResults;
import io.jrec.search.ShopCatalog;
import io.jrec.similarity.Similarity;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Personalised product search on the synthetic shop: a catalogue index, queries with typos and price
 * words, the same query ranked for two customers, personalised ranking against plain BM25 on held-out
 * searches (the blend weight tuned on earlier logged searches), item2vec "similar items" against item-KNN
 * on next purchases, and product vectors loaded from a file for semantic retrieval (its weight tuned on
 * the same earlier searches).
 *
 * <pre>
 *   SearchScenario            the full run (5,000 customers, 2,000 products, 200,000 events; ~4 minutes)
 *   SearchScenario -quick     a small shop (seconds; the smoke test)
 * </pre>
 * Run: {@code mvn -B -ntp -q -pl examples exec:java -Dexec.mainClass=io.jrec.examples.SearchScenario}
 * (after {@code mvn -B -ntp -q install -DskipTests}).
 */
public final class SearchScenario {
    private static final double[] GRID = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1};
    private static final double[] VECTOR_GRID = {0, 0.02, 0.05, 0.1, 0.2, 0.3};

    private SearchScenario() {
    }

    public static void main(String[] args) throws IOException {
        run(args, System.out, new ConsoleProgressBar(System.err));
    }

    static void run(String[] args, PrintStream out, ProgressListener progress) throws IOException {
        boolean quick = args.length > 0 && args[0].equals("-quick");
        SyntheticShop shop = quick
                ? SyntheticShop.builder().customers(800).products(300).events(30_000).seed(42).build()
                : SyntheticShop.builder().customers(5_000).products(2_000).events(200_000).seed(42).threads(2).build();
        out.printf(Locale.ROOT, "Synthetic shop: %,d customers, %,d products, %,d events%n%n",
                shop.customers().size(), shop.products().size(), shop.eventCount());

        CatalogIndex index = CatalogIndex.builder().addAll(ShopCatalog.items(shop)).build();
        RatingMatrix interactions = shop.interactions();
        ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                .implicit(true).threads(2).build().fit(interactions, progress);
        ProductSearch plain = ProductSearch.builder(index).build();
        ProductSearch personal = ProductSearch.builder(index).recommender(knn, 0.5).popularity(interactions, 0.1)
                .explanations(true).build();
        out.println(index);

        // --- one query, two customers
        List<ShopSearches.Search> log = ShopSearches.builder(shop).searches(quick ? 500 : 6_000).seed(7).build();
        ShopSearches.Search example = null;
        for (ShopSearches.Search s : log) {
            if (s.query().contains("under") || s.query().contains("cheap")) {
                example = s;
                break;
            }
        }
        String typo = typoQuery(index, log);
        out.printf("%nQuery \"%s\":%n", typo);
        SearchResults anonymous = personal.search(ProductSearch.ANONYMOUS, typo, 5);
        printResults(out, shop, anonymous, ProductSearch.ANONYMOUS);
        if (example != null) {
            out.printf("%nQuery \"%s\" by customer %d (tastes %s):%n", example.query(), example.customerId(),
                    shop.customer(example.customerId()));
            printResults(out, shop, personal.search(example.customerId(), example.query(), 5), example.customerId());
            out.println("  same query, plain BM25:");
            printResults(out, shop, plain.search(example.customerId(), example.query(), 5), ProductSearch.ANONYMOUS);
        }

        // --- personalised vs BM25 on held-out searches
        List<LoggedSearch> bought = new ArrayList<>();
        for (ShopSearches.Search s : log) {
            if (s.purchased()) {
                bought.add(new LoggedSearch(s.customerId(), s.query(), s.purchasedProductId()));
            }
        }
        List<LoggedSearch> tuning = bought.subList(0, bought.size() / 2);
        List<LoggedSearch> heldOut = bought.subList(bought.size() / 2, bought.size());
        Quality bm25 = SearchEvaluation.evaluate(plain, heldOut);
        Quality popular = SearchEvaluation.evaluate(ProductSearch.builder(index).popularity(interactions, 0.1).build(),
                anonymise(heldOut));
        out.printf(Locale.ROOT, "%nHeld-out searches that ended in a purchase (%,d; weights tuned on the %,d before them):%n",
                heldOut.size(), tuning.size());
        out.printf(Locale.ROOT, "  %-58s %s%n", "plain BM25", bm25);
        out.printf(Locale.ROOT, "  %-58s %s%n", "BM25 + popularity 0.1 (as anonymous)", popular);
        ImplicitAlsRecommender als = ImplicitAlsRecommender.builder().threads(2).build().fit(interactions);
        double w = 0;
        for (Recommender r : List.of(knn, als)) {
            ProductSearch s = ProductSearch.builder(index).recommender(r, 0).popularity(interactions, 0.1).build();
            double tunedWeight = SearchEvaluation.tuneWeight(s, tuning, GRID);
            Quality tuned = SearchEvaluation.evaluate(s.withWeight(tunedWeight), heldOut);
            String name = r == knn ? "item-KNN" : "implicit ALS";
            out.printf(Locale.ROOT, "  %-58s %s%n", String.format(Locale.ROOT,
                    "BM25 + popularity 0.1 + %s, w = %.2f (tuned)", name, tunedWeight), tuned);
            w = tunedWeight;
        }

                // --- item2vec vs item-KNN: next purchase after a time cut
        nextPurchase(shop, out, progress, quick);

        // --- vectors from a file: semantic retrieval
        Path file = Files.createTempFile("jrec-vectors", ".txt");
        try {
            DenseVectors made = ShopSearches.attributeVectors(shop, 32, 0.5, 11);
            try (Writer wtr = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int k = 0; k < made.size(); k++) {
                    StringBuilder line = new StringBuilder().append(made.ids().idAt(k));
                    for (float x : made.vector(k)) {
                        line.append(' ').append(x);
                    }
                    wtr.write(line.append('\n').toString());
                }
            }
            DenseVectors loaded = VectorFiles.text(file);
            out.printf(Locale.ROOT, "%nProduct vectors loaded from %s (%s): semantic retrieval (the 20 products nearest"
                    + " to the best 5 text matches' vectors join the candidates, cosine blended with BM25)%n",
                    file.getFileName(), loaded);
            double bestV = 0;
            double bestMrr = Double.NEGATIVE_INFINITY;
            for (double v : VECTOR_GRID) {
                double mrr = SearchEvaluation.evaluate(semantic(index, als, w, interactions, loaded, v), tuning).mrr();
                if (mrr > bestMrr) {
                    bestMrr = mrr;
                    bestV = v;
                }
            }
            for (double v : bestV == 0.3 ? new double[] {0.3} : new double[] {0.3, bestV}) {
                Quality withVectors = SearchEvaluation.evaluate(semantic(index, als, w, interactions, loaded, v), heldOut);
                out.printf(Locale.ROOT, "  %-58s %s%n", String.format(Locale.ROOT, "BM25 + vectors %.2f%s + pop. 0.1 + ALS, w = %.2f",
                        v, v == bestV ? " (tuned)" : "", w), withVectors);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ProductSearch semantic(CatalogIndex index, Recommender als, double w, RatingMatrix interactions,
                                          DenseVectors vectors, double v) {
        return ProductSearch.builder(index).recommender(als, w).popularity(interactions, 0.1).vectors(vectors, v).build();
    }

    private static List<LoggedSearch> anonymise(List<LoggedSearch> log) {
        List<LoggedSearch> out = new ArrayList<>(log.size());
        for (LoggedSearch s : log) {
            out.add(new LoggedSearch(ProductSearch.ANONYMOUS, s.query(), s.boughtItemId()));
        }
        return out;
    }

    /** A logged query the index corrects (one with a typo), else the first one. */
    private static String typoQuery(CatalogIndex index, List<ShopSearches.Search> log) {
        for (ShopSearches.Search s : log) {
            if (!index.parse(s.query()).corrections().isEmpty()) {
                return s.query();
            }
        }
        return log.get(0).query();
    }

    private static void printResults(PrintStream out, SyntheticShop shop, SearchResults r, long user) {
        out.println("  understood: " + r.query() + (r.notes().isEmpty() ? "" : "  notes: " + r.notes()));
        out.println("  ranked by: " + r.source() + ", " + r.matches() + " matches");
        for (SearchHit h : r) {
            SyntheticShop.Product p = shop.product(h.itemId());
            StringBuilder because = new StringBuilder();
            for (long b : h.becauseOf()) {
                because.append(because.length() == 0 ? "   because you bought: " : ", ").append(shop.product(b).title());
            }
            out.printf(Locale.ROOT, "    %-42s %-8s %8.2f  score %.3f (text %.3f, popularity %.3f, personal %.3f)%s%n",
                    p.title(), p.priceBand(), p.price(), h.score(), h.relevance(), h.popularity(), h.personal(), because);
        }
    }

    /**
     * Next-purchase HR@10: events before 80% of the year train both models (item2vec on each customer's
     * event sequence, item-KNN cosine on the implicit matrix); for each customer with a purchase after the
     * cut, the query item is the last product they touched before it, and a hit is the first purchase
     * after the cut among its 10 most similar items (the query item itself is never counted).
     */
    private static void nextPurchase(SyntheticShop shop, PrintStream out, ProgressListener progress, boolean quick) {
        long cut = SyntheticShop.START + SyntheticShop.SPAN * 8 / 10;
        Map<Long, LongArrayList> sequences = new HashMap<>();
        Map<Long, Long> lastItem = new HashMap<>();
        Map<Long, Long> nextBought = new HashMap<>();
        RatingMatrix.Builder train = RatingMatrix.builder().duplicates(DuplicatePolicy.MAX);
        shop.forEachEvent((customer, product, type, ts) -> {
            if (ts < cut) {
                LongArrayList seq = sequences.computeIfAbsent(customer, c -> new LongArrayList());
                if (seq.isEmpty() || seq.getLong(seq.size() - 1) != product) {
                    seq.add(product);
                }
                lastItem.put(customer, product);
                train.add(customer, product, type.weight(), ts);
            } else if (type == SyntheticShop.EventType.PURCHASE && !nextBought.containsKey(customer)) {
                nextBought.put(customer, product);
            }
        });
        ItemSequences.Builder sb = ItemSequences.builder();
        sequences.keySet().stream().sorted().forEach(c -> sb.add(sequences.get(c).toLongArray()));
        ItemSequences seqs = sb.build();
        RatingMatrix trainMatrix = train.build();
        long t0 = System.nanoTime();
        ItemEmbeddings i2v = Item2Vec.builder().dimension(32).window(3).negatives(5).epochs(quick ? 1 : 5).seed(42)
                .threads(2).build().fit(seqs, progress);
        long t1 = System.nanoTime();
        // similar items: a long fit (settings chosen on a validation split: train before 70% of the year,
        // next purchases before 80%): a wide window, strong subsampling, many epochs
        ItemEmbeddings similar = Item2Vec.builder().dimension(32).window(30).negatives(5).subsample(1e-4)
                .epochs(quick ? 2 : 60).seed(42).threads(2).build().fit(seqs, progress);
        long t2 = System.nanoTime();
        ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50)
                .implicit(true).threads(2).build().fit(trainMatrix);
        int tests = 0;
        int hitsI2v = 0;
        int hitsNext = 0;
        int hitsKnn = 0;
        for (Map.Entry<Long, Long> e : nextBought.entrySet()) {
            Long query = lastItem.get(e.getKey());
            if (query == null || query.longValue() == e.getValue().longValue()) {
                continue;
            }
            tests++;
            hitsI2v += contains(similar.similarItems(query, 10).itemIds(), e.getValue()) ? 1 : 0;
            hitsNext += contains(i2v.nextItems(query, 10).itemIds(), e.getValue()) ? 1 : 0;
            hitsKnn += contains(knn.similarItems(query, 10).itemIds(), e.getValue()) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "%nNext purchase after a time cut (%,d customers; %s, fit %.1f s, and %s, fit %.1f s,"
                + " on 2 threads):%n", tests, similar, (t2 - t1) / 1e9, i2v, (t1 - t0) / 1e9);
        out.printf(Locale.ROOT, "  %-44s HR@10 %.4f%n", "item2vec similarItems (v and u, window 30)", (double) hitsI2v / tests);
        out.printf(Locale.ROOT, "  %-44s HR@10 %.4f%n", "item2vec nextItems (input . output vectors)", (double) hitsNext / tests);
        out.printf(Locale.ROOT, "  %-44s HR@10 %.4f%n", "item-KNN cosine similarItems (k = 50)", (double) hitsKnn / tests);
    }

    private static boolean contains(long[] ids, long id) {
        for (long x : ids) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }
}
