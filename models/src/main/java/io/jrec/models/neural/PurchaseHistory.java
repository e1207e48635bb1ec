package io.jrec.models.neural;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;
import io.jrec.core.data.SyntheticShop.EventType;

import java.util.Arrays;

/** Customer and product aggregates of an event history, read by the feature builder. Immutable. */
final class PurchaseHistory {
    private final ItemFeatures items;
    private final int featureCount;
    /** Per event type (view, cart, purchase): customer x product event counts, latest time. */
    private final RatingMatrix[] counts = new RatingMatrix[3];
    /** Customer x product sum of event weights (1 / 3 / 5), latest time. */
    private final RatingMatrix weights;
    private final long now;

    PurchaseHistory(ItemFeatures items, ShopEvents events) {
        this.items = items;
        this.featureCount = items.featureCount();
        RatingMatrix.Builder[] builders = new RatingMatrix.Builder[3];
        for (int t = 0; t < 3; t++) {
            builders[t] = RatingMatrix.builder().duplicates(DuplicatePolicy.SUM);
        }
        RatingMatrix.Builder weighted = RatingMatrix.builder().duplicates(DuplicatePolicy.SUM);
        for (int k = 0; k < events.size(); k++) {
            long product = events.product(k);
            if (!items.items().contains(product)) {
                continue;
            }
            EventType type = events.type(k);
            builders[type.ordinal()].add(events.customer(k), product, 1.0, events.timestamp(k));
            weighted.add(events.customer(k), product, type.weight(), events.timestamp(k));
        }
        for (int t = 0; t < 3; t++) {
            counts[t] = builders[t].build();
        }
        weights = weighted.build();
        now = events.size() == 0 ? 0 : events.latest();
    }

    /** The unstandardised inputs (see the class comment for the layout). */
    void rawFeatures(long customerId, int product, double[] x, int offset) {
        final int f = featureCount;
        Arrays.fill(x, offset, offset + 2 * f + PurchaseClassifier.EXTRA, 0.0);
        SparseVector item = items.features(product);
        for (int k = 0; k < item.size(); k++) {
            x[offset + item.index(k)] = item.value(k);
        }
        long productId = items.items().idAt(product);
        int at = offset + 2 * f;
        int c = weights.users().indexOf(customerId);
        if (c >= 0) {
            SparseVector row = weights.userRow(c);
            double total = row.sum();
            for (int k = 0; k < row.size(); k++) {
                SparseVector other = items.featuresOf(weights.items().idAt(row.index(k)));
                double w = row.value(k) / total;
                for (int j = 0; j < other.size(); j++) {
                    x[offset + f + other.index(j)] += w * other.value(j);
                }
            }
            x[at] = cosine(x, offset, offset + f, f);
            long last = Long.MIN_VALUE;
            for (int k = 0; k < row.size(); k++) {
                last = Math.max(last, weights.byUser().timestamp(weights.byUser().rowStart(c) + k));
            }
            x[at + 4] = 1;
            x[at + 5] = Math.log1p(Math.max(0, now - last) / 86_400.0);
            int pair = weights.items().indexOf(productId);
            if (pair >= 0 && row.contains(pair)) {
                int position = weights.byUser().rowStart(c) + row.position(pair);
                x[at + 13] = Math.log1p(Math.max(0, now - weights.byUser().timestamp(position)) / 86_400.0);
                x[at + 14] = 1;
            }
        }
        for (int t = 0; t < 3; t++) {
            RatingMatrix m = counts[t];
            int u = m.users().indexOf(customerId);
            int i = m.items().indexOf(productId);
            x[at + 1 + t] = u < 0 ? 0 : Math.log1p(m.userRow(u).sum());
            x[at + 6 + t] = i < 0 ? 0 : Math.log1p(m.itemColumn(i).sum());
            x[at + 10 + t] = u < 0 || i < 0 ? 0 : Math.log1p(m.userRow(u).get(i));
        }
        double views = Math.expm1(x[at + 6]);
        double purchases = Math.expm1(x[at + 8]);
        x[at + 9] = (purchases + 1) / (views + 10);
    }

    private static double cosine(double[] x, int a, int b, int n) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < n; k++) {
            dot += x[a + k] * x[b + k];
            na += x[a + k] * x[a + k];
            nb += x[b + k] * x[b + k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
