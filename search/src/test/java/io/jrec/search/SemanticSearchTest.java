package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.core.DenseVectors;
import io.jrec.core.ItemFilter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Semantic retrieval in {@link ProductSearch}: the blend with BM25, HNSW against the exact scan, bad input. */
class SemanticSearchTest {

    /** "red shoe" and "blue shoe" match "shoe" equally; "Velocity X" is a shoe by its vector only. */
    static CatalogIndex shoes() {
        return CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("red shoe").brand("Alpha").price(30).build())
                .add(CatalogItem.builder(2).title("blue shoe").brand("Bravo").price(60).build())
                .add(CatalogItem.builder(3).title("Velocity X").brand("Alpha").price(90).build())
                .add(CatalogItem.builder(4).title("garden hose").brand("Delta").price(20).build())
                .add(CatalogItem.builder(5).title("green shoe").brand("Alpha").price(40).inStock(false).build())
                .build();
    }

    static DenseVectors shoeVectors() {
        return DenseVectors.builder(2)
                .add(1, new float[] {1, 0}).add(2, new float[] {0.6f, 0.8f}).add(3, new float[] {0.8f, 0.6f})
                .add(4, new float[] {0, 1}).add(5, new float[] {1, 0}).build();
    }

    @Test
    void blendIsHandComputable() {
        for (int hnswFrom : new int[] {Integer.MAX_VALUE, 0}) {
            ProductSearch search = ProductSearch.builder(shoes())
                    .vectors(shoeVectors(), 0.5).expansion(5, 2).hnsw(hnswFrom, 10).build();
            // query vector (1, 0): cosines 1: 1, 2: 0.6, 3: 0.8, 4: 0 (5 is out of stock, never retrieved).
            // The 2 nearest (1, 3) join the text matches (1, 2); BM25 / max is 1 for 1 and 2, 0 for 3;
            // relevance = 0.5 * bm25 / max + 0.5 * cos+ / max(cos+): 1.0, 0.8, 0.4.
            SearchResults r = search.search(ProductSearch.ANONYMOUS, "shoe", new float[] {2, 0}, 10);
            assertArrayEquals(new long[] {1, 2, 3}, r.itemIds(), "hnswFrom " + hnswFrom);
            assertEquals(1.0, r.get(0).relevance(), 1e-6);
            assertEquals(0.8, r.get(1).relevance(), 1e-6);
            assertEquals(0.4, r.get(2).relevance(), 1e-6);
            assertEquals(0.4, r.get(2).score(), 1e-6);       // no popularity, no recommender: score = relevance
            assertTrue(r.get(2).matched().isEmpty());
            assertEquals("BM25 + vectors 0.50 (anonymous)", r.source());

            // "hose" with (1, 0): 4 matches the text (bm25 1, cos 0) -> 0.5; 1 -> 0.5 (tie: text rank first); 3 -> 0.4
            SearchResults hose = search.search(ProductSearch.ANONYMOUS, "hose", new float[] {1, 0}, 10);
            assertArrayEquals(new long[] {4, 1, 3}, hose.itemIds());
            assertEquals(0.5, hose.get(0).relevance(), 1e-6);
            assertEquals(0.5, hose.get(1).relevance(), 1e-6);

            // no words, only a vector (0, 1): relevance is the normalised cosine alone: 4 -> 1, 2 -> 0.8
            SearchResults byVector = search.search(ProductSearch.ANONYMOUS, "", new float[] {0, 1}, 10);
            assertArrayEquals(new long[] {4, 2}, byVector.itemIds());
            assertEquals(0.8, byVector.get(1).relevance(), 1e-6);

            // the brand filter holds for products found by vector: "alpha" keeps 1 and 3 (5 is out of stock)
            SearchResults alpha = search.search(ProductSearch.ANONYMOUS, "alpha", new float[] {0, 1}, 10);
            assertArrayEquals(new long[] {1, 3}, Arrays.stream(alpha.itemIds()).sorted().toArray());

            // no query vector: the sum of the best text matches' unit vectors, (1, 0) + (0.6, 0.8) for "shoe"
            SearchResults expanded = search.search(ProductSearch.ANONYMOUS, "shoe", 10);
            assertEquals(3, expanded.size());
            double c1 = 1.6 / Math.hypot(1.6, 0.8);
            double c2 = (0.96 + 0.64) / Math.hypot(1.6, 0.8);
            double c3 = (1.28 + 0.48) / Math.hypot(1.6, 0.8);    // the best cosine: 3 joins by vector
            assertEquals(0.5 + 0.5 * c1 / c3, expanded.stream().filter(h -> h.itemId() == 1).findFirst().orElseThrow()
                    .relevance(), 1e-6);
            assertEquals(0.5 + 0.5 * c2 / c3, expanded.stream().filter(h -> h.itemId() == 2).findFirst().orElseThrow()
                    .relevance(), 1e-6);
            assertEquals(0.5, expanded.stream().filter(h -> h.itemId() == 3).findFirst().orElseThrow().relevance(), 1e-6);
        }
    }

    @Test
    void negativeCosinesCountAsZeroAndWeightZeroKeepsTheTextOrder() {
        DenseVectors v = DenseVectors.builder(2)
                .add(1, new float[] {-1, 0}).add(2, new float[] {1, 0}).add(4, new float[] {0, 1}).build();
        ProductSearch search = ProductSearch.builder(shoes()).vectors(v, 0.5).expansion(1, 0).build();
        SearchResults r = search.search(ProductSearch.ANONYMOUS, "shoe", new float[] {1, 0}, 10);
        // 1: 0.5 * 1 + 0.5 * 0 (cosine -1); 2: 0.5 + 0.5 * 1; no product joins (0 candidates by vector)
        assertArrayEquals(new long[] {2, 1}, r.itemIds());
        assertEquals(0.5, r.get(1).relevance(), 1e-6);
        ProductSearch text = ProductSearch.builder(shoes()).vectors(v, 0).expansion(1, 0).build();
        assertArrayEquals(new long[] {1, 2}, text.search(ProductSearch.ANONYMOUS, "shoe", new float[] {1, 0}, 10).itemIds());
        // a zero query vector retrieves nothing by vector and leaves the text relevance alone
        ProductSearch wide = ProductSearch.builder(shoes()).vectors(v, 0.5).build();
        SearchResults zero = wide.search(ProductSearch.ANONYMOUS, "shoe", new float[] {0, 0}, 10);
        assertArrayEquals(new long[] {1, 2}, zero.itemIds());
        assertEquals(1.0, zero.get(1).relevance(), 1e-6);
    }

    @Test
    void hnswFindsWhatTheExactScanFindsOnSmallRandomData() {
        SplittableRandom random = new SplittableRandom(5);
        CatalogIndex.Builder catalogue = CatalogIndex.builder();
        DenseVectors.Builder vectors = DenseVectors.builder(8);
        String[] brands = {"Alpha", "Bravo", "Charlie", "Delta"};
        for (int k = 0; k < 400; k++) {
            catalogue.add(CatalogItem.builder(1000 + k).title("item " + k).brand(brands[k % 4]).price(1 + k % 100)
                    .inStock(k % 10 != 0).build());
            float[] x = new float[8];
            for (int d = 0; d < 8; d++) {
                x[d] = (float) random.nextGaussian();
            }
            vectors.add(1000 + k, x);
        }
        CatalogIndex index = catalogue.build();
        DenseVectors v = vectors.build();
        VectorIndex exact = new VectorIndex(index, v, Integer.MAX_VALUE, 1);
        VectorIndex graph = new VectorIndex(index, v, 0, 50);
        VectorIndex wide = new VectorIndex(index, v, 0, 400);
        assertFalse(exact.isHnsw());
        assertTrue(graph.isHnsw());
        ParsedQuery[] queries = {index.parse(""), index.parse("bravo"), index.parse("under 30")};
        int found = 0;
        int asked = 0;
        for (int t = 0; t < 60; t++) {
            float[] q = new float[8];
            for (int d = 0; d < 8; d++) {
                q[d] = (float) random.nextGaussian();
            }
            q = VectorIndex.unit(q);
            ParsedQuery parsed = queries[t % 3];
            CatalogIndex.Hits a = exact.nearest(q, parsed, true, 10);
            CatalogIndex.Hits b = graph.nearest(q, parsed, true, 10);
            assertEquals(10, a.size());
            assertEquals(10, b.size());
            for (int j = 0; j < 10; j++) {
                int k = b.index()[j];
                assertTrue(index.passes(parsed, k, true), "HNSW result " + k + " breaks the filter of " + parsed);
                assertEquals(exact.cosine(k, q), b.score()[j], 1e-6);   // scores are exact cosines
                if (j > 0) {
                    assertTrue(b.score()[j] <= b.score()[j - 1]);
                }
                for (int i = 0; i < 10; i++) {
                    found += a.index()[i] == k ? 1 : 0;
                }
            }
            asked += 10;
            // a width of the whole catalogue makes the graph search exhaustive: the same list
            assertArrayEquals(a.index(), wide.nearest(q, parsed, true, 10).index());
        }
        assertTrue(found >= 0.95 * asked, "HNSW recall@10 " + (double) found / asked);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        ProductSearch search = ProductSearch.builder(shoes()).vectors(shoeVectors(), 0.3).build();
        assertEquals("query vector has 3 components, expected 2", assertThrows(IllegalArgumentException.class,
                () -> search.search(1L, "shoe", new float[3], 10)).getMessage());
        assertEquals("query vector has NaN at component 1; values must be finite", assertThrows(IllegalArgumentException.class,
                () -> search.search(1L, "shoe", new float[] {1, Float.NaN}, 10)).getMessage());
        assertEquals("query vector has Infinity at component 0; values must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> search.search(1L, "shoe", new float[] {Float.POSITIVE_INFINITY, 0}, 10, ItemFilter.none()))
                        .getMessage());
        assertEquals("vector weight must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(shoes()).vectors(shoeVectors(), 1.5)).getMessage());
        assertEquals("vector weight must be in [0, 1], got NaN", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(shoes()).vectors(shoeVectors(), Double.NaN)).getMessage());
        assertEquals("HNSW catalogue size must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(shoes()).hnsw(-1, 10)).getMessage());
        assertEquals("HNSW search width must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(shoes()).hnsw(10, 0)).getMessage());
        assertEquals("expansion candidates must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> ProductSearch.builder(shoes()).expansion(1, -1)).getMessage());
        // vectors of the wrong dimension or with NaN never get this far: DenseVectors rejects them
        assertEquals("vector of id 7 has NaN at component 0; values must be finite", assertThrows(IllegalArgumentException.class,
                () -> DenseVectors.builder(2).add(7, new float[] {Float.NaN, 0})).getMessage());
        // products without vectors, and vectors of products not in the catalogue, are ignored
        DenseVectors partial = DenseVectors.builder(2).add(1, new float[] {1, 0}).add(99, new float[] {1, 0}).build();
        SearchResults r = ProductSearch.builder(shoes()).vectors(partial, 0.5).build()
                .search(ProductSearch.ANONYMOUS, "shoe", new float[] {1, 0}, 10);
        assertArrayEquals(new long[] {1, 2}, r.itemIds());
        assertEquals(0.5, r.get(1).relevance(), 1e-6);
    }
}
