package io.jrec.core.data;

import io.jrec.core.RatingMatrix;

import java.util.Arrays;

/** Not a test: prints summary statistics of the default shop, for eyeballing realism. */
public final class SyntheticShopStats {
    private SyntheticShopStats() {
    }

    public static void main(String[] args) {
        SyntheticShop shop = SyntheticShop.builder().build();
        RatingMatrix m = shop.interactions();
        System.out.println(shop + " interactions " + m + " purchases " + shop.purchases());
        int[] counts = new int[m.itemCount()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = m.itemRatingCount(i);
        }
        Arrays.sort(counts);
        long total = m.size();
        long top = 0;
        for (int k = 0; k < counts.length / 10; k++) {
            top += counts[counts.length - 1 - k];
        }
        System.out.println("top 10% products hold " + (100.0 * top / total) + "% of pairs; max " + counts[counts.length - 1]
                + " median " + counts[counts.length / 2] + " min " + counts[0]);
        long[] types = new long[3];
        shop.forEachEvent((c, p, t, ts) -> types[t.ordinal()]++);
        System.out.println("views " + types[0] + " carts " + types[1] + " purchases " + types[2]);
        int active = 0;
        for (int u = 0; u < m.userCount(); u++) {
            if (m.userRatingCount(u) > 0) active++;
        }
        System.out.println("active customers " + active);
        System.out.println(shop.catalog().subList(0, 5));
        System.out.println(shop.customer(shop.customers().idAt(0)));
        System.out.println(shop.features());
        RatingMatrix bought = shop.purchases();
        java.util.Map<String, Integer> size = new java.util.HashMap<>();
        for (SyntheticShop.Product p : shop.catalog()) {
            size.merge(p.category(), 1, Integer::sum);
        }
        double in = 0;
        double chance = 0;
        double band = 0;
        double pairs = 0;
        for (int u = 0; u < bought.userCount(); u++) {
            SyntheticShop.Customer c = shop.customer(bought.users().idAt(u));
            double share = 0;
            for (String cat : c.preferredCategories()) {
                share += size.get(cat) / (double) shop.catalog().size();
            }
            for (int k = 0; k < bought.userRow(u).size(); k++) {
                SyntheticShop.Product p = shop.catalog().get(bought.userRow(u).index(k));
                pairs++;
                chance += share;
                in += c.preferredCategories().contains(p.category()) ? 1 : 0;
                band += p.priceBand().equals(c.priceBand()) ? 1 : 0;
            }
        }
        System.out.printf("purchased pairs in a preferred category %.3f (chance %.3f); in the preferred band %.3f%n",
                in / pairs, chance / pairs, band / pairs);
    }
}
