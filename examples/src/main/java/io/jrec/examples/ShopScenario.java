package io.jrec.examples;

import io.jrec.core.DenseVectors;
import io.jrec.core.Explanation;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.data.ShopSearches;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.io.ModelIO;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.neural.PurchaseClassifier;
import io.jrec.models.neural.ShopEvents;
import io.jrec.similarity.Similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An e-commerce scenario on the embedded synthetic shop (purchase events plus a catalogue): "customers
 * who bought X also bought", a personalised home page that only shows products in stock, new customers
 * (content, then popularity, through the hybrid's switching), a product nobody has bought yet reaching
 * customers through its catalogue features (the content model alone, then the hybrid with the
 * catalogue's words, noisy attribute vectors standing in for a language model's, or both), purchase
 * probabilities with their log loss, AUC and
 * calibration, and a model saved by a training job and loaded by a serving process.
 *
 * <pre>
 *   ShopScenario                all of it, the save/serve step in a temporary folder
 *   ShopScenario save DIR       the training job: fit the home-page model and save it to DIR
 *   ShopScenario serve DIR      the serving process: load DIR's model and answer requests
 * </pre>
 * Run: {@code mvn -B -ntp -q -pl examples exec:java -Dexec.mainClass=io.jrec.examples.ShopScenario}
 * (after {@code mvn -B -ntp -q install -DskipTests}).
 */
public final class ShopScenario {
    static final long DAY = 86_400L;
    static final String MODEL_FILE = "home-page.jrec";

    private final SyntheticShop shop;
    private final SyntheticShop.Product newProduct;
    private final ItemFeatures catalogue;
    private final RatingMatrix purchases;
    private final RatingMatrix interactions;
    private final PrintStream out;
    private final ProgressListener progress;

    private ShopScenario(PrintStream out, ProgressListener progress) {
        this.out = out;
        this.progress = progress;
        this.shop = SyntheticShop.builder().seed(42).build();
        this.purchases = shop.purchases();
        this.interactions = shop.interactions();
        this.newProduct = newProduct(shop, purchases);
        this.catalogue = catalogue(shop, newProduct);
    }

    public static void main(String[] args) throws IOException {
        int code = run(args, System.out, new ConsoleProgressBar(System.err));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the scenario; returns the exit code (0, or 1 on bad arguments, with usage on {@code out}). */
    static int run(String[] args, PrintStream out, ProgressListener progress) throws IOException {
        if (args.length == 0) {
            ShopScenario s = new ShopScenario(out, progress);
            HybridRecommender homePage = s.tour();
            Path dir = Files.createTempDirectory("jrec-shop");
            try {
                Recommender saved = s.save(homePage, dir);
                Recommender loaded = s.serve(dir);
                s.compare(saved, loaded);
            } finally {
                Files.deleteIfExists(dir.resolve(MODEL_FILE));
                Files.deleteIfExists(dir);
            }
            return 0;
        }
        if (args.length == 2 && args[0].equals("save")) {
            ShopScenario s = new ShopScenario(out, progress);
            s.save(s.fitHomePage(), Path.of(args[1]));
            return 0;
        }
        if (args.length == 2 && args[0].equals("serve")) {
            new ShopScenario(out, progress).serve(Path.of(args[1]));
            return 0;
        }
        out.println("usage: ShopScenario             (the whole scenario)\n"
                + "       ShopScenario save DIR    (training job: fit and save the home-page model)\n"
                + "       ShopScenario serve DIR   (serving process: load it and answer requests)");
        return 1;
    }

    /** Every step except saving; returns the home-page model. */
    private HybridRecommender tour() {
        out.printf(Locale.ROOT, "Synthetic shop (seed 42): %,d customers, %,d products, %,d events, %,d purchases%n",
                purchases.userCount(), shop.catalog().size(), shop.eventCount(), (long) sum(purchases));
        out.printf(Locale.ROOT, "New in the catalogue, never bought: %s [%s, %s, %s, %.2f]%n",
                newProduct.title(), newProduct.category(), newProduct.brand(), newProduct.priceBand(),
                newProduct.price());

        heading("1. Customers who bought X also bought (item-KNN on purchases)");
        ItemKnnRecommender itemKnn = itemKnn().fit(purchases, progress);
        long bestSeller = bestSeller();
        out.printf(Locale.ROOT, "Best seller: %s, bought by %d customers. Customers who bought it also bought:%n",
                title(bestSeller), purchases.itemRatingCount(purchases.items().indexOf(bestSeller)));
        print(itemKnn.similarItems(bestSeller, 5));

        heading("2. Personalised home page, in-stock products only (hybrid: item-KNN 0.7 + content 0.3)");
        out.println("The home page learns from every event (view 1, cart 3, purchase 5), so it also sees products"
                + " that are\nout of stock (they are viewed, never bought); the stock rule removes them at query time.");
        HybridRecommender homePage = fitHomePage();
        long regular = regularCustomer(homePage);
        SyntheticShop.Customer c = shop.customer(regular);
        out.printf(Locale.ROOT, "Customer %d: %d products touched; tastes (generator's ground truth): %s, %s price"
                        + " band%n", regular, interactions.userRatingCount(interactions.users().indexOf(regular)),
                c.preferredCategories(), c.priceBand());
        Recommendations all = homePage.topN(regular, 6, ItemFilter.excludeSeen());
        out.println("Without the stock rule:");
        print(all);
        out.println("With ItemFilter.builder().require(id -> inStock(id)):");
        print(homePage.topN(regular, 6, inStockFilter()));
        out.println("Why the first one? " + because((ItemKnnRecommender) homePage.members().get(0), regular,
                homePage.topN(regular, 1, inStockFilter())));

        heading("3. New customers: content-based first, popularity when there is nothing to go on");
        long newcomer = customerWithInteractions(1);
        int row = interactions.users().indexOf(newcomer);
        out.printf(Locale.ROOT, "Customer %d has touched one product so far: %s%n", newcomer,
                title(interactions.items().idAt(interactions.userRow(row).index(0))));
        print(homePage.topN(newcomer, 5, inStockFilter()));
        long stranger = 9_999_999_999L;
        out.printf(Locale.ROOT, "Customer %d has never been seen:%n", stranger);
        print(homePage.topN(stranger, 5, inStockFilter()));

        heading("4. A product nobody has bought reaches customers through its catalogue features");
        newProductReach();
        hybridReach();

        heading("5. Purchase probability (PurchaseClassifier, an MLP over catalogue and history features)");
        purchaseProbability(regular, homePage.topN(regular, 3, inStockFilter()));
        return homePage;
    }

    /** The home-page model: a blend, with new customers switched to content, then popularity. */
    private HybridRecommender fitHomePage() {
        ContentBasedRecommender.Config content = ContentBasedRecommender.builder().features(catalogue).build();
        return HybridRecommender.builder()
                .add(itemKnn(), 0.7)
                .add(content, 0.3)
                .switching(3, content, PopularityRecommender.builder().build())
                .build()
                .fit(interactions, progress);
    }

    private static ItemKnnRecommender.Config itemKnn() {
        return ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).implicit(true).threads(2)
                .build();
    }

    private void newProductReach() {
        ContentBasedRecommender content = ContentBasedRecommender.builder().features(catalogue).build()
                .fit(interactions, progress);
        long id = newProduct.id();
        List<long[]> examples = new ArrayList<>();   // {customer, rank}, best ranks first
        Reach reach = reach(content, examples);
        examples.sort((a, b) -> Long.compare(a[1], b[1]));
        out.printf(Locale.ROOT, "The content model holds %d product(s) without any event; \"%s\" is in the top 10 of"
                        + " %d of %d active customers.%n", content.newItemCount(), newProduct.title(), reach.reached,
                reach.active);
        out.printf(Locale.ROOT, "%.0f%% of them have %s among their preferred categories (%.0f%% of all active"
                        + " customers do). The best-placed:%n", reach.share(), newProduct.category(),
                100.0 * reach.activeWithTaste / reach.active);
        examples = examples.subList(0, Math.min(4, examples.size()));
        for (long[] e : examples) {
            Explanation why = content.explain(e[0], id);
            StringBuilder features = new StringBuilder();
            for (int k = 0; k < Math.min(3, why.contributions().size()); k++) {
                Explanation.Contribution f = why.contributions().get(k);
                features.append(k == 0 ? "" : ", ").append(f.feature())
                        .append(String.format(Locale.ROOT, " %+.2f", f.weight()));
            }
            out.printf(Locale.ROOT, "  customer %d (likes %s): rank %d, score %.3f from %s%n", e[0],
                    shop.customer(e[0]).preferredCategories(), e[1], why.score(), features);
        }
    }

    /** How many active customers have the new product in their top 10, and how many of them like its category. */
    private record Reach(int active, int activeWithTaste, int reached, int reachedWithTaste) {
        double share() {
            return 100.0 * reachedWithTaste / Math.max(1, reached);
        }
    }

    /** The new product's reach through {@code model}'s top 10; adds {customer, rank} to {@code examples}. */
    private Reach reach(Recommender model, List<long[]> examples) {
        long id = newProduct.id();
        int active = 0, activeWithTaste = 0, reached = 0, reachedWithTaste = 0;
        for (int u = 0; u < interactions.userCount(); u++) {
            if (interactions.userRatingCount(u) == 0) {
                continue;
            }
            long customer = interactions.users().idAt(u);
            boolean likesCategory = shop.customer(customer).preferredCategories().contains(newProduct.category());
            active++;
            activeWithTaste += likesCategory ? 1 : 0;
            long[] top = model.topN(customer, 10).itemIds();
            for (int r = 0; r < top.length; r++) {
                if (top[r] == id) {
                    reached++;
                    reachedWithTaste += likesCategory ? 1 : 0;
                    examples.add(new long[]{customer, r + 1});
                    break;
                }
            }
        }
        return new Reach(active, activeWithTaste, reached, reachedWithTaste);
    }

    /**
     * The new product's reach through the home-page hybrid (item-KNN 0.7 + content 0.3, new products judged
     * by the members that listed them) when the content member knows only the catalogue's words (titles),
     * the shop's noisy attribute vectors standing in for a language model's, both, or the full catalogue.
     */
    private void hybridReach() {
        ItemFeatures.Builder words = ItemFeatures.builder();
        ItemFeatures.Builder wordsAndVectors = ItemFeatures.builder();
        ItemFeatures.Builder vectorsOnly = ItemFeatures.builder();
        List<SyntheticShop.Product> products = new ArrayList<>(shop.catalog());
        products.add(newProduct);
        DenseVectors vectors = ShopSearches.attributeVectors(products, 32, 0.5, 11);
        for (SyntheticShop.Product p : products) {
            words.text(p.id(), "title", p.title());
            wordsAndVectors.text(p.id(), "title", p.title()).vector(p.id(), vectors.vectorOf(p.id()));
            vectorsOnly.vector(p.id(), vectors.vectorOf(p.id()));
        }
        out.printf(Locale.ROOT, "%nThrough the home-page hybrid (item-KNN 0.7 + content 0.3, new products judged by"
                + " the members that listed them),%nwith the content member built on (vectors: the shop's noisy"
                + " attribute vectors, 32 dimensions, noise 0.5, seed 11):%n");
        out.printf(Locale.ROOT, "  %-58s %10s %14s %16s%n", "content features", "top 10 of",
                "like " + newProduct.category(), "right customers");
        HybridRecommender.NewItems byListing = HybridRecommender.NewItems.BY_LISTING_MEMBERS;
        hybridReachRow("catalogue words (titles) alone", words.build(), 0, byListing);
        hybridReachRow("titles + vectors (vectorWeight 0.5)", wordsAndVectors.build(), 0.5, byListing);
        hybridReachRow("vectors alone", vectorsOnly.build(), 1, byListing);
        hybridReachRow("full catalogue (category, brand, price band, price, title)", catalogue, 0, byListing);
        hybridReachRow("titles + vectors, new products blended like others", wordsAndVectors.build(), 0.5,
                HybridRecommender.NewItems.LIKE_OTHERS);
    }

    private void hybridReachRow(String label, ItemFeatures features, double vectorWeight,
                                HybridRecommender.NewItems newItems) {
        ContentBasedRecommender.Config content = ContentBasedRecommender.builder().features(features)
                .vectorWeight(vectorWeight).build();
        HybridRecommender hybrid = HybridRecommender.builder().add(itemKnn(), 0.7).add(content, 0.3)
                .switching(3, content, PopularityRecommender.builder().build()).newItems(newItems).build()
                .fit(interactions, ProgressListener.NONE);
        Reach r = reach(hybrid, new ArrayList<>());
        out.printf(Locale.ROOT, "  %-58s %10s %13.0f%% %16d%n", label, r.reached + " of " + r.active, r.share(),
                r.reachedWithTaste);
    }

    private void purchaseProbability(long customer, Recommendations homePage) {
        ShopEvents events = ShopEvents.of(shop);
        long cut = SyntheticShop.START + 240 * DAY;
        long end = SyntheticShop.START + 300 * DAY;
        ItemFeatures attributes = classifierFeatures(shop);
        PurchaseClassifier classifier = PurchaseClassifier.builder().epochs(8).seed(7).build()
                .fit(attributes, events.before(cut), events.between(cut, end), progress);
        out.println("Trained on days 240-300 (inputs from days 0-240); measured on days 300-365 (inputs from"
                + " days 0-300),\nevery touched (customer, product) pair plus one untouched product per pair:");
        PurchaseClassifier.Evaluation e = classifier.withHistory(events.before(end))
                .evaluate(events.between(end, Long.MAX_VALUE), 1, 11);
        out.print(e.toTable());
        PurchaseClassifier now = classifier.withHistory(events);
        out.printf(Locale.ROOT, "Probability that customer %d buys each home-page product (all history):%n", customer);
        for (ScoredItem item : homePage) {
            out.printf(Locale.ROOT, "  %-50s p = %.3f%n", title(item.itemId()), now.probability(customer,
                    item.itemId()));
        }
    }

    /** The training job: saves the whole home-page hybrid (members and fallback chain). Returns it. */
    private Recommender save(HybridRecommender homePage, Path dir) throws IOException {
        heading("6a. Training job: save the fitted model");
        Path file = dir.resolve(MODEL_FILE);
        long start = System.nanoTime();
        ModelIO.save(homePage, file);
        out.printf(Locale.ROOT, "Saved %s to %s (%,d bytes, %.0f ms)%n", homePage.getClass().getSimpleName(), file,
                Files.size(file), (System.nanoTime() - start) / 1e6);
        return homePage;
    }

    /** The serving process: loads the model (no training data needed) and answers requests. */
    private Recommender serve(Path dir) throws IOException {
        heading("6b. Serving process: load the model and answer requests");
        Path file = dir.resolve(MODEL_FILE);
        long start = System.nanoTime();
        Recommender model = ModelIO.load(file);
        out.printf(Locale.ROOT, "Loaded %s from %s in %.0f ms%n", model.getClass().getSimpleName(), file,
                (System.nanoTime() - start) / 1e6);
        long customer = regularCustomer(model);
        out.printf(Locale.ROOT, "Home page of customer %d, in stock:%n", customer);
        print(model.topN(customer, 5, inStockFilter()));
        out.println("A visitor never seen before:");
        print(model.topN(9_999_999_999L, 3, inStockFilter()));
        return model;
    }

    /** Checks that the loaded model answers every customer exactly as the fitted one did. */
    private void compare(Recommender fitted, Recommender loaded) {
        int same = 0;
        for (int u = 0; u < interactions.userCount(); u++) {
            long customer = interactions.users().idAt(u);
            if (fitted.topN(customer, 10, inStockFilter()).equals(loaded.topN(customer, 10, inStockFilter()))) {
                same++;
            }
        }
        out.printf(Locale.ROOT, "Loaded model vs the training job's: identical top-10 lists for %d of %d customers%n",
                same, interactions.userCount());
    }

    // --- the data ---

    /** A product that is in the catalogue but has no events: a new listing next to the best seller. */
    private static SyntheticShop.Product newProduct(SyntheticShop shop, RatingMatrix purchases) {
        long maxId = shop.products().idAt(shop.products().size() - 1);
        SyntheticShop.Product model = shop.product(bestSeller(purchases));
        String[] words = model.title().split(" ");
        String title = model.brand() + " Nova " + words[words.length - 1];
        return new SyntheticShop.Product(maxId + 1, model.category(), model.brand(), model.priceBand(),
                model.price(), title, true);
    }

    /** The shop's catalogue features (category, brand, price band, price, title) plus the new product. */
    private static ItemFeatures catalogue(SyntheticShop shop, SyntheticShop.Product newProduct) {
        ItemFeatures.Builder b = ItemFeatures.builder();
        List<SyntheticShop.Product> products = new ArrayList<>(shop.catalog());
        products.add(newProduct);
        for (SyntheticShop.Product p : products) {
            b.categorical(p.id(), "category", p.category())
                    .categorical(p.id(), "brand", p.brand())
                    .categorical(p.id(), "priceBand", p.priceBand())
                    .numeric(p.id(), "price", p.price())
                    .text(p.id(), "title", p.title());
        }
        return b.build();
    }

    /** The classifier's product inputs: category, brand, price band and stock one-hots, scaled price. */
    private static ItemFeatures classifierFeatures(SyntheticShop shop) {
        ItemFeatures.Builder b = ItemFeatures.builder();
        for (SyntheticShop.Product p : shop.catalog()) {
            b.categorical(p.id(), "category", p.category())
                    .categorical(p.id(), "brand", p.brand())
                    .categorical(p.id(), "priceBand", p.priceBand())
                    .categorical(p.id(), "stock", p.inStock() ? "in" : "out")
                    .numeric(p.id(), "price", p.price());
        }
        return b.build();
    }

    private ItemFilter inStockFilter() {
        return ItemFilter.builder().require(this::inStock).build();
    }

    private boolean inStock(long productId) {
        return productId == newProduct.id() || shop.product(productId).inStock();
    }

    private long bestSeller() {
        return bestSeller(purchases);
    }

    private static long bestSeller(RatingMatrix purchases) {
        int best = 0;
        for (int i = 1; i < purchases.itemCount(); i++) {
            if (purchases.itemRatingCount(i) > purchases.itemRatingCount(best)) {
                best = i;
            }
        }
        return purchases.items().idAt(best);
    }

    /**
     * The first customer (by id) with at least 5 interactions whose unfiltered top 6 holds an out-of-stock
     * product (so the stock rule shows), else the first with at least 5 interactions.
     */
    private long regularCustomer(Recommender model) {
        long first = -1;
        for (int u = 0; u < interactions.userCount(); u++) {
            if (interactions.userRatingCount(u) < 5) {
                continue;
            }
            long customer = interactions.users().idAt(u);
            first = first < 0 ? customer : first;
            for (long item : model.topN(customer, 6).itemIds()) {
                if (!inStock(item)) {
                    return customer;
                }
            }
        }
        if (first < 0) {
            throw new IllegalStateException("no customer with 5 interactions");
        }
        return first;
    }

    private long customerWithInteractions(int count) {
        for (int u = 0; u < interactions.userCount(); u++) {
            if (interactions.userRatingCount(u) == count) {
                return interactions.users().idAt(u);
            }
        }
        throw new IllegalStateException("no customer with " + count + " interactions");
    }

    private static double sum(RatingMatrix m) {
        double s = 0;
        for (int k = 0; k < m.size(); k++) {
            s += m.byUser().value(k);
        }
        return s;
    }

    // --- output ---

    private String because(ItemKnnRecommender itemKnn, long customer, Recommendations top) {
        if (top.isEmpty()) {
            return "(nothing to explain)";
        }
        long item = top.get(0).itemId();
        Explanation why = itemKnn.explain(customer, item);
        if (why.contributions().isEmpty()) {
            return title(item) + " comes from the content member only (no item-KNN neighbour among the customer's"
                    + " products)";
        }
        return "customers who looked at or bought " + title(why.contributions().get(0).itemId()) + " did so with "
                + title(item) + " too";
    }

    private void heading(String title) {
        out.println();
        out.println(title);
        out.println("-".repeat(title.length()));
    }

    private void print(Recommendations list) {
        out.println("  served by " + list.source());
        for (ScoredItem item : list) {
            out.printf(Locale.ROOT, "  %-50s %-12s score %7.3f%n", title(item.itemId()),
                    inStock(item.itemId()) ? "" : "OUT OF STOCK", item.score());
        }
    }

    private String title(long productId) {
        if (productId == newProduct.id()) {
            return newProduct.title() + " (" + newProduct.category() + ", NEW)";
        }
        SyntheticShop.Product p = shop.product(productId);
        return p.title() + " (" + p.category() + ")";
    }
}
