package example.shop;

import io.jrec.core.Explanation;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.RecommenderHolder;
import io.jrec.core.ScoredItem;
import io.jrec.core.io.Csv;
import io.jrec.core.io.CsvFormat;
import io.jrec.core.io.ModelIO;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An application outside the jrec build: it writes a small order file, runs the README's "Use it in
 * an application" snippet on it, prints what it got and checks every answer. Exit code 0 when all
 * checks pass, 1 otherwise (with each failed check on stderr).
 *
 * <p>The order file, by hand: customer 1 bought 100 and 200. With binary cosine between the items'
 * buyer sets (100: {1,2,4}, 200: {1,2}, 300: {2,3}, 400: {3}, 999: {2,4}), customer 1 scores
 * 999 = cos(999,100) + cos(999,200) = 2/sqrt(6) + 1/2 = 1.316 and 300 = 1/sqrt(6) + 1/2 = 0.908;
 * 400 shares no buyer with 100 or 200, so it is no candidate. 999 is out of stock.
 */
public final class ShopApp {

    /** The shop's stock service, as the README's {@code stock::available}. */
    static final class Stock {
        boolean available(long productId) {
            return productId != 999;
        }
    }

    private final List<String> failures = new ArrayList<>();
    private int checks;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/shop"));
        ShopApp app = new ShopApp();
        app.run(dir);
        if (!app.failures.isEmpty()) {
            app.failures.forEach(f -> System.err.println("FAILED: " + f));
            System.err.println("ShopApp: " + app.failures.size() + " of " + app.checks + " checks failed");
            System.exit(1);
        }
        System.out.println("ShopApp: all " + app.checks + " checks passed");
    }

    void run(Path dir) throws IOException {
        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, """
                customer,product,qty
                1,100,1
                1,200,2
                2,100,1
                2,200,1
                2,300,1
                2,999,1
                3,300,1
                3,400,1
                4,100,1
                4,999,1
                """);
        Stock stock = new Stock();
        long customerId = 1;
        long productId = 100;
        long newCustomer = 777;

        // --- the README snippet
        RatingMatrix purchases = Csv.ratings(orders,                                     // customer,product[,qty]
                CsvFormat.builder().header(true).user("customer").item("product").implicit().build());
        ItemKnnRecommender model = ItemKnnRecommender.builder()
                .similarity(Similarity.cosine()).neighbors(50).implicit(true).threads(4)
                .build().fit(purchases);                                                 // immutable, thread-safe

        RecommenderHolder live = new RecommenderHolder(model);                          // swap in refits atomically
        ItemFilter inStock = ItemFilter.builder().require(stock::available).build();
        Recommendations home = live.topN(customerId, 10, inStock);                       // seen items excluded
        Recommendations stranger = live.topN(newCustomer, 3, inStock);                  // unknown user: fallback
        Recommendations alsoBought = model.similarItems(productId, 10);                  // "customers who bought this also bought"
        Explanation why = model.explain(customerId, home.get(0).itemId());               // "because you bought X"
        Path file = dir.resolve("model.jrec");
        ModelIO.save(model, file);                                                       // load in the serving process
        Recommender loaded = ModelIO.load(file);
        // --- end of the snippet

        System.out.println("orders: " + purchases.userCount() + " customers, " + purchases.itemCount()
                + " products, " + purchases.size() + " purchases");
        System.out.println("customer 1, in stock: " + home);
        System.out.println("customer 777 (new):   " + stranger);
        System.out.println("bought 100, also:     " + alsoBought);
        System.out.println("why 300 for 1:        " + why);

        check(purchases.userCount() == 4 && purchases.itemCount() == 5 && purchases.size() == 10,
                "the CSV loads as 4 customers x 5 products, 10 purchases");

        Recommendations unfiltered = live.topN(customerId, 10);
        check(Arrays.equals(unfiltered.itemIds(), new long[] {999, 300}),
                "customer 1 unfiltered = [999, 300] (seen 100, 200 excluded; 400 no candidate): " + unfiltered);
        check(Arrays.equals(home.itemIds(), new long[] {300}),
                "customer 1 in stock = [300] (999 filtered out): " + home);
        check(Math.abs(unfiltered.get(0).score() - (2 / Math.sqrt(6) + 0.5)) < 1e-5
                        && Math.abs(home.get(0).score() - (1 / Math.sqrt(6) + 0.5)) < 1e-5,
                "scores by hand 1.316 and 0.908: " + unfiltered);
        check(home.source().startsWith("ItemKNN"), "a known customer is served by item-KNN: " + home.source());

        check(stranger.source().equals("Popularity (unknown user)"),
                "an unknown customer falls back to popularity: " + stranger.source());
        check(Arrays.equals(stranger.itemIds(), new long[] {100, 200, 300}),
                "popularity: 100 (3 buyers), then 200 and 300 (2, ties by id; 999 out of stock): " + stranger);

        check(Arrays.equals(alsoBought.itemIds(), new long[] {200, 999, 300}),
                "similar to 100: 200 and 999 (cosine 0.816, ties by id), then 300 (0.408): " + alsoBought);

        double sum = 0;
        for (Explanation.Contribution c : why.contributions()) {
            sum += c.weight();
        }
        check(why.itemId() == 300 && why.contributions().size() == 2, "300 is explained by two purchases: " + why);
        check(near(sum, home.get(0).score()) && near(why.score(), home.get(0).score()),
                "the contributions add up to the score: " + sum + " vs " + home.get(0).score());

        check(loaded instanceof ItemKnnRecommender, "the file loads as an ItemKnnRecommender: " + loaded.getClass());
        check(loaded.topN(customerId, 10, inStock).equals(home)
                        && loaded.topN(customerId, 10).equals(unfiltered)
                        && loaded.topN(newCustomer, 3, inStock).equals(stranger),
                "the loaded model gives identical lists, scores and sources");
        if (loaded instanceof ItemKnnRecommender knn) {
            check(knn.similarItems(productId, 10).equals(alsoBought), "the loaded model gives identical similar items");
        }
        for (ScoredItem s : unfiltered) {
            check(Double.compare(loaded.predict(customerId, s.itemId()), model.predict(customerId, s.itemId())) == 0,
                    "identical predict for item " + s.itemId());
        }
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= 1e-6;
    }

    private void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            failures.add(what);
        }
    }
}
