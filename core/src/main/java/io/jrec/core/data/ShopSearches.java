package io.jrec.core.data;

import io.jrec.core.DenseVectors;
import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.data.SyntheticShop.Customer;
import io.jrec.core.data.SyntheticShop.Product;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic shop's customers searching: seeded queries typed by customers with their hidden tastes,
 * followed by clicks and purchases, so that search quality can be measured offline; and noisy vectors
 * of the products' hidden attributes, standing in for the embeddings a language model would compute
 * from product texts. A companion of {@link SyntheticShop}: it reads the shop and never changes it.
 *
 * <pre>{@code
 * List<ShopSearches.Search> log = ShopSearches.builder(shop).searches(4_000).seed(7).build();
 * ShopSearches.Search s = log.get(0);   // customer, "wireles speaker under 60", clicks, purchase
 * DenseVectors v = ShopSearches.attributeVectors(shop, 32, 0.5, 11);
 * }</pre>
 *
 * <h2>The model</h2>
 * <ol>
 *   <li>A customer is drawn with weight {@code 1 + interactions} (active customers search more).</li>
 *   <li>The product they want is drawn from their hidden taste as the shop's sessions do: a preferred
 *       category (weights 3 : 2 : 1 by preference order; any category with probability 0.15), then
 *       within it the favourite brand (probability 0.3, where it sells there), else the preferred price
 *       band (0.5), else any product; always in stock, each by popularity {@code 1 + purchases}.</li>
 *   <li>The query is made of the product's words: the category noun (the title's last word) always;
 *       the title's modifier with probability 0.5, its adjective 0.15, the brand {@code brandRate}
 *       (default 0.15); with probability {@code priceRate} (default 0.15) a price wish ("cheap" for
 *       budget products, else "under N" above the price); with probability {@code typoRate} (default 0.1)
 *       one word of at least 5 letters gets one typo (a swap, a deletion or a substitution).</li>
 *   <li>The customer clicks the wanted product and up to 2 other products of the category with the
 *       same noun, drawn the same way, and buys the wanted one with probability {@code purchaseRate}
 *       (default 0.7).</li>
 *   <li>Searches happen after the shop's event log (30 days from {@code START + SPAN}), in time order.</li>
 * </ol>
 * The same shop, settings and seed give the same searches. Thread-safe: the result is immutable.
 */
public final class ShopSearches {

    /**
     * One search and what followed it.
     *
     * @param customerId        who searched
     * @param timestamp         when (unix seconds)
     * @param query             what they typed
     * @param wantedProductId   the product they had in mind (ground truth)
     * @param clicks            the products clicked, the wanted one first (a copy on each call)
     * @param purchasedProductId the product bought, or -1 if the search ended without a purchase
     */
    public record Search(long customerId, long timestamp, String query, long wantedProductId, long[] clicks,
                         long purchasedProductId) {
        public Search {
            clicks = clicks.clone();
        }

        @Override
        public long[] clicks() {
            return clicks.clone();
        }

        /** Whether the search ended with a purchase. */
        public boolean purchased() {
            return purchasedProductId >= 0;
        }

        @Override
        public String toString() {
            return "Search[" + customerId + " '" + query + "' -> " + (purchased() ? "bought " + purchasedProductId
                    : "no purchase") + ", clicks " + Arrays.toString(clicks) + "]";
        }
    }

    private ShopSearches() {
    }

    /** A builder of searches over {@code shop}: 1,000 searches, seed 1. */
    public static Builder builder(SyntheticShop shop) {
        return new Builder(shop);
    }

    /**
     * Noisy vectors of each product's hidden attributes: a random code (Gaussian, unit variance per
     * component) for its category, another for its brand (times 0.7) and one for its price band (times
     * 0.5), summed, plus Gaussian noise of standard deviation {@code noise} per component: what a
     * language model's embedding of the product text might carry, imperfectly.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or {@code noise} is negative or not finite
     */
    public static DenseVectors attributeVectors(SyntheticShop shop, int dimension, double noise, long seed) {
        return attributeVectors(shop.catalog(), dimension, noise, seed);
    }

    /**
     * {@link #attributeVectors(SyntheticShop, int, double, long)} for any list of products, e.g. the
     * shop's catalogue followed by products added to it: the codes and the noise are drawn in list order,
     * so a list that starts with the catalogue gives its products the same vectors as the shop's call.
     *
     * @throws IllegalArgumentException if {@code dimension < 1}, {@code noise} is negative or not finite,
     *                                  or a product id repeats
     */
    public static DenseVectors attributeVectors(List<Product> products, int dimension, double noise, long seed) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        SplitMix64 random = SplitMix64.stream(seed, 77);
        Map<String, float[]> codes = new HashMap<>();
        DenseVectors.Builder b = DenseVectors.builder(dimension);
        for (Product p : products) {
            float[] c = code(codes, "c:" + p.category(), dimension, random);
            float[] br = code(codes, "b:" + p.brand(), dimension, random);
            float[] band = code(codes, "p:" + p.priceBand(), dimension, random);
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) (c[d] + 0.7 * br[d] + 0.5 * band[d] + noise * random.nextGaussian());
            }
            b.add(p.id(), v);
        }
        return b.build();
    }

    private static float[] code(Map<String, float[]> codes, String key, int dimension, SplitMix64 random) {
        float[] c = codes.get(key);
        if (c == null) {
            c = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                c[d] = (float) random.nextGaussian();
            }
            codes.put(key, c);
        }
        return c;
    }

    /** Settings of the searches, checked at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final SyntheticShop shop;
        private int searches = 1_000;
        private long seed = 1;
        private double typoRate = 0.1;
        private double priceRate = 0.15;
        private double brandRate = 0.15;
        private double purchaseRate = 0.7;

        private Builder(SyntheticShop shop) {
            this.shop = shop;
        }

        /** How many searches (default 1,000), >= 0. */
        public Builder searches(int searches) {
            this.searches = searches;
            return this;
        }

        /** The seed (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The share of queries with a typo (default 0.1), in [0, 1]. */
        public Builder typoRate(double rate) {
            this.typoRate = rate;
            return this;
        }

        /** The share of queries with a price wish (default 0.15), in [0, 1]. */
        public Builder priceRate(double rate) {
            this.priceRate = rate;
            return this;
        }

        /** The share of queries naming the brand (default 0.15), in [0, 1]. */
        public Builder brandRate(double rate) {
            this.brandRate = rate;
            return this;
        }

        /** The share of searches that end with a purchase (default 0.7), in [0, 1]. */
        public Builder purchaseRate(double rate) {
            this.purchaseRate = rate;
            return this;
        }

        /**
         * The searches, in time order.
         *
         * @throws IllegalArgumentException naming the setting if one is out of range
         */
        public List<Search> build() {
            if (searches < 0) {
                throw new IllegalArgumentException("searches must be >= 0, got " + searches);
            }
            checkRate("typoRate", typoRate);
            checkRate("priceRate", priceRate);
            checkRate("brandRate", brandRate);
            checkRate("purchaseRate", purchaseRate);
            return new Generator(this).generate();
        }

        private static void checkRate(String name, double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + rate);
            }
        }
    }

    /** The generator: samplers over the shop's public catalogue, customers and purchases. */
    private static final class Generator {
        private final Builder settings;
        private final SyntheticShop shop;
        private final List<Product> catalog;
        private final SplitMix64 random;
        private final AliasTable customers;
        private final Map<String, AliasTable> byCategory = new HashMap<>();
        private final Map<String, AliasTable> byCategoryBand = new HashMap<>();
        private final Map<String, AliasTable> byCategoryBrand = new HashMap<>();
        private final AliasTable categories;
        private final List<String> categoryNames;

        Generator(Builder settings) {
            this.settings = settings;
            this.shop = settings.shop;
            this.catalog = shop.catalog();
            this.random = SplitMix64.stream(settings.seed, 4242);
            RatingMatrix interactions = shop.interactions();
            IdIndex ids = shop.customers();
            int[] members = new int[ids.size()];
            double[] weights = new double[ids.size()];
            for (int c = 0; c < members.length; c++) {
                members[c] = c;
                int u = interactions.users().indexOf(ids.idAt(c));
                weights[c] = 1 + (u < 0 ? 0 : interactions.userRatingCount(u));
            }
            customers = new AliasTable(members, weights);
            RatingMatrix purchases = shop.purchases();
            Map<String, List<Integer>> groups = new HashMap<>();
            for (int k = 0; k < catalog.size(); k++) {
                Product p = catalog.get(k);
                if (!p.inStock()) {
                    continue;
                }
                groups.computeIfAbsent("c:" + p.category(), g -> new ArrayList<>()).add(k);
                groups.computeIfAbsent("cp:" + p.category() + "/" + p.priceBand(), g -> new ArrayList<>()).add(k);
                groups.computeIfAbsent("cb:" + p.category() + "/" + p.brand(), g -> new ArrayList<>()).add(k);
            }
            double[] popularity = new double[catalog.size()];
            for (int k = 0; k < catalog.size(); k++) {
                int i = purchases.items().indexOf(catalog.get(k).id());
                popularity[k] = 1 + (i < 0 ? 0 : purchases.itemColumn(i).size());
            }
            List<String> names = new ArrayList<>();
            List<Double> sizes = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
                int[] m = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                double[] w = new double[m.length];
                for (int j = 0; j < m.length; j++) {
                    w[j] = popularity[m[j]];
                }
                AliasTable table = new AliasTable(m, w);
                String key = e.getKey();
                if (key.startsWith("c:")) {
                    byCategory.put(key.substring(2), table);
                } else if (key.startsWith("cp:")) {
                    byCategoryBand.put(key.substring(3), table);
                } else {
                    byCategoryBrand.put(key.substring(3), table);
                }
            }
            names.addAll(byCategory.keySet());
            names.sort(null);   // a fixed order, whatever the hash map's
            for (String n : names) {
                sizes.add((double) byCategory.get(n).size());
            }
            categoryNames = names;
            int[] m = new int[names.size()];
            double[] w = new double[names.size()];
            for (int j = 0; j < m.length; j++) {
                m[j] = j;
                w[j] = sizes.get(j);
            }
            categories = new AliasTable(m, w);
        }

        List<Search> generate() {
            int n = settings.searches;
            List<Search> out = new ArrayList<>(n);
            long start = SyntheticShop.START + SyntheticShop.SPAN;
            long span = 30L * 24 * 3600;
            for (int s = 0; s < n; s++) {
                long time = start + span * s / Math.max(1, n);
                long customerId = shop.customers().idAt(customers.sample(random));
                Customer taste = shop.customer(customerId);
                Product wanted = pick(taste, null);
                String query = query(wanted);
                List<Long> clicks = new ArrayList<>(3);
                clicks.add(wanted.id());
                String noun = lastWord(wanted.title());
                for (int tries = 0; tries < 6 && clicks.size() < 3; tries++) {
                    Product other = pick(taste, wanted.category());
                    if (lastWord(other.title()).equals(noun) && !clicks.contains(other.id()) && random.nextDouble() < 0.5) {
                        clicks.add(other.id());
                    }
                }
                long bought = random.nextDouble() < settings.purchaseRate ? wanted.id() : -1;
                out.add(new Search(customerId, time, query, wanted.id(),
                        clicks.stream().mapToLong(Long::longValue).toArray(), bought));
            }
            return List.copyOf(out);
        }

        /** A product the customer wants, following their taste; within {@code category} if given. */
        private Product pick(Customer taste, String category) {
            String c = category;
            if (c == null) {
                List<String> preferred = taste.preferredCategories();
                if (random.nextDouble() < 0.85) {
                    int total = 0;
                    for (int k = 0; k < preferred.size(); k++) {
                        total += 3 - k;
                    }
                    int u = random.nextInt(total);
                    int k = 0;
                    while (u >= 3 - k) {
                        u -= 3 - k;
                        k++;
                    }
                    c = preferred.get(k);
                } else {
                    c = categoryNames.get(categories.sample(random));
                }
            }
            AliasTable any = byCategory.get(c);
            if (any == null) {      // every product of the category is out of stock
                c = categoryNames.get(categories.sample(random));
                any = byCategory.get(c);
            }
            double u = random.nextDouble();
            AliasTable brand = byCategoryBrand.get(c + "/" + taste.favouriteBrand());
            if (u < 0.3 && brand != null) {
                return catalog.get(brand.sample(random));
            }
            AliasTable band = byCategoryBand.get(c + "/" + taste.priceBand());
            if (u < 0.65 && band != null) {
                return catalog.get(band.sample(random));
            }
            return catalog.get(any.sample(random));
        }

        /** The words a customer types for {@code p} (see the class comment). */
        private String query(Product p) {
            String rest = p.title().substring(p.brand().length()).trim();   // adjective modifier noun
            String[] words = rest.toLowerCase(Locale.ROOT).split(" ");
            String noun = words[words.length - 1];
            String modifier = words.length >= 2 ? words[words.length - 2] : null;
            String adjective = words.length >= 3 ? words[0] : null;
            List<String> q = new ArrayList<>(5);
            if (random.nextDouble() < settings.brandRate) {
                q.add(p.brand().toLowerCase(Locale.ROOT));
            }
            if (adjective != null && random.nextDouble() < 0.15) {
                q.add(adjective);
            }
            if (modifier != null && random.nextDouble() < 0.5) {
                q.add(modifier);
            }
            q.add(noun);
            if (random.nextDouble() < settings.typoRate) {
                List<Integer> long5 = new ArrayList<>();
                for (int k = 0; k < q.size(); k++) {
                    if (q.get(k).length() >= 5 && q.get(k).chars().allMatch(Character::isLetter)) {
                        long5.add(k);
                    }
                }
                if (!long5.isEmpty()) {
                    int k = long5.get(random.nextInt(long5.size()));
                    q.set(k, typo(q.get(k)));
                }
            }
            if (random.nextDouble() < settings.priceRate) {
                if (p.priceBand().equals("budget") && random.nextDouble() < 0.5) {
                    q.add(0, "cheap");
                } else {
                    long limit = (long) (Math.ceil((p.price() + 1) / 10.0) * 10);
                    q.add("under " + limit);
                }
            }
            return String.join(" ", q);
        }

        private String typo(String w) {
            char[] c = w.toCharArray();
            int kind = random.nextInt(3);
            int p = 1 + random.nextInt(c.length - 2);   // keep the first letter, as most typos do
            if (kind == 0) {
                char t = c[p];
                c[p] = c[p + 1];
                c[p + 1] = t;
                return new String(c);
            }
            if (kind == 1) {
                return w.substring(0, p) + w.substring(p + 1);
            }
            char r = (char) ('a' + random.nextInt(26));
            c[p] = r == c[p] ? (char) ('a' + (r - 'a' + 1) % 26) : r;
            return new String(c);
        }

        private static String lastWord(String title) {
            return title.substring(title.lastIndexOf(' ') + 1);
        }
    }
}
