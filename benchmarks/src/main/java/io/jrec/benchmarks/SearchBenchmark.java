package io.jrec.benchmarks;

import io.jrec.core.data.ShopSearches;
import io.jrec.core.data.SyntheticShop;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.search.CatalogIndex;
import io.jrec.search.ProductSearch;
import io.jrec.search.SearchResults;
import io.jrec.search.ShopCatalog;
import io.jrec.similarity.Similarity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Product search latency on a 10^5-product catalogue (synthetic shop: 20,000 customers, 100,000
 * products, 1,000,000 events, seed 42), single thread, sample mode (the report has the median):
 * two-word queries typed by the shop's customers ({@link ShopSearches}, no typos or price words),
 * searched for the customer who typed them with item-KNN personalisation (cosine, k = 50, weight 0.5,
 * popularity 0.1; with and without "because you bought" explanations; with semantic retrieval over
 * 32-dimensional product vectors, {@link ShopSearches#attributeVectors} noise 0.5, weight 0.3, by Lucene's
 * HNSW graph), as plain BM25, and as an anonymous visitor.
 * The top 10 of 100 candidates is returned.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SearchBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@Threads(1)
@State(Scope.Thread)
public class SearchBenchmark {
    private ProductSearch personal;
    private ProductSearch personalExplained;
    private ProductSearch personalSemantic;
    private ProductSearch plain;
    private long[] users;
    private String[] queries;
    private int next;

    /** Builds the shop, the index and the model once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        SyntheticShop shop = SyntheticShop.builder().customers(20_000).products(100_000).events(1_000_000)
                .seed(42).threads(2).build();
        CatalogIndex index = CatalogIndex.builder().addAll(ShopCatalog.items(shop)).build();
        ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).modelSize(50)
                .implicit(true).threads(2).build().fit(shop.interactions());
        personal = ProductSearch.builder(index).recommender(knn, 0.5).popularity(shop.interactions(), 0.1).build();
        personalExplained = ProductSearch.builder(index).recommender(knn, 0.5).popularity(shop.interactions(), 0.1)
                .explanations(true).build();
        personalSemantic = ProductSearch.builder(index).recommender(knn, 0.5).popularity(shop.interactions(), 0.1)
                .vectors(ShopSearches.attributeVectors(shop, 32, 0.5, 11), 0.3).build();
        plain = ProductSearch.builder(index).build();
        List<ShopSearches.Search> log = ShopSearches.builder(shop).searches(20_000).seed(7).typoRate(0)
                .priceRate(0).brandRate(0).build();
        List<ShopSearches.Search> twoWords = new ArrayList<>();
        for (ShopSearches.Search s : log) {
            if (s.query().split(" ").length == 2 && twoWords.size() < 1_000) {
                twoWords.add(s);
            }
        }
        users = new long[twoWords.size()];
        queries = new String[twoWords.size()];
        for (int k = 0; k < users.length; k++) {
            users[k] = twoWords.get(k).customerId();
            queries[k] = twoWords.get(k).query();
        }
    }

    private int advance() {
        int k = next;
        next = next + 1 == users.length ? 0 : next + 1;
        return k;
    }

    /** A two-word query with item-KNN personalisation, for the customer who typed it. */
    @Benchmark
    public SearchResults personalised2Words() {
        int k = advance();
        return personal.search(users[k], queries[k], 10);
    }

    /** The same, with "because you bought" explanations on every hit. */
    @Benchmark
    public SearchResults personalisedExplained() {
        int k = advance();
        return personalExplained.search(users[k], queries[k], 10);
    }

    /**
     * The same, with semantic retrieval: the 20 products nearest (HNSW) to the sum of the best 5 text
     * matches' vectors join the candidates, cosine blended with BM25.
     */
    @Benchmark
    public SearchResults personalisedSemantic() {
        int k = advance();
        return personalSemantic.search(users[k], queries[k], 10);
    }

    /** The same queries as an anonymous visitor (BM25 + popularity). */
    @Benchmark
    public SearchResults anonymous2Words() {
        int k = advance();
        return personal.search(ProductSearch.ANONYMOUS, queries[k], 10);
    }

    /** The same queries, plain BM25. */
    @Benchmark
    public SearchResults bm25TwoWords() {
        int k = advance();
        return plain.search(users[k], queries[k], 10);
    }
}
