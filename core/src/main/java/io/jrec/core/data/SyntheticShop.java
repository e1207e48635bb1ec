package io.jrec.core.data;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A seeded, deterministic generator of a realistic e-commerce data set: a catalogue, customers with
 * latent tastes, and a time-ordered stream of view / cart / purchase events. It is jrec's embedded data
 * for the quickstart, tests and scale benchmarks.
 *
 * <pre>{@code
 * SyntheticShop shop = SyntheticShop.builder().customers(5_000).products(2_000).events(200_000).seed(42).build();
 * RatingMatrix interactions = shop.interactions();   // max event weight per (customer, product)
 * ItemFeatures features = shop.features();           // category, brand, priceBand, price, title
 * }</pre>
 *
 * <h2>The model</h2>
 * <ul>
 *   <li><b>Catalogue.</b> 20 {@link #CATEGORIES categories} of skewed size (weight {@code (c+1)^-0.6}),
 *       each with its own brands ({@code clamp(products / 20, 20, 500)} brands in all, Zipf-distributed
 *       within a category), a price band ({@code budget} 40%, {@code mid} 40%, {@code premium} 20%), a
 *       price (category base price x band factor 0.6 / 1 / 1.8 x log-normal noise, ending in .99), a
 *       title of brand, adjective, category modifier and category noun, and 8% of products out of stock.
 *       Product popularity follows a power law: the product of popularity rank {@code r} (a random
 *       permutation) has base weight {@code (r + 1)^-s}, {@code s} = {@link Builder#popularityExponent}
 *       (default 1, Zipf's law; a smaller {@code s} gives a fatter long tail).</li>
 *   <li><b>Customers.</b> Activity is Pareto-distributed (shape 1.8), so a few customers are far more
 *       active than most. Each has 1 to 3 preferred categories (with random weights), a preferred price
 *       band and a favourite brand from their main category.</li>
 *   <li><b>Sessions.</b> A session belongs to a customer drawn by activity and starts at a uniform time.
 *       It has {@code 1 + Geometric(0.35)} product views (at most 20), 15 to 135 s apart. A viewed product
 *       comes from the bestseller list (10%), otherwise from a preferred category (85%) or any category
 *       (15%); within the category from the favourite brand (25%, if it sells there), the preferred price
 *       band (40%, or 65% where the favourite brand does not sell) or any product, each by popularity. An in-stock product is put in the cart with probability 0.12, x1.6 if
 *       in the preferred price band, x1.3 if in a preferred category; each carted product is bought at
 *       the end of the session with probability 0.55. Out-of-stock products are only viewed.</li>
 *   <li><b>Time.</b> Events span 365 days from {@link #START} (2025-01-01T00:00:00Z), in unix seconds.
 *       Exactly {@code events} events are generated (the last session may be cut short).</li>
 *   <li><b>Ids.</b> Customer ids are sparse and above {@link Integer#MAX_VALUE} (4,000,000,000 + 1000 k
 *       + a random offset); product ids are sparse numbers from 10,000,000 (10,000,000 + 100 k + a
 *       random offset). Both ascend with the generation order, so dense index {@code k} is the {@code k}-th one.</li>
 * </ul>
 *
 * <h2>Determinism and size</h2>
 * The same settings give the same shop on every run, JVM and thread count: each block of 65,536 events
 * is generated from its own seeded stream ({@link SplitMix64}, written out in jrec) into its own slice of
 * the arrays. Events are held in primitive arrays only (13 bytes per event); the two matrices and the
 * features are built once in {@link Builder#build()}.
 *
 * <p>Both matrices cover all customers and all products (customers without events and products nobody
 * touched have empty rows / columns), so they share indices: {@code interactions().users()} equals
 * {@code purchases().users()} and {@code customers()}.
 *
 * <p>Thread-safe: instances never change.
 *
 * @since 0.1.0
 */
public final class SyntheticShop {
    /** The first possible event time: 2025-01-01T00:00:00Z in unix seconds. */
    public static final long START = 1_735_689_600L;
    /** The length of the event period in seconds (365 days). */
    public static final long SPAN = 365L * 24 * 3600;
    /** The category names. */
    public static final List<String> CATEGORIES = List.of("electronics", "shoes", "clothing", "home", "kitchen",
            "beauty", "sports", "outdoor", "toys", "books", "garden", "pets", "office", "grocery", "jewelry",
            "watches", "baby", "automotive", "music", "gaming");
    /** The price band names, cheapest first. */
    public static final List<String> PRICE_BANDS = List.of("budget", "mid", "premium");

    /** The kinds of event, with the weight {@link #interactions()} gives them. */
    public enum EventType {
        /** A product page view: weight 1. */
        VIEW(1),
        /** Put in the cart: weight 3. */
        CART(3),
        /** Bought: weight 5. */
        PURCHASE(5);

        private final int weight;

        EventType(int weight) {
            this.weight = weight;
        }

        /** The interaction weight of this kind of event. */
        public int weight() {
            return weight;
        }
    }

    /** Receives events from {@link #forEachEvent}. */
    @FunctionalInterface
    public interface EventSink {
        /** One event; timestamps are unix seconds and never decrease from one call to the next. */
        void accept(long customerId, long productId, EventType type, long timestampSeconds);
    }

    /**
     * A catalogue entry.
     *
     * @param id        the product id
     * @param category  one of {@link #CATEGORIES}
     * @param brand     the brand name
     * @param priceBand one of {@link #PRICE_BANDS}
     * @param price     the price, positive, ending in .99
     * @param title     a short title, e.g. "Norvik Classic Wireless Speaker"
     * @param inStock   whether it can be bought (out-of-stock products are only viewed)
     */
    public record Product(long id, String category, String brand, String priceBand, double price, String title,
                          boolean inStock) {
    }

    /**
     * A customer's latent tastes, as the generator used them (ground truth for tests and examples).
     *
     * @param id                  the customer id
     * @param preferredCategories 1 to 3 categories, the most preferred first
     * @param priceBand           the preferred price band
     * @param favouriteBrand      a brand of the first preferred category
     */
    public record Customer(long id, List<String> preferredCategories, String priceBand, String favouriteBrand) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticShop.class);
    private static final EventType[] TYPES = EventType.values();
    private static final int CHUNK = 1 << 16;

    private final Catalogue catalogue;
    private final Population population;
    private final IdIndex customers;
    private final IdIndex products;
    private final List<Product> catalog;
    // The event log, in time order: customer index, product index, unix seconds, EventType ordinal.
    private final int[] eventCustomer;
    private final int[] eventProduct;
    private final int[] eventTime;
    private final byte[] eventType;
    private final boolean timestamps;
    private final RatingMatrix interactions;
    private final RatingMatrix purchases;
    private final ItemFeatures features;

    private SyntheticShop(Builder settings) {
        catalogue = new Catalogue(settings.products, settings.popularityExponent, SplitMix64.stream(settings.seed, 1));
        population = new Population(settings.customers, catalogue, SplitMix64.stream(settings.seed, 2));
        customers = IdIndex.of(population.ids);
        products = IdIndex.of(catalogue.ids);
        timestamps = settings.timestamps;
        int n = settings.events;
        eventCustomer = new int[n];
        eventProduct = new int[n];
        eventTime = new int[n];
        eventType = new byte[n];
        long t0 = System.nanoTime();
        generateEvents(settings.seed, settings.threads);
        long t1 = System.nanoTime();
        catalog = catalogue.products();
        RatingMatrix[] matrices = buildMatrices();
        interactions = matrices[0];
        purchases = matrices[1];
        long t2 = System.nanoTime();
        features = buildFeatures();
        long t3 = System.nanoTime();
        LOG.debug("{}: events {} ms, matrices {} ms, features {} ms", this, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** A builder with the quickstart defaults: 2,000 customers, 500 products, 50,000 events, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Customer x product implicit feedback: per pair the largest event weight (view 1, cart 3, purchase 5)
     * with the time of the pair's latest event (no timestamps with {@link Builder#timestamps timestamps(false)}).
     */
    public RatingMatrix interactions() {
        return interactions;
    }

    /** Customer x product purchase counts, with the time of the latest purchase; same indices as {@link #interactions()}. */
    public RatingMatrix purchases() {
        return purchases;
    }

    /**
     * Catalogue features of every product: categorical {@code category}, {@code brand}, {@code priceBand};
     * numeric {@code price}; text {@code title} (see {@link ItemFeatures} for the weights).
     */
    public ItemFeatures features() {
        return features;
    }

    /** All customers, in ascending id order. */
    public IdIndex customers() {
        return customers;
    }

    /** All products, in ascending id order. */
    public IdIndex products() {
        return products;
    }

    /** The catalogue in ascending id order (unmodifiable). */
    public List<Product> catalog() {
        return catalog;
    }

    /**
     * The product with this id.
     *
     * @throws IllegalArgumentException if there is no such product
     */
    public Product product(long productId) {
        int k = products.indexOf(productId);
        if (k < 0) {
            throw new IllegalArgumentException("unknown product id " + productId);
        }
        return catalog.get(k);
    }

    /**
     * The latent tastes of the customer with this id.
     *
     * @throws IllegalArgumentException if there is no such customer
     */
    public Customer customer(long customerId) {
        int c = customers.indexOf(customerId);
        if (c < 0) {
            throw new IllegalArgumentException("unknown customer id " + customerId);
        }
        Population p = population;
        List<String> categories = new ArrayList<>(3);
        for (int k = 0; k < p.tasteCount[c]; k++) {
            categories.add(CATEGORIES.get(p.tasteCategory[3 * c + k]));
        }
        return new Customer(customerId, List.copyOf(categories), PRICE_BANDS.get(p.band[c]),
                catalogue.brandNames[p.favouriteBrand[c]]);
    }

    /** The number of events. */
    public int eventCount() {
        return eventType.length;
    }

    /** Replays every event in time order (the same order on every call); runs on the calling thread. */
    public void forEachEvent(EventSink sink) {
        for (int k = 0; k < eventType.length; k++) {
            sink.accept(customers.idAt(eventCustomer[k]), products.idAt(eventProduct[k]), TYPES[eventType[k]],
                    eventTime[k]);
        }
    }

    @Override
    public String toString() {
        return "SyntheticShop[" + customers.size() + " customers, " + products.size() + " products, "
                + eventType.length + " events]";
    }

    // ---------------------------------------------------------------- events

    private void generateEvents(long seed, int threads) {
        int n = eventType.length;
        int chunks = Math.max(1, (int) ((n + (long) CHUNK - 1) / CHUNK));
        AliasTable byActivity = population.byActivity;
        if (threads == 1 || chunks == 1) {
            for (int k = 0; k < chunks; k++) {
                generateChunk(seed, k, chunks, byActivity);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
            Thread t = new Thread(r, "jrec-synthetic-shop");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>(chunks);
            for (int k = 0; k < chunks; k++) {
                int chunk = k;
                done.add(pool.submit(() -> generateChunk(seed, chunk, chunks, byActivity)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("event generation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Generates block {@code chunk} of {@code chunks} into its own slice of the event arrays. */
    private void generateChunk(long seed, int chunk, int chunks, AliasTable byActivity) {
        int n = eventType.length;
        int from = (int) ((long) n * chunk / chunks);
        int to = (int) ((long) n * (chunk + 1) / chunks);
        long windowStart = START + SPAN * chunk / chunks;
        long windowEnd = START + SPAN * (chunk + 1) / chunks;
        int budget = to - from;
        SplitMix64 random = SplitMix64.stream(seed, 1_000_000L + chunk);
        int[] c = new int[budget];
        int[] p = new int[budget];
        long[] t = new long[budget];
        byte[] y = new byte[budget];
        int[] carted = new int[20];
        int m = 0;
        while (m < budget) {
            int customer = byActivity.sample(random);
            long time = windowStart + (long) (random.nextDouble() * (windowEnd - windowStart));
            int views = 1;
            while (views < 20 && random.nextDouble() < 0.65) {
                views++;
            }
            int cartCount = 0;
            for (int v = 0; v < views && m < budget; v++) {
                int product = population.pickProduct(customer, random);
                c[m] = customer;
                p[m] = product;
                t[m] = time;
                y[m++] = (byte) EventType.VIEW.ordinal();
                time += 15 + random.nextInt(120);
                if (catalogue.inStock[product] && m < budget
                        && random.nextDouble() < population.cartProbability(customer, product)) {
                    c[m] = customer;
                    p[m] = product;
                    t[m] = time;
                    y[m++] = (byte) EventType.CART.ordinal();
                    time += 5 + random.nextInt(30);
                    carted[cartCount++] = product;
                }
            }
            for (int k = 0; k < cartCount && m < budget; k++) {
                if (random.nextDouble() < 0.55) {
                    time += 10 + random.nextInt(60);
                    c[m] = customer;
                    p[m] = carted[k];
                    t[m] = time;
                    y[m++] = (byte) EventType.PURCHASE.ordinal();
                }
            }
        }
        // Sort the block by time (ties keep generation order); sessions near the end are clipped to the window.
        long[] keys = new long[budget];
        for (int k = 0; k < budget; k++) {
            long offset = Math.min(t[k], windowEnd - 1) - windowStart;
            keys[k] = offset << 32 | k;
        }
        Arrays.sort(keys);
        for (int k = 0; k < budget; k++) {
            int src = (int) keys[k];
            eventCustomer[from + k] = c[src];
            eventProduct[from + k] = p[src];
            eventTime[from + k] = (int) (windowStart + (keys[k] >>> 32));
            eventType[from + k] = y[src];
        }
    }

    // ---------------------------------------------------------------- matrices and features

    /** Both matrices in one pass over the events grouped by customer. */
    private RatingMatrix[] buildMatrices() {
        int nCustomers = customers.size();
        int n = eventType.length;
        int[] start = new int[nCustomers + 1];
        for (int k = 0; k < n; k++) {
            start[eventCustomer[k] + 1]++;
        }
        for (int u = 0; u < nCustomers; u++) {
            start[u + 1] += start[u];
        }
        // Each event as one sortable key, grouped by customer: product | time since START | type.
        // (Time < 2^25 s and 2 type bits fit the low 32 bits.) Aggregates below do not depend on order.
        long[] keys = new long[n];
        int[] next = Arrays.copyOf(start, nCustomers);
        for (int k = 0; k < n; k++) {
            keys[next[eventCustomer[k]]++] = (long) eventProduct[k] << 32 | (eventTime[k] - START) << 2 | eventType[k];
        }
        Csr all = new Csr(nCustomers);
        Csr bought = new Csr(nCustomers);
        int purchase = EventType.PURCHASE.ordinal();
        for (int u = 0; u < nCustomers; u++) {
            int end = start[u + 1];
            Arrays.sort(keys, start[u], end);
            for (int j = start[u]; j < end; ) {
                int product = (int) (keys[j] >>> 32);
                int maxWeight = 0;
                long latest = 0;
                int purchaseCount = 0;
                long latestPurchase = 0;
                for (; j < end && (int) (keys[j] >>> 32) == product; j++) {
                    int type = (int) keys[j] & 3;
                    long time = START + ((keys[j] & 0xFFFFFFFFL) >>> 2);
                    maxWeight = Math.max(maxWeight, TYPES[type].weight());
                    latest = Math.max(latest, time);
                    if (type == purchase) {
                        purchaseCount++;
                        latestPurchase = Math.max(latestPurchase, time);
                    }
                }
                all.add(product, maxWeight, latest);
                if (purchaseCount > 0) {
                    bought.add(product, purchaseCount, latestPurchase);
                }
            }
            all.endRow(u);
            bought.endRow(u);
        }
        return new RatingMatrix[]{all.toMatrix(customers, products, timestamps), bought.toMatrix(customers, products, timestamps)};
    }

    /** Growable CSR arrays. */
    private static final class Csr {
        private final int[] pointers;
        private int[] columns = new int[1024];
        private float[] values = new float[1024];
        private long[] times = new long[1024];
        private int size;

        Csr(int rows) {
            pointers = new int[rows + 1];
        }

        void add(int column, float value, long time) {
            if (size == columns.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
                columns = Arrays.copyOf(columns, grown);
                values = Arrays.copyOf(values, grown);
                times = Arrays.copyOf(times, grown);
            }
            columns[size] = column;
            values[size] = value;
            times[size++] = time;
        }

        void endRow(int row) {
            pointers[row + 1] = size;
        }

        RatingMatrix toMatrix(IdIndex rows, IdIndex cols, boolean timestamps) {
            SparseMatrix m = SparseMatrix.fromCsr(rows.size(), cols.size(), pointers, Arrays.copyOf(columns, size),
                    Arrays.copyOf(values, size), timestamps ? Arrays.copyOf(times, size) : null);
            return RatingMatrix.of(rows, cols, m);
        }
    }

    private ItemFeatures buildFeatures() {
        ItemFeatures.Builder b = ItemFeatures.builder();
        for (Product p : catalog) {
            b.categorical(p.id(), "category", p.category())
                    .categorical(p.id(), "brand", p.brand())
                    .categorical(p.id(), "priceBand", p.priceBand())
                    .numeric(p.id(), "price", p.price())
                    .text(p.id(), "title", p.title());
        }
        return b.build();
    }

    // ---------------------------------------------------------------- catalogue

    /** Per category: base price, title modifiers and nouns (same order as {@link #CATEGORIES}). */
    private static final double[] BASE_PRICE = {180, 70, 40, 45, 35, 22, 55, 80, 25, 15, 35, 20, 18, 8, 90, 150,
            30, 40, 120, 60};
    private static final String[][] MODIFIERS = {
            {"wireless", "portable", "smart", "compact", "ultra"},
            {"running", "leather", "trail", "suede", "waterproof"},
            {"cotton", "slim", "oversized", "linen", "denim"},
            {"ceramic", "woven", "modern", "velvet", "rustic"},
            {"nonstick", "steel", "copper", "electric", "enamel"},
            {"hydrating", "organic", "matte", "repair", "floral"},
            {"training", "pro", "grip", "foldable", "insulated"},
            {"camping", "ultralight", "hiking", "weatherproof", "alpine"},
            {"wooden", "educational", "plush", "remote", "magnetic"},
            {"illustrated", "paperback", "hardcover", "bestselling", "classic"},
            {"raised", "expandable", "pruning", "heirloom", "ergonomic"},
            {"reflective", "orthopedic", "durable", "catnip", "washable"},
            {"ruled", "gel", "ergonomic", "desktop", "recycled"},
            {"organic", "roasted", "dark", "artisan", "wholegrain"},
            {"silver", "gold", "pearl", "diamond", "engraved"},
            {"automatic", "quartz", "titanium", "sapphire", "field"},
            {"organic", "convertible", "swaddle", "soft", "anticolic"},
            {"heavyduty", "universal", "magnetic", "allweather", "ceramic"},
            {"acoustic", "electric", "studio", "beginner", "condenser"},
            {"rgb", "wireless", "mechanical", "pro", "ergonomic"}};
    private static final String[][] NOUNS = {
            {"headphones", "speaker", "charger", "monitor", "keyboard"},
            {"sneaker", "boot", "sandal", "loafer", "trainer"},
            {"shirt", "jacket", "hoodie", "sweater", "jeans"},
            {"lamp", "cushion", "rug", "vase", "curtain"},
            {"pan", "knife", "kettle", "blender", "mug"},
            {"serum", "cream", "lipstick", "shampoo", "perfume"},
            {"mat", "dumbbell", "racket", "ball", "bottle"},
            {"tent", "backpack", "lantern", "hammock", "stove"},
            {"puzzle", "robot", "doll", "blocks", "kite"},
            {"novel", "cookbook", "guide", "biography", "atlas"},
            {"planter", "hose", "shears", "seeds", "trowel"},
            {"leash", "bed", "bowl", "collar", "scratcher"},
            {"notebook", "pen", "stapler", "organizer", "chair"},
            {"coffee", "tea", "chocolate", "oil", "pasta"},
            {"ring", "necklace", "bracelet", "earrings", "pendant"},
            {"watch", "chronograph", "smartwatch", "strap", "diver"},
            {"stroller", "onesie", "bottle", "blanket", "monitor"},
            {"wiper", "charger", "cover", "mat", "polish"},
            {"guitar", "ukulele", "keyboard", "drum", "microphone"},
            {"controller", "headset", "mouse", "chair", "console"}};
    private static final String[] ADJECTIVES = {"classic", "essential", "everyday", "deluxe", "signature",
            "vintage", "urban", "eco", "lightweight", "heritage", "original", "comfort", "sport", "elite", "basic",
            "premium"};
    private static final String[] NAME_START = {"Nor", "Vel", "Zen", "Ax", "Lum", "Kor", "Bri", "Sol", "Mar", "Tal",
            "Quin", "Ori", "Fen", "Dra", "Pel"};
    private static final String[] NAME_END = {"vik", "ora", "tro", "io", "ex", "ani", "ford", "wick", "ton", "ari",
            "enza", "ix", "ova", "und"};
    private static final double[] BAND_SHARE = {0.4, 0.4, 0.2};
    private static final double[] BAND_FACTOR = {0.6, 1.0, 1.8};

    /** The generated catalogue and the samplers over it. */
    private static final class Catalogue {
        final long[] ids;
        final int[] category;
        final int[] brand;
        final int[] band;
        final double[] price;
        final String[] title;
        final boolean[] inStock;
        final String[] brandNames;
        final int[] brandCategory;
        final AliasTable byCategory;           // categories by size
        final AliasTable[] brandsOfCategory;   // brands within a category
        final AliasTable bestsellers;          // all products by popularity
        final AliasTable[] productsOfCategory;
        final AliasTable[][] productsOfCategoryBand;   // null where empty
        final AliasTable[] productsOfBrand;            // null where empty

        Catalogue(int n, double exponent, SplitMix64 random) {
            int categories = CATEGORIES.size();
            double[] categoryWeight = new double[categories];
            for (int c = 0; c < categories; c++) {
                categoryWeight[c] = Math.pow(c + 1, -0.6);
            }
            byCategory = new AliasTable(range(categories), categoryWeight);

            int brands = Math.max(categories, Math.min(500, n / 20));
            brandNames = brandNames(brands, random);
            brandCategory = new int[brands];
            List<List<Integer>> brandLists = new ArrayList<>();
            for (int c = 0; c < categories; c++) {
                brandLists.add(new ArrayList<>());
            }
            for (int b = 0; b < brands; b++) {
                brandCategory[b] = b < categories ? b : byCategory.sample(random);
                brandLists.get(brandCategory[b]).add(b);
            }
            brandsOfCategory = new AliasTable[categories];
            for (int c = 0; c < categories; c++) {
                brandsOfCategory[c] = zipf(brandLists.get(c), 0.8);
            }

            ids = new long[n];
            category = new int[n];
            brand = new int[n];
            band = new int[n];
            price = new double[n];
            title = new String[n];
            inStock = new boolean[n];
            for (int k = 0; k < n; k++) {
                ids[k] = 10_000_000L + 100L * k + random.nextInt(100);
                int c = k < categories ? k : byCategory.sample(random);
                category[k] = c;
                brand[k] = brandsOfCategory[c].sample(random);
                band[k] = pick(BAND_SHARE, random);
                double p = BASE_PRICE[c] * BAND_FACTOR[band[k]] * Math.exp(0.25 * random.nextGaussian());
                price[k] = Math.max(1, Math.round(p)) - 0.01;
                title[k] = brandNames[brand[k]] + " " + capitalise(ADJECTIVES[random.nextInt(ADJECTIVES.length)])
                        + " " + capitalise(MODIFIERS[c][random.nextInt(MODIFIERS[c].length)])
                        + " " + capitalise(NOUNS[c][random.nextInt(NOUNS[c].length)]);
                inStock[k] = random.nextDouble() >= 0.08;
            }

            // Power-law popularity over a random permutation of ranks.
            int[] rank = range(n);
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int tmp = rank[k];
                rank[k] = rank[j];
                rank[j] = tmp;
            }
            double[] popularity = new double[n];
            for (int k = 0; k < n; k++) {
                popularity[k] = exponent == 1 ? 1.0 / (rank[k] + 1) : Math.pow(rank[k] + 1, -exponent);
            }
            bestsellers = new AliasTable(range(n), popularity);
            productsOfCategory = new AliasTable[categories];
            productsOfCategoryBand = new AliasTable[categories][PRICE_BANDS.size()];
            productsOfBrand = new AliasTable[brands];
            for (int c = 0; c < categories; c++) {
                productsOfCategory[c] = subset(popularity, category, c, null, 0);
                for (int b = 0; b < PRICE_BANDS.size(); b++) {
                    productsOfCategoryBand[c][b] = subset(popularity, category, c, band, b);
                }
            }
            for (int b = 0; b < brands; b++) {
                productsOfBrand[b] = subset(popularity, brand, b, null, 0);
            }
        }

        List<Product> products() {
            Product[] out = new Product[ids.length];
            for (int k = 0; k < ids.length; k++) {
                out[k] = new Product(ids[k], CATEGORIES.get(category[k]), brandNames[brand[k]],
                        PRICE_BANDS.get(band[k]), price[k], title[k], inStock[k]);
            }
            return Collections.unmodifiableList(Arrays.asList(out));
        }

        /** Products with {@code key[k] == value} (and {@code key2[k] == value2} if given), by popularity; null if none. */
        private static AliasTable subset(double[] popularity, int[] key, int value, int[] key2, int value2) {
            int count = 0;
            for (int k = 0; k < key.length; k++) {
                if (key[k] == value && (key2 == null || key2[k] == value2)) {
                    count++;
                }
            }
            if (count == 0) {
                return null;
            }
            int[] members = new int[count];
            double[] weights = new double[count];
            int m = 0;
            for (int k = 0; k < key.length; k++) {
                if (key[k] == value && (key2 == null || key2[k] == value2)) {
                    members[m] = k;
                    weights[m++] = popularity[k];
                }
            }
            return new AliasTable(members, weights);
        }

        private static String[] brandNames(int count, SplitMix64 random) {
            int combos = NAME_START.length * NAME_END.length;
            int[] order = range(combos);
            for (int k = combos - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int tmp = order[k];
                order[k] = order[j];
                order[j] = tmp;
            }
            String[] names = new String[count];
            for (int b = 0; b < count; b++) {
                int combo = order[b % combos];
                String name = NAME_START[combo / NAME_END.length] + NAME_END[combo % NAME_END.length];
                names[b] = b < combos ? name : name + " " + (b / combos + 1);
            }
            return names;
        }
    }

    // ---------------------------------------------------------------- customers

    private static final double[] TASTE_BAND_SHARE = {0.45, 0.4, 0.15};

    /** The generated customers and their tastes. */
    private static final class Population {
        final Catalogue catalogue;
        final long[] ids;
        final AliasTable byActivity;
        final byte[] tasteCount;
        final int[] tasteCategory;      // 3 per customer
        final float[] tasteCumulative;  // 3 per customer: cumulative weights, the last one 1
        final byte[] band;
        final int[] favouriteBrand;

        Population(int n, Catalogue catalogue, SplitMix64 random) {
            this.catalogue = catalogue;
            ids = new long[n];
            double[] activity = new double[n];
            tasteCount = new byte[n];
            tasteCategory = new int[3 * n];
            tasteCumulative = new float[3 * n];
            band = new byte[n];
            favouriteBrand = new int[n];
            for (int c = 0; c < n; c++) {
                ids[c] = 4_000_000_000L + 1000L * c + random.nextInt(1000);
                activity[c] = Math.pow(1 - random.nextDouble(), -1 / 1.8);
                int count = 1 + random.nextInt(3);
                tasteCount[c] = (byte) count;
                double[] w = new double[count];
                double total = 0;
                for (int k = 0; k < count; k++) {
                    int category;
                    boolean repeated;
                    do {
                        category = catalogue.byCategory.sample(random);
                        repeated = false;
                        for (int j = 0; j < k; j++) {
                            repeated |= tasteCategory[3 * c + j] == category;
                        }
                    } while (repeated);
                    tasteCategory[3 * c + k] = category;
                    w[k] = (count - k) * (0.5 + random.nextDouble());   // the first preference is the strongest
                    total += w[k];
                }
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += w[k];
                    tasteCumulative[3 * c + k] = k == count - 1 ? 1f : (float) (sum / total);
                }
                band[c] = (byte) pick(TASTE_BAND_SHARE, random);
                favouriteBrand[c] = catalogue.brandsOfCategory[tasteCategory[3 * c]].sample(random);
            }
            byActivity = new AliasTable(range(n), activity);
        }

        /** A product the customer looks at, following popularity and taste (see the class comment). */
        int pickProduct(int c, SplitMix64 random) {
            Catalogue cat = catalogue;
            if (random.nextDouble() < 0.10) {
                return cat.bestsellers.sample(random);
            }
            int category;
            if (random.nextDouble() < 0.85) {
                double u = random.nextDouble();
                int k = 0;
                while (k < tasteCount[c] - 1 && u >= tasteCumulative[3 * c + k]) {
                    k++;
                }
                category = tasteCategory[3 * c + k];
            } else {
                category = cat.byCategory.sample(random);
            }
            double u = random.nextDouble();
            int brand = favouriteBrand[c];
            if (u < 0.25 && cat.brandCategory[brand] == category && cat.productsOfBrand[brand] != null) {
                return cat.productsOfBrand[brand].sample(random);
            }
            AliasTable inBand = cat.productsOfCategoryBand[category][band[c]];
            if (u < 0.65 && inBand != null) {
                return inBand.sample(random);
            }
            return cat.productsOfCategory[category].sample(random);
        }

        /** The probability that the customer carts a viewed, in-stock product. */
        double cartProbability(int c, int product) {
            double p = 0.12;
            if (catalogue.band[product] == band[c]) {
                p *= 1.6;
            }
            int category = catalogue.category[product];
            for (int k = 0; k < tasteCount[c]; k++) {
                if (tasteCategory[3 * c + k] == category) {
                    p *= 1.3;
                    break;
                }
            }
            return p;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int k = 0; k < n; k++) {
            r[k] = k;
        }
        return r;
    }

    private static int pick(double[] shares, SplitMix64 random) {
        double u = random.nextDouble();
        for (int k = 0; k < shares.length - 1; k++) {
            u -= shares[k];
            if (u < 0) {
                return k;
            }
        }
        return shares.length - 1;
    }

    private static AliasTable zipf(List<Integer> members, double exponent) {
        int[] values = new int[members.size()];
        double[] weights = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = members.get(k);
            weights[k] = Math.pow(k + 1, -exponent);
        }
        return new AliasTable(values, weights);
    }

    private static String capitalise(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    // ---------------------------------------------------------------- builder

    /** Settings of a {@link SyntheticShop}, checked at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int customers = 2_000;
        private int products = 500;
        private int events = 50_000;
        private long seed = 42;
        private int threads = 1;
        private double popularityExponent = 1;
        private boolean timestamps = true;

        private Builder() {
        }

        /** Number of customers, at least 1 (default 2,000). */
        public Builder customers(int customers) {
            this.customers = customers;
            return this;
        }

        /** Number of products, at least 20 so that every category has one (default 500). */
        public Builder products(int products) {
            this.products = products;
            return this;
        }

        /** Number of events, at least 0 (default 50,000). */
        public Builder events(int events) {
            this.events = events;
            return this;
        }

        /** The seed; the same settings and seed give the same shop (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads used to generate events, at least 1 (default 1); the result does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The exponent {@code s} of the products' power-law popularity {@code (rank + 1)^-s}, finite and in
         * {@code [0.3, 2]}; default 1 (every shop of earlier versions). Below 1 the long tail gets more of
         * the views: with 10^6 products and 10^8 events, {@code s = 0.8} leaves fewer products untouched
         * than {@code s = 1} (see the benchmarks' {@code scale} command, which prints the shares).
         */
        public Builder popularityExponent(double s) {
            this.popularityExponent = s;
            return this;
        }

        /**
         * Whether {@link #interactions()} and {@link #purchases()} carry each pair's latest time (default
         * true). Without them the matrices hold 16 bytes of arrays per stored pair instead of 24 (both
         * orientations); the event stream keeps its times either way.
         */
        public Builder timestamps(boolean timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        /**
         * Generates the shop.
         *
         * @throws IllegalArgumentException naming the setting if a count is out of range
         */
        public SyntheticShop build() {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be >= 1, got " + customers);
            }
            if (products < CATEGORIES.size()) {
                throw new IllegalArgumentException("products must be >= " + CATEGORIES.size()
                        + " (one per category), got " + products);
            }
            if (events < 0) {
                throw new IllegalArgumentException("events must be >= 0, got " + events);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (!(popularityExponent >= 0.3 && popularityExponent <= 2)) {
                throw new IllegalArgumentException("popularityExponent must be in [0.3, 2], got " + popularityExponent);
            }
            return new SyntheticShop(this);
        }
    }
}
