package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchEvaluationTest {

    @Test
    void metricsAreHandComputedAndTheWeightIsTunedForMrr() {
        // "speaker" matches 1-4 equally, so with w = 0 they come in catalogue order; the recommender
        // prefers 4, so with w = 1 it comes first.
        ProductSearch search = ProductSearch.builder(ProductSearchTest.speakers())
                .recommender(ProductSearchTest.fixed(Map.of(4L, 9.0, 1L, 1.0)), 0).build();
        List<LoggedSearch> log = List.of(
                new LoggedSearch(7L, "speaker", 4L),      // rank 4 with w = 0
                new LoggedSearch(7L, "speaker", 6L));     // a lamp: never returned
        SearchEvaluation.Quality q = SearchEvaluation.evaluate(search, log);
        assertEquals(2, q.searches());
        assertEquals((1 / (Math.log(5) / Math.log(2))) / 2, q.ndcg10(), 1e-12);
        assertEquals(0.25 / 2, q.mrr(), 1e-12);
        assertEquals(0.5, q.hit10(), 1e-12);
        SearchEvaluation.Quality personal = SearchEvaluation.evaluate(search.withWeight(1), log);
        assertEquals(0.5, personal.mrr(), 1e-12);
        assertEquals(0.5, personal.ndcg10(), 1e-12);
        // w = 0.5 already puts 4 first (0.5 + 0.5 * 1 against 0.5 for the others), as w = 1 does: the
        // smaller weight wins the tie
        assertEquals(0.5, SearchEvaluation.tuneWeight(search, log, 0, 0.5, 1), 1e-12);
        assertEquals(1.0, SearchEvaluation.tuneWeight(search, log, 0, 1), 1e-12);
        // equal MRR: the smaller weight
        assertEquals(0.0, SearchEvaluation.tuneWeight(search, List.of(new LoggedSearch(7L, "speaker", 6L)), 1, 0), 1e-12);
        assertEquals("the weight grid is empty; give at least one weight in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> SearchEvaluation.tuneWeight(search, log)).getMessage());
        assertEquals("weight must be in [0, 1], got 2.0",
                assertThrows(IllegalArgumentException.class, () -> SearchEvaluation.tuneWeight(search, log, 2)).getMessage());
    }
}
