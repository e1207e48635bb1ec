package io.jrec.core.data;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.SparseVector;
import io.jrec.core.data.SyntheticShop.EventType;
import io.jrec.core.data.SyntheticShop.Product;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticShopTest {
    private static final SyntheticShop SHOP = SyntheticShop.builder().build();

    /** The whole event stream as parallel lists, for brute-force references. */
    private record Events(List<long[]> rows) {
        static Events of(SyntheticShop shop) {
            List<long[]> rows = new ArrayList<>();
            shop.forEachEvent((c, p, t, ts) -> rows.add(new long[]{c, p, t.ordinal(), ts}));
            return new Events(rows);
        }
    }

    private static long fingerprint(SyntheticShop shop) {
        long[] h = {17};
        shop.forEachEvent((c, p, t, ts) -> h[0] = 31 * (31 * (31 * (31 * h[0] + c) + p) + t.ordinal()) + ts);
        return h[0];
    }

    @Test
    void defaultsAreQuickstartSized() {
        assertEquals(2_000, SHOP.customers().size());
        assertEquals(500, SHOP.products().size());
        assertEquals(50_000, SHOP.eventCount());
        assertEquals(500, SHOP.catalog().size());
        assertEquals(2_000, SHOP.interactions().userCount());
        assertEquals(500, SHOP.interactions().itemCount());
        assertEquals(SHOP.customers(), SHOP.interactions().users());
        assertEquals(SHOP.products(), SHOP.purchases().items());
        assertEquals(500, SHOP.features().items().size());
    }

    @Test
    void sameSeedSameShopAcrossThreadCounts() {
        // 150,000 events make three generation blocks, so threads really split the work.
        SyntheticShop one = SyntheticShop.builder().customers(300).products(60).events(150_000).seed(7).build();
        SyntheticShop three = SyntheticShop.builder().customers(300).products(60).events(150_000).seed(7)
                .threads(3).build();
        assertEquals(fingerprint(one), fingerprint(three));
        assertEquals(one.catalog(), three.catalog());
        assertMatrixEquals(one.interactions(), three.interactions());
        assertMatrixEquals(one.purchases(), three.purchases());
        SyntheticShop other = SyntheticShop.builder().customers(300).products(60).events(150_000).seed(8).build();
        assertNotEquals(fingerprint(one), fingerprint(other));
        assertEquals(fingerprint(SHOP), fingerprint(SyntheticShop.builder().seed(42).build()));
    }

    private static void assertMatrixEquals(RatingMatrix a, RatingMatrix b) {
        assertEquals(a.users(), b.users());
        assertEquals(a.items(), b.items());
        assertEquals(a.size(), b.size());
        for (int u = 0; u < a.userCount(); u++) {
            assertEquals(a.userRow(u), b.userRow(u));
        }
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.byUser().timestamp(k), b.byUser().timestamp(k));
        }
    }

    @Test
    void eventsAreTimeOrderedInRangeAndExactlyCounted() {
        List<long[]> events = Events.of(SHOP).rows();
        assertEquals(50_000, events.size());
        long previous = Long.MIN_VALUE;
        for (long[] e : events) {
            assertTrue(e[3] >= previous, "time order");
            assertTrue(e[3] >= SyntheticShop.START && e[3] < SyntheticShop.START + SyntheticShop.SPAN);
            assertTrue(SHOP.customers().contains(e[0]));
            assertTrue(SHOP.products().contains(e[1]));
            previous = e[3];
        }
        assertEquals(0, SyntheticShop.builder().events(0).build().eventCount());
        assertEquals(1_000, SyntheticShop.builder().customers(50).products(20).events(1_000).build().eventCount());
    }

    @Test
    void matricesAggregateTheEventStream() {
        // Brute force: per pair the max weight, the latest time, and purchase counts with the latest purchase.
        Map<List<Long>, long[]> all = new HashMap<>();       // weight, latest
        Map<List<Long>, long[]> bought = new HashMap<>();    // count, latest
        for (long[] e : Events.of(SHOP).rows()) {
            List<Long> pair = List.of(e[0], e[1]);
            long weight = EventType.values()[(int) e[2]].weight();
            all.merge(pair, new long[]{weight, e[3]}, (x, y) -> new long[]{Math.max(x[0], y[0]), Math.max(x[1], y[1])});
            if (e[2] == EventType.PURCHASE.ordinal()) {
                bought.merge(pair, new long[]{1, e[3]}, (x, y) -> new long[]{x[0] + y[0], Math.max(x[1], y[1])});
            }
        }
        assertAggregates(SHOP.interactions(), all);
        assertAggregates(SHOP.purchases(), bought);
    }

    private static void assertAggregates(RatingMatrix m, Map<List<Long>, long[]> expected) {
        assertEquals(expected.size(), m.size());
        SparseMatrix byUser = m.byUser();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                long[] want = expected.get(List.of(m.users().idAt(u), m.items().idAt(byUser.column(k))));
                assertEquals(want[0], byUser.value(k));
                assertEquals(want[1], byUser.timestamp(k));
            }
        }
    }

    @Test
    void funnelViewsThenCartsThenPurchasesAndNothingOutOfStockIsBought() {
        long[] types = new long[3];
        Set<List<Long>> carted = new HashSet<>();
        List<String> problems = new ArrayList<>();
        SHOP.forEachEvent((c, p, t, ts) -> {
            types[t.ordinal()]++;
            if (t != EventType.VIEW && !SHOP.product(p).inStock()) {
                problems.add(t + " of out-of-stock " + p);
            }
            if (t == EventType.CART) {
                carted.add(List.of(c, p));
            } else if (t == EventType.PURCHASE && !carted.contains(List.of(c, p))) {
                problems.add("purchase without cart " + c + " " + p);
            }
        });
        assertEquals(List.of(), problems);
        assertTrue(types[0] > 3 * types[1], "views dominate: " + types[0] + " vs carts " + types[1]);
        assertTrue(types[1] > types[2] && types[2] > 0, "carts " + types[1] + " > purchases " + types[2]);
        long outOfStock = SHOP.catalog().stream().filter(p -> !p.inStock()).count();
        assertTrue(outOfStock > 10 && outOfStock < 80, "about 8% of 500 out of stock: " + outOfStock);
    }

    @Test
    void popularityIsSkewed() {
        RatingMatrix m = SHOP.interactions();
        int[] counts = new int[m.itemCount()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = m.itemRatingCount(i);
        }
        java.util.Arrays.sort(counts);
        long top = 0;
        for (int k = 0; k < counts.length / 10; k++) {
            top += counts[counts.length - 1 - k];
        }
        // Uniform popularity would give the top 10% of products about 10% of the pairs.
        double share = top / (double) m.size();
        assertTrue(share > 0.3, "top 10% of products hold " + share + " of pairs");
        assertTrue(counts[counts.length - 1] > 10 * counts[counts.length / 2], "max far above median");
        // Customers' activity is heavy-tailed too.
        int max = 0;
        for (int u = 0; u < m.userCount(); u++) {
            max = Math.max(max, m.userRatingCount(u));
        }
        assertTrue(max > 5 * m.size() / m.userCount(), "most active customer far above the mean");
    }

    @Test
    void purchasesFollowTaste() {
        RatingMatrix bought = SHOP.purchases();
        Map<String, Integer> categorySize = new HashMap<>();
        for (Product p : SHOP.catalog()) {
            categorySize.merge(p.category(), 1, Integer::sum);
        }
        double inPreferred = 0;
        double chance = 0;
        double inBand = 0;
        double total = 0;
        for (int u = 0; u < bought.userCount(); u++) {
            SyntheticShop.Customer c = SHOP.customer(bought.users().idAt(u));
            double preferredShare = 0;
            for (String category : c.preferredCategories()) {
                preferredShare += categorySize.get(category) / 500.0;
            }
            SparseVector row = bought.userRow(u);
            for (int k = 0; k < row.size(); k++) {
                Product p = SHOP.product(bought.items().idAt(row.index(k)));
                total++;
                chance += preferredShare;
                if (c.preferredCategories().contains(p.category())) {
                    inPreferred++;
                }
                if (p.priceBand().equals(c.priceBand())) {
                    inBand++;
                }
            }
        }
        // Random choices would land in a preferred category with the catalogue share of those categories.
        assertTrue(inPreferred / total > 2 * chance / total, inPreferred / total + " vs chance " + chance / total);
        assertTrue(inPreferred / total > 0.6);
        assertTrue(inBand / total > 0.5, "three bands, preferred one bought in " + inBand / total);
    }

    @Test
    void idsAreSparseAndLarge() {
        long[] customers = SHOP.customers().toArray();
        long[] products = SHOP.products().toArray();
        for (int k = 1; k < customers.length; k++) {
            assertTrue(customers[k] > customers[k - 1]);
        }
        assertTrue(customers[0] > Integer.MAX_VALUE);
        assertTrue(products[0] >= 10_000_000L);
        assertTrue(products[products.length - 1] - products[0] > 10L * products.length, "sparse");
        Product first = SHOP.catalog().get(0);
        assertEquals(first, SHOP.product(first.id()));
        assertEquals("unknown product id 5", assertThrows(IllegalArgumentException.class,
                () -> SHOP.product(5)).getMessage());
        assertEquals("unknown customer id 5", assertThrows(IllegalArgumentException.class,
                () -> SHOP.customer(5)).getMessage());
    }

    @Test
    void catalogueIsPlausible() {
        Set<String> brands = new HashSet<>();
        for (Product p : SHOP.catalog()) {
            assertTrue(SyntheticShop.CATEGORIES.contains(p.category()));
            assertTrue(SyntheticShop.PRICE_BANDS.contains(p.priceBand()));
            assertTrue(p.price() > 0);
            assertEquals(99, Math.round(p.price() * 100) % 100, "price ends in .99: " + p.price());
            assertTrue(p.title().startsWith(p.brand() + " "), p.title());
            assertEquals(4, p.title().split(" ").length, p.title());
            brands.add(p.brand());
        }
        assertEquals(25, brands.size(), "500 / 20 brands");
        SyntheticShop.Customer c = SHOP.customer(SHOP.customers().idAt(0));
        assertTrue(c.preferredCategories().size() >= 1 && c.preferredCategories().size() <= 3);
        assertEquals(c.preferredCategories().size(), new HashSet<>(c.preferredCategories()).size());
    }

    @Test
    void featuresMatchTheCatalogue() {
        ItemFeatures f = SHOP.features();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Product p : SHOP.catalog()) {
            min = Math.min(min, p.price());
            max = Math.max(max, p.price());
        }
        for (Product p : SHOP.catalog()) {
            SparseVector v = f.featuresOf(p.id());
            assertEquals(1.0, v.get(f.featureIndex("category=" + p.category())));
            assertEquals(1.0, v.get(f.featureIndex("brand=" + p.brand())));
            assertEquals(1.0, v.get(f.featureIndex("priceBand=" + p.priceBand())));
            assertEquals((p.price() - min) / (max - min), v.get(f.featureIndex("price")), 1e-6);
            for (String token : ItemFeatures.tokenize(p.title())) {
                assertTrue(v.get(f.featureIndex("title:" + token)) > 0, token);
            }
            // one category, one brand, one band
            int categorical = 0;
            for (int k = 0; k < v.size(); k++) {
                if (f.featureName(v.index(k)).contains("=")) {
                    categorical++;
                }
            }
            assertEquals(3, categorical);
        }
        assertFalse(f.featureIndex("title:classic") < 0 && f.featureIndex("title:essential") < 0);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertEquals("customers must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().customers(0).build()).getMessage());
        assertEquals("products must be >= 20 (one per category), got 19", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().products(19).build()).getMessage());
        assertEquals("events must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().events(-1).build()).getMessage());
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().threads(0).build()).getMessage());
        assertEquals("popularityExponent must be in [0.3, 2], got 0.2", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().popularityExponent(0.2).build()).getMessage());
        assertEquals("popularityExponent must be in [0.3, 2], got NaN", assertThrows(IllegalArgumentException.class,
                () -> SyntheticShop.builder().popularityExponent(Double.NaN).build()).getMessage());
    }

    @Test
    void withoutTimestampsTheSamePairsIn16BytesEach() {
        SyntheticShop plain = SyntheticShop.builder().customers(300).products(60).events(20_000).seed(7)
                .timestamps(false).build();
        SyntheticShop timed = SyntheticShop.builder().customers(300).products(60).events(20_000).seed(7).build();
        assertFalse(plain.interactions().hasTimestamps());
        assertFalse(plain.purchases().hasTimestamps());
        assertEquals(fingerprint(timed), fingerprint(plain));   // the event stream is unchanged
        RatingMatrix m = plain.interactions();
        RatingMatrix stripped = timed.interactions().withoutTimestamps();
        assertEquals(stripped.users(), m.users());
        assertEquals(stripped.items(), m.items());
        for (int u = 0; u < m.userCount(); u++) {
            assertEquals(stripped.userRow(u), m.userRow(u));
        }
        for (int i = 0; i < m.itemCount(); i++) {
            assertEquals(stripped.itemColumn(i), m.itemColumn(i));
        }
        assertEquals(stripped.byItem(), stripped.byUser().transpose());
        long pointers = 4L * (m.userCount() + 1 + m.itemCount() + 1);
        assertEquals(16L * m.size() + pointers, m.memoryBytes());
        assertEquals(24L * m.size() + pointers, timed.interactions().memoryBytes());
    }

    @Test
    void aSmallerPopularityExponentFattensTheLongTail() {
        SyntheticShop zipf = SyntheticShop.builder().customers(2000).products(5000).events(40_000).seed(3).build();
        SyntheticShop flat = SyntheticShop.builder().customers(2000).products(5000).events(40_000).seed(3)
                .popularityExponent(0.7).build();
        assertTrue(touched(flat.interactions()) > touched(zipf.interactions()) * 1.1,
                touched(flat.interactions()) + " vs " + touched(zipf.interactions()) + " products touched");
        SyntheticShop one = SyntheticShop.builder().customers(300).products(60).events(20_000).seed(7)
                .popularityExponent(1.0).build();
        assertEquals(fingerprint(SyntheticShop.builder().customers(300).products(60).events(20_000).seed(7).build()),
                fingerprint(one));
    }

    private static int touched(RatingMatrix m) {
        int n = 0;
        for (int i = 0; i < m.itemCount(); i++) {
            n += m.itemRatingCount(i) > 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void arraysOfIdsAgree() {
        long[] fromCatalog = SHOP.catalog().stream().mapToLong(Product::id).toArray();
        assertArrayEquals(SHOP.products().toArray(), fromCatalog);
    }
}
