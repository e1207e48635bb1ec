package io.jrec.models.content;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;

import java.util.Arrays;

/**
 * The fit-time preparation of {@link ContentBasedRecommender}: the item universe (training items, then
 * the feature items without interactions), the widened training matrix, and the normalised item x
 * feature matrix. Stateless.
 */
final class ContentFit {
    private ContentFit() {
    }

    /**
     * The training items followed by the feature items that have no interactions, in id order.
     *
     * @throws IllegalArgumentException if no training item has features (the ids do not match)
     */
    static IdIndex universe(RatingMatrix train, ItemFeatures features) {
        IdIndex featureItems = features.items();
        IdIndex trainItems = train.items();
        long[] extra = new long[featureItems.size()];
        int extraCount = 0;
        int matched = 0;
        for (int f = 0; f < featureItems.size(); f++) {
            long id = featureItems.idAt(f);
            if (trainItems.indexOf(id) < 0) {
                extra[extraCount++] = id;
            } else {
                matched++;
            }
        }
        if (matched == 0 && train.itemCount() > 0) {
            throw new IllegalArgumentException("none of the " + train.itemCount() + " training items has "
                    + "features (" + featureItems.size() + " feature items): check that both use the same item ids");
        }
        extra = Arrays.copyOf(extra, extraCount);
        Arrays.sort(extra);
        return trainItems.extend(extra);
    }

    /** {@code train} with its item index widened to {@code universe} (which extends it); the ratings unchanged. */
    static RatingMatrix widen(RatingMatrix train, IdIndex universe) {
        SparseMatrix r = train.byUser();
        int users = train.userCount();
        int[] pointers = new int[users + 1];
        int[] columns = new int[r.size()];
        float[] values = new float[r.size()];
        for (int k = 0; k < r.size(); k++) {
            columns[k] = r.column(k);
            values[k] = r.value(k);
        }
        for (int u = 0; u < users; u++) {
            pointers[u + 1] = r.rowEnd(u);
        }
        return RatingMatrix.of(train.users(), universe,
                SparseMatrix.fromCsr(users, universe.size(), pointers, columns, values));
    }

    /** Whether every stored value of {@code train} is the same (unary data, so weighting is RAW under AUTO). */
    static boolean allValuesEqual(RatingMatrix train) {
        SparseMatrix r = train.byUser();
        for (int k = 1; k < r.size(); k++) {
            if (r.value(k) != r.value(0)) {
                return false;
            }
        }
        return true;
    }

    /** Universe items x features: each item's feature row, IDF-weighted if asked, L2-normalised. */
    static SparseMatrix normalisedFeatures(ItemFeatures features, IdIndex universe, boolean idf) {
        SparseMatrix raw = features.byItem();
        int featureCount = features.featureCount();
        double[] factor = new double[featureCount];
        Arrays.fill(factor, 1.0);
        if (idf) {
            // idf_f = ln(N / df_f) over the N items with features; a feature every item has gets 0
            int[] df = new int[featureCount];
            for (int k = 0; k < raw.size(); k++) {
                df[raw.column(k)]++;
            }
            for (int f = 0; f < featureCount; f++) {
                factor[f] = df[f] == 0 ? 0 : Math.log((double) raw.rowCount() / df[f]);
            }
        }
        int n = universe.size();
        int[] pointers = new int[n + 1];
        int[] columns = new int[raw.size()];
        float[] values = new float[raw.size()];
        int size = 0;
        IdIndex featureItems = features.items();
        for (int j = 0; j < n; j++) {
            int row = featureItems.indexOf(universe.idAt(j));
            if (row >= 0) {
                double ss = 0;
                for (int k = raw.rowStart(row); k < raw.rowEnd(row); k++) {
                    double v = raw.value(k) * factor[raw.column(k)];
                    ss += v * v;
                }
                if (ss > 0) {
                    double inv = 1 / Math.sqrt(ss);
                    for (int k = raw.rowStart(row); k < raw.rowEnd(row); k++) {
                        double v = raw.value(k) * factor[raw.column(k)];
                        if (v != 0) {
                            columns[size] = raw.column(k);
                            values[size++] = (float) (v * inv);
                        }
                    }
                }
            }
            pointers[j + 1] = size;
        }
        return SparseMatrix.fromCsr(n, featureCount, pointers, Arrays.copyOf(columns, size),
                Arrays.copyOf(values, size));
    }
}
