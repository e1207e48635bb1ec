package io.jrec.models.content;

import io.jrec.core.SparseMatrix;

/** A dense profile over features with the list of touched features, so clearing is cheap. */
final class ContentProfile {
    final double[] weight;
    final boolean[] listed;
    final int[] touched;
    int touchedCount;
    double norm;

    ContentProfile(int features) {
        weight = new double[features];
        listed = new boolean[features];
        touched = new int[features];
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
     * the mean of the feature rows of the user's items with features, each weighted by the rating
     * ({@code RAW}) or the rating minus the user's mean ({@code CENTERED}; uniform weights when all the
     * user's ratings are equal).
     */
    void fillFromUser(SparseMatrix byUser, int u, SparseMatrix itemFeatures,
                      ContentBasedRecommender.Weighting weighting) {
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
        int counted = 0;
        for (int k = start; k < end; k++) {
            int i = byUser.column(k);
            if (itemFeatures.rowSize(i) == 0) {
                continue;
            }
            double w = weighting == ContentBasedRecommender.Weighting.RAW ? byUser.value(k)
                    : mean != mean ? 1.0 : byUser.value(k) - mean;
            add(itemFeatures, i, w);
            counted++;
        }
        finish(counted);
    }

    /** Divides by the item count (the mean) and computes the norm. */
    void finish(int count) {
        double ss = 0;
        for (int t = 0; t < touchedCount; t++) {
            int f = touched[t];
            weight[f] /= count;
            ss += weight[f] * weight[f];
        }
        norm = Math.sqrt(ss);
    }

    void clear() {
        for (int t = 0; t < touchedCount; t++) {
            weight[touched[t]] = 0;
            listed[touched[t]] = false;
        }
        touchedCount = 0;
        norm = 0;
    }
}
