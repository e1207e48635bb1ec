package io.jrec.models.content;

import io.jrec.core.IdIndex;
import io.jrec.core.SparseMatrix;

import java.util.Arrays;

/**
 * A user's or session's profile in both of the model's spaces: dense over features (with the list of
 * touched features, so clearing is cheap) and dense over the vector dimensions. Each part is the mean of
 * the weighted parts of the items that have it. Not thread-safe: the model keeps one per thread.
 */
final class ContentProfile {
    final double[] weight;
    final boolean[] listed;
    final int[] touched;
    int touchedCount;
    double norm;
    final double[] vector;
    double vectorNorm;

    ContentProfile(int features, int dimension) {
        weight = new double[features];
        listed = new boolean[features];
        touched = new int[features];
        vector = new double[dimension];
    }

    void add(SparseMatrix x, int item, double w) {
        for (int k = x.rowStart(item), end = x.rowEnd(item); k < end; k++) {
            int f = x.column(k);
            if (!listed[f]) {
                listed[f] = true;
                touched[touchedCount++] = f;
            }
            weight[f] += w * x.value(k);
        }
    }

    /**
     * Fills this (cleared) profile with user {@code u}'s profile (see {@link ContentBasedRecommender}):
     * per part, the mean of the feature rows (vectors) of the user's items that have one, each weighted
     * by the rating ({@code RAW}) or the rating minus the user's mean ({@code CENTERED}; uniform weights
     * when all the user's ratings are equal).
     */
    void fillFromUser(SparseMatrix byUser, int u, ContentScorer items, ContentBasedRecommender.Weighting weighting) {
        int start = byUser.rowStart(u), end = byUser.rowEnd(u);
        double mean = 0;
        if (weighting == ContentBasedRecommender.Weighting.CENTERED) {
            double sum = 0;
            boolean allEqual = true;
            for (int k = start; k < end; k++) {
                sum += byUser.value(k);
                allEqual &= byUser.value(k) == byUser.value(start);
            }
            mean = allEqual ? Double.NaN : sum / (end - start);   // NaN: uniform weights
        }
        int withFeatures = 0;
        int withVectors = 0;
        for (int k = start; k < end; k++) {
            int i = byUser.column(k);
            double w = weighting == ContentBasedRecommender.Weighting.RAW ? byUser.value(k)
                    : mean != mean ? 1.0 : byUser.value(k) - mean;
            if (items.hasFeatures(i)) {
                add(items.features, i, w);
                withFeatures++;
            }
            if (vector.length > 0 && items.hasVector(i)) {
                items.addVector(i, w, vector);
                withVectors++;
            }
        }
        finish(withFeatures, withVectors);
    }

    /**
     * Fills this (cleared) profile from a session: the weights as given, over the items the model knows
     * ({@code index}); unknown ids and items without features (vectors) are left out of that part.
     */
    void fillFromSession(IdIndex index, long[] itemIds, float[] weights, ContentScorer items) {
        int withFeatures = 0;
        int withVectors = 0;
        for (int k = 0; k < itemIds.length; k++) {
            int i = index.indexOf(itemIds[k]);
            if (i < 0) {
                continue;
            }
            if (items.hasFeatures(i)) {
                add(items.features, i, weights[k]);
                withFeatures++;
            }
            if (vector.length > 0 && items.hasVector(i)) {
                items.addVector(i, weights[k], vector);
                withVectors++;
            }
        }
        finish(withFeatures, withVectors);
    }

    /** Divides each part by its item count (the mean) and computes the norms. */
    private void finish(int withFeatures, int withVectors) {
        double ss = 0;
        for (int t = 0; t < touchedCount; t++) {
            int f = touched[t];
            weight[f] /= withFeatures;
            ss += weight[f] * weight[f];
        }
        norm = Math.sqrt(ss);
        ss = 0;
        for (int d = 0; d < vector.length && withVectors > 0; d++) {
            vector[d] /= withVectors;
            ss += vector[d] * vector[d];
        }
        vectorNorm = Math.sqrt(ss);
    }

    void clear() {
        for (int t = 0; t < touchedCount; t++) {
            weight[touched[t]] = 0;
            listed[touched[t]] = false;
        }
        touchedCount = 0;
        norm = 0;
        Arrays.fill(vector, 0);
        vectorNorm = 0;
    }
}
