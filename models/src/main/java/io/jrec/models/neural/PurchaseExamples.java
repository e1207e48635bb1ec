package io.jrec.models.neural;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.data.SyntheticShop.EventType;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Labelled (customer, product) examples of one event window. */
final class PurchaseExamples {
    final long[] customers;
    final int[] products;
    final boolean[] labels;
    final int size;

    private PurchaseExamples(long[] customers, int[] products, boolean[] labels, int size) {
        this.customers = customers;
        this.products = products;
        this.labels = labels;
        this.size = size;
    }

    /** Touched pairs of the window in first-touch order (label: bought), each followed by its negatives. */
    static PurchaseExamples of(ItemFeatures items, ShopEvents window, int negatives, SplittableRandom random) {
        IdIndex catalogue = items.items();
        // first pass: distinct touched pairs and which were bought; key = customer slot x products + product
        IdIndex customerIndex = IdIndex.sortedDistinct(distinctCustomers(window));
        long productCount = catalogue.size();
        LongOpenHashSet touched = new LongOpenHashSet();
        LongOpenHashSet bought = new LongOpenHashSet();
        long[] order = new long[16];
        int pairs = 0;
        for (int k = 0; k < window.size(); k++) {
            int p = catalogue.indexOf(window.product(k));
            if (p < 0) {
                continue;
            }
            long key = customerIndex.indexOf(window.customer(k)) * productCount + p;
            if (touched.add(key)) {
                if (pairs == order.length) {
                    order = Arrays.copyOf(order, pairs * 2);
                }
                order[pairs++] = key;
            }
            if (window.type(k) == EventType.PURCHASE) {
                bought.add(key);
            }
        }
        int capacity = Math.multiplyExact(pairs, 1 + negatives);
        long[] customers = new long[capacity];
        int[] products = new int[capacity];
        boolean[] labels = new boolean[capacity];
        int n = 0;
        for (int k = 0; k < pairs; k++) {
            long key = order[k];
            int c = (int) (key / productCount);
            long customer = customerIndex.idAt(c);
            customers[n] = customer;
            products[n] = (int) (key % productCount);
            labels[n++] = bought.contains(key);
            for (int t = 0; t < negatives; t++) {
                int p;
                int tries = 0;
                do {
                    p = random.nextInt((int) productCount);
                } while (touched.contains(c * productCount + p) && ++tries < 100);
                if (tries == 100) {
                    break; // the customer touched (nearly) the whole catalogue
                }
                customers[n] = customer;
                products[n] = p;
                labels[n++] = false;
            }
        }
        return new PurchaseExamples(customers, products, labels, n);
    }

    private static long[] distinctCustomers(ShopEvents window) {
        long[] ids = new long[window.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = window.customer(k);
        }
        Arrays.sort(ids);
        int n = 0;
        for (int k = 0; k < ids.length; k++) {
            if (k == 0 || ids[k] != ids[k - 1]) {
                ids[n++] = ids[k];
            }
        }
        return Arrays.copyOf(ids, n);
    }
}
