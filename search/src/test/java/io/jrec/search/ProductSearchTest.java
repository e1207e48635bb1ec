package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.core.DenseVectors;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductSearchTest {

    /** Four speakers whose titles match "speaker" equally well (same length, one occurrence). */
    static CatalogIndex speakers() {
        return CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("Alpha Speaker").brand("Alpha").price(30).build())
                .add(CatalogItem.builder(2).title("Bravo Speaker").brand("Bravo").price(60).build())
                .add(CatalogItem.builder(3).title("Charlie Speaker").brand("Charlie").price(90).build())
                .add(CatalogItem.builder(4).title("Delta Speaker").brand("Delta").price(120).build())
                .add(CatalogItem.builder(5).title("Echo Speaker").brand("Echo").price(150).inStock(false).build())
                .add(CatalogItem.builder(6).title("Foxtrot Lamp").brand("Foxtrot").price(20).build())
                .build();
    }

    /** A recommender with fixed scores for every user, honouring allow lists. */
    static Recommender fixed(Map<Long, Double> scores) {
        return new Recommender() {
            @Override
            public Recommendations topN(long userId, int n, ItemFilter filter) {
                List<ScoredItem> out = new ArrayList<>();
                scores.forEach((id, s) -> {
                    if (filter.accepts(id)) {
                        out.add(new ScoredItem(id, s));
                    }
                });
                out.sort((a, b) -> Double.compare(b.score(), a.score()));
                return Recommendations.of(out.subList(0, Math.min(n, out.size())), "Fixed");
            }

            @Override
            public double predict(long userId, long itemId) {
                return scores.getOrDefault(itemId, Double.NaN);
            }
        };
    }

    @Test
    void blendIsHandComputable() {
        // Equal BM25 for items 1-4, so relevance is 1 for each; personal scores 4, 2, 1 and none
        // normalise (min-max) to 1, 1/3, 0 and 0. With w = 0.5: 1.0, 0.667, 0.5, 0.5 (3 before 4: text rank).
        ProductSearch search = ProductSearch.builder(speakers())
                .recommender(fixed(Map.of(1L, 4.0, 2L, 2.0, 3L, 1.0, 6L, 9.0)), 0.5).build();
        SearchResults r = search.search(7L, "speaker", 10);
        assertArrayEquals(new long[] {1, 2, 3, 4}, r.itemIds());   // 5 is out of stock, 6 does not match
        assertEquals(1.0, r.get(0).score(), 1e-6);
        assertEquals(0.5 + 0.5 / 3, r.get(1).score(), 1e-6);
        assertEquals(0.5, r.get(2).score(), 1e-6);
        assertEquals(0.5, r.get(3).score(), 1e-6);
        assertEquals(1.0 / 3, r.get(1).personal(), 1e-6);
        assertEquals(1.0, r.get(3).relevance(), 1e-6);
        assertEquals("BM25 + personal 0.50 (Fixed)", r.source());
        assertEquals(Map.of(SearchField.TITLE, List.of("speaker")), r.get(0).matched());
    }

    @Test
    void weightZeroIsTextOrderAndWeightOneIsTheRecommendersOrderAmongMatches() {
        CatalogIndex index = CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("red red red shirt").build())
                .add(CatalogItem.builder(2).title("red shirt with a long title about cotton").build())
                .add(CatalogItem.builder(3).title("red shirt").build())
                .build();
        Recommender rec = fixed(Map.of(1L, 1.0, 2L, 3.0, 3L, 2.0));
        ProductSearch plain = ProductSearch.builder(index).recommender(rec, 0).build();
        SearchResults text = plain.search(1L, "red shirt", 10);
        assertArrayEquals(new long[] {1, 3, 2}, text.itemIds());   // term frequency, then shorter title
        assertArrayEquals(new long[] {2, 3, 1}, plain.withWeight(1).search(1L, "red shirt", 10).itemIds());
        // any weight: score = (1 - w) relevance + w personal, for every hit
        SearchResults mixed = plain.withWeight(0.3).search(1L, "red shirt", 10);
        for (SearchHit h : mixed) {
            assertEquals(0.7 * h.relevance() + 0.3 * h.personal(), h.score(), 1e-9);
        }
        // with popularity: (1 - w) ((1 - p) relevance + p popularity) + w personal
        RatingMatrix counts = RatingMatrix.builder().add(50, 1, 1).add(51, 1, 1).add(50, 2, 1).build();
        ProductSearch popular = ProductSearch.builder(index).recommender(rec, 0.3).popularity(counts, 0.2).build();
        SearchResults three = popular.search(1L, "red shirt", 10);
        for (SearchHit h : three) {
            assertEquals(0.7 * (0.8 * h.relevance() + 0.2 * h.popularity()) + 0.3 * h.personal(), h.score(), 1e-9);
        }
        // item 1 has 2 buyers (popularity 1), item 2 one (ln 2 / ln 3), item 3 none
        assertEquals(1.0, three.stream().filter(h -> h.itemId() == 1).findFirst().orElseThrow().popularity(), 1e-6);
        assertEquals(Math.log(2) / Math.log(3),
                three.stream().filter(h -> h.itemId() == 2).findFirst().orElseThrow().popularity(), 1e-6);
        assertEquals("BM25 + popularity 0.20 + personal 0.30 (Fixed)", three.source());
        assertEquals("weight must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> plain.withWeight(1.5)).getMessage());
    }

    @Test
    void fieldWeightsDecideWhichFieldCountsMore() {
        CatalogIndex.Builder b = CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("red lamp").description("a lamp for the desk").build())
                .add(CatalogItem.builder(2).title("desk lamp").description("red shade and red cable").build());
        ProductSearch titleFirst = ProductSearch.builder(b.build()).build();
        assertEquals(1L, titleFirst.search(ProductSearch.ANONYMOUS, "red", 2).get(0).itemId());
        ProductSearch descriptionFirst = ProductSearch.builder(
                b.weight(SearchField.TITLE, 0.5).weight(SearchField.DESCRIPTION, 5).build()).build();
        assertEquals(2L, descriptionFirst.search(ProductSearch.ANONYMOUS, "red", 2).get(0).itemId());
        assertEquals("weight of TITLE must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> b.weight(SearchField.TITLE, -1)).getMessage());
    }

    @Test
    void brandPriceStockAndCheapAreApplied() {
        ProductSearch search = ProductSearch.builder(speakers()).build();
        assertArrayEquals(new long[] {2}, search.search(ProductSearch.ANONYMOUS, "bravo speaker", 10).itemIds());
        assertArrayEquals(new long[] {1, 2}, search.search(ProductSearch.ANONYMOUS, "speaker under 60", 10).itemIds());
        assertArrayEquals(new long[] {3, 4}, search.search(ProductSearch.ANONYMOUS, "speaker 80-130", 10).itemIds());
        // cheap: the cheapest 40% of the candidates (prices 30, 60, 90, 120: quantile index floor(0.4 * 3) = 1)
        SearchResults cheap = search.search(ProductSearch.ANONYMOUS, "cheap speaker", 10);
        assertArrayEquals(new long[] {1, 2}, cheap.itemIds());
        assertEquals(List.of("cheap: price <= 60.00"), cheap.notes());
        // out of stock shown only when asked
        ProductSearch all = ProductSearch.builder(speakers()).inStockOnly(false).build();
        assertEquals(5, all.search(ProductSearch.ANONYMOUS, "speaker", 10).size());
        // a brand alone lists the brand's products
        assertArrayEquals(new long[] {6}, search.search(ProductSearch.ANONYMOUS, "foxtrot", 10).itemIds());
        // the caller's filter
        ItemFilter deny = ItemFilter.builder().excludeSeen(false).deny(1L, 2L).build();
        assertArrayEquals(new long[] {3, 4}, search.search(ProductSearch.ANONYMOUS, "speaker", 10, deny).itemIds());
    }

    @Test
    void relaxedWhenNotEveryTermMatches() {
        ProductSearch search = ProductSearch.builder(speakers()).build();
        SearchResults strict = search.search(ProductSearch.ANONYMOUS, "alpha speaker", 10);
        assertFalse(strict.relaxed());
        SearchResults loose = search.search(ProductSearch.ANONYMOUS, "speaker lamp", 10);
        assertTrue(loose.relaxed());
        assertEquals(5, loose.size());
    }

    /** u1 bought 1 and 3; u2 bought 1, 2 and 3; u3 bought 2 and 4 (and a lamp, 6, three times). */
    static RatingMatrix purchases() {
        return RatingMatrix.builder()
                .add(101, 1, 1).add(101, 3, 1)
                .add(102, 1, 1).add(102, 2, 1).add(102, 3, 1)
                .add(103, 2, 1).add(103, 4, 1).add(103, 6, 1)
                .add(104, 6, 1).add(105, 6, 1)
                .build();
    }

    @Test
    void knownUsersGetThePersonalOrderWithBecauseOfAndOthersPopularity() {
        RatingMatrix m = purchases();
        ItemKnnRecommender knn = ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(10)
                .implicit(true).build().fit(m);
        ProductSearch search = ProductSearch.builder(speakers()).recommender(knn, 0.8).explanations(true).build();
        SearchResults r = search.search(101L, "speaker", 10);
        assertTrue(r.source().startsWith("BM25 + popularity 0.10 + personal 0.80 (ItemKNN"), r.source());
        // speaker 1 co-occurs with both of 101's purchases, so it is explained by them
        SearchHit first = r.get(0);
        assertTrue(first.personal() > 0);
        assertFalse(first.becauseOf().isEmpty(), first.toString());
        assertEquals(first.becauseOf(), search.becauseOf(101L, first.itemId()));
        ProductSearch lazy = ProductSearch.builder(speakers()).recommender(knn, 0.8).build();
        assertTrue(lazy.search(101L, "speaker", 10).get(0).becauseOf().isEmpty());
        assertEquals(first.becauseOf(), lazy.becauseOf(101L, first.itemId()));
        assertTrue(lazy.becauseOf(999L, first.itemId()).isEmpty());
        SearchResults unknown = search.search(999L, "speaker", 10);
        assertEquals("BM25 + popularity 0.10 (unknown user)", unknown.source());
        // popularity from the recommender's training data: 2 has two buyers, 1 and 3 two, 4 one
        SearchResults anonymous = search.search(ProductSearch.ANONYMOUS, "speaker", 10);
        assertEquals("BM25 + popularity 0.10 (anonymous)", anonymous.source());
        assertEquals(4L, anonymous.get(3).itemId());
        for (SearchHit h : anonymous) {
            assertTrue(h.becauseOf().isEmpty());
        }
    }

    @Test
    void vectorsBringInProductsNearTheTextMatches() {
        CatalogIndex index = CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("trail running shoe").build())
                .add(CatalogItem.builder(2).title("road running shoe").build())
                .add(CatalogItem.builder(3).title("Velocity X").build())        // no words in common, but a shoe
                .add(CatalogItem.builder(4).title("garden hose").build())
                .build();
        DenseVectors v = DenseVectors.builder(2)
                .add(1, new float[] {1, 0.1f}).add(2, new float[] {1, 0}).add(3, new float[] {0.9f, 0.1f})
                .add(4, new float[] {0, 1}).build();
        // the 3 products nearest to the sum of the 2 text matches' unit vectors: 1, 2 (already candidates) and 3
        ProductSearch search = ProductSearch.builder(index).vectors(v, 0.5).expansion(2, 3).build();
        SearchResults r = search.search(ProductSearch.ANONYMOUS, "running shoe", 10);
        assertEquals(3, r.size(), r.toString());
        assertEquals(3L, r.get(2).itemId());
        assertTrue(r.get(2).matched().isEmpty());
        assertTrue(r.source().startsWith("BM25 + vectors 0.50"), r.source());
        // an explicit query vector (semantic retrieval from an external encoder)
        SearchResults semantic = search.search(ProductSearch.ANONYMOUS, "hose", new float[] {0, 1}, 10, ItemFilter.none());
        assertEquals(4L, semantic.get(0).itemId());
        assertEquals("query vector has 3 components, expected 2", assertThrows(IllegalArgumentException.class,
                () -> search.search(1L, "x", new float[3], 10, ItemFilter.none())).getMessage());
        assertEquals("a query vector was given but this search has no item vectors; set them with "
                + "ProductSearch.Builder.vectors(...)", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(index).build().search(1L, "x", new float[2], 10, ItemFilter.none())).getMessage());
    }

    @Test
    void badInputGivesClearResultsOrMessagesNeverAnalyserExceptions() {
        CatalogIndex index = CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("Alpha Speaker").build())
                .add(CatalogItem.builder(2).build())                                // every field missing
                .add(CatalogItem.builder(3).description("speaker with no title, no brand, no price").build())
                .add(CatalogItem.builder(4).brand("Zeta").attribute("colour", "red").build())
                .build();
        ProductSearch search = ProductSearch.builder(index).build();
        SearchResults none = search.search(1L, null, 10);
        assertEquals(0, none.size());
        assertEquals(List.of("empty query"), none.notes());
        assertEquals(List.of("empty query"), search.search(1L, "   ", 10).notes());
        assertEquals(List.of("no searchable words in the query"), search.search(1L, "the of and", 10).notes());
        SearchResults control = search.search(1L, "speaker\u0000\u0007\u001b", 10);
        assertEquals(2, control.size());
        assertEquals(List.of("control characters read as spaces"), control.notes());
        SearchResults huge = search.search(1L, "x".repeat(10_000), 10);
        assertEquals(0, huge.size());
        assertEquals(List.of("query cut to its first 1000 of 10000 characters"), huge.notes());
        assertEquals(2, search.search(1L, "speaker ".repeat(1_250), 10).size());
        assertEquals(1, search.search(1L, "red", 10).size());       // attributes are searchable
        assertEquals(0, search.search(1L, "speaker under 10", 10).size());   // products without a price never pass
        assertEquals(0, search.search(1L, "speaker", 0).size());
        assertEquals("n must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> search.search(1L, "speaker", -1)).getMessage());
        assertEquals("price of product 9 is -1.0; give a finite price >= 0, or NaN if unknown",
                assertThrows(IllegalArgumentException.class, () -> CatalogItem.builder(9).price(-1).build()).getMessage());
        assertEquals("product 1 added twice", assertThrows(IllegalArgumentException.class,
                () -> CatalogIndex.builder().add(CatalogItem.builder(1).build()).add(CatalogItem.builder(1).build()))
                .getMessage());
        assertEquals("candidates must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ProductSearch.builder(index).candidates(0)).getMessage());
        assertEquals(0, ProductSearch.builder(CatalogIndex.builder().build()).build().search(1L, "speaker", 10).size());
        assertEquals("every field weight is 0; give at least one field a positive weight",
                assertThrows(IllegalStateException.class, () -> {
                    CatalogIndex.Builder b = CatalogIndex.builder();
                    for (SearchField f : SearchField.values()) {
                        b.weight(f, 0);
                    }
                    b.build();
                }).getMessage());
    }

    @Test
    void chineseCatalogueSearches() {
        ProductSearch search = ProductSearch.builder(QueryUnderstandingTest.chinese()).build();
        SearchResults r = search.search(ProductSearch.ANONYMOUS, "华为手机", 10);
        assertArrayEquals(new long[] {1}, r.itemIds());
        assertEquals(List.of("华为"), r.query().brands());
        assertArrayEquals(new long[] {2, 4}, search.search(ProductSearch.ANONYMOUS, "小米", 10).itemIds());
        assertArrayEquals(new long[] {4}, search.search(ProductSearch.ANONYMOUS, "小米 3000元以下", 10).itemIds());
    }
}
