package io.jrec.examples;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.RecommenderHolder;
import io.jrec.core.io.Csv;
import io.jrec.core.io.CsvFormat;
import io.jrec.core.io.ModelIO;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Use it in an application" sample, compiled and run, so the front door stays true. */
class ReadmeSampleTest {

    @Test
    void applicationSampleRuns(@TempDir Path dir) throws IOException {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, """
                customer,product,qty
                1,100,1
                1,200,2
                2,100,1
                2,200,1
                2,300,1
                3,300,1
                """);
        LongPredicate available = id -> id != 999;
        long customerId = 1;
        long productId = 100;

        // --- README sample starts
        RatingMatrix purchases = Csv.ratings(orders,
                CsvFormat.builder().header(true).user("customer").item("product").implicit().build());
        ItemKnnRecommender model = ItemKnnRecommender.builder()
                .similarity(Similarity.cosine()).neighbors(50).implicit(true).threads(4)
                .build().fit(purchases);

        RecommenderHolder live = new RecommenderHolder(model);
        ItemFilter inStock = ItemFilter.builder().require(available).build();
        Recommendations home = live.topN(customerId, 10, inStock);
        home.source();
        model.similarItems(productId, 10);
        Explanation why = model.explain(customerId, home.get(0).itemId());
        ModelIO.save(model, dir.resolve("model.jrec"));
        // --- README sample ends

        assertEquals(300L, home.get(0).itemId(), "customer 1 has 100 and 200; 300 was bought with them");
        assertTrue(home.source().startsWith("ItemKNN"), home.source());
        assertFalse(why.contributions().isEmpty());
        assertEquals(home.get(0).score(), why.contributions().stream().mapToDouble(Explanation.Contribution::weight)
                .sum(), 1e-6);
        assertEquals(home, ModelIO.load(dir.resolve("model.jrec")).topN(customerId, 10, inStock));
    }
}
