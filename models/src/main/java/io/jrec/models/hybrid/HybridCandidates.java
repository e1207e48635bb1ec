package io.jrec.models.hybrid;

import io.jrec.core.Recommendations;
import io.jrec.core.ScoredItem;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Per-thread candidate accumulator: item id -> slot; per slot the blended partial score, and the
 * weighted normalised scores and weights of the members that listed it (for new items).
 */
final class HybridCandidates {
    private final Long2IntOpenHashMap slotOf = new Long2IntOpenHashMap();
    private long[] ids = new long[256];
    private double[] scores = new double[256];
    private double[] listedScore = new double[256];    // sum of w * z over the members that listed the slot
    private double[] listedWeight = new double[256];   // sum of their w
    private double totalWeight;                        // sum of w over the non-empty lists
    private int size;

    HybridCandidates() {
        slotOf.defaultReturnValue(-1);
    }

    void clear() {
        slotOf.clear();
        size = 0;
        totalWeight = 0;
    }

    private void add(long itemId, double score, double listed, double w) {
        int slot = slotOf.putIfAbsent(itemId, size);
        if (slot < 0) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                scores = Arrays.copyOf(scores, 2 * size);
                listedScore = Arrays.copyOf(listedScore, 2 * size);
                listedWeight = Arrays.copyOf(listedWeight, 2 * size);
            }
            slot = size++;
            ids[slot] = itemId;
            scores[slot] = 0;
            listedScore[slot] = 0;
            listedWeight[slot] = 0;
        }
        scores[slot] += score;
        listedScore[slot] += listed;
        listedWeight[slot] += w;
    }

    /**
     * Adds one member's list with weight {@code w}: its scores normalised ({@code z(s) = (s - shift) * scale},
     * min-max or z-score over the list; a constant list gives 0) and shifted so that an item the list
     * does not hold gets 0; returns what every candidate gets from this member for not being listed,
     * {@code w * z(min)}, which the caller adds to all.
     */
    double addList(Recommendations list, double w, HybridRecommender.Normalization normalization) {
        int size = list.size();
        if (size == 0) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int k = 0; k < size; k++) {
            double s = list.get(k).score();
            min = Math.min(min, s);
            max = Math.max(max, s);
            sum += s;
        }
        double shift;   // z(s) = (s - shift) * scale
        double scale;
        if (max == min) {
            shift = min;
            scale = 0;
        } else if (normalization == HybridRecommender.Normalization.MIN_MAX) {
            shift = min;
            scale = 1 / (max - min);
        } else {
            double mean = sum / size, ss = 0;
            for (int k = 0; k < size; k++) {
                double d = list.get(k).score() - mean;
                ss += d * d;
            }
            shift = mean;
            scale = 1 / Math.sqrt(ss / size);
        }
        double missing = (min - shift) * scale;
        for (int k = 0; k < size; k++) {
            ScoredItem item = list.get(k);
            double z = (item.score() - shift) * scale;
            add(item.itemId(), w * (z - missing), w * z, w);
        }
        totalWeight += w;
        return w * missing;
    }

    /**
     * The best n slots by (score desc, id asc), each score plus {@code base}; the items {@code isNew}
     * accepts (null: none) are scored {@code totalWeight * listedScore / listedWeight} instead.
     */
    Recommendations best(int n, double base, String source, LongPredicate isNew) {
        int k = Math.min(n, size);
        long[] topIds = new long[k];
        double[] topScores = new double[k];
        int kept = 0;
        for (int s = 0; s < size; s++) {
            long id = ids[s];
            double score = isNew != null && listedWeight[s] > 0 && isNew.test(id)
                    ? totalWeight * listedScore[s] / listedWeight[s] - base : scores[s];
            if (kept == k && !before(score, id, topScores[k - 1], topIds[k - 1])) {
                continue;
            }
            int pos = kept < k ? kept++ : k - 1;    // insertion into the sorted prefix
            while (pos > 0 && before(score, id, topScores[pos - 1], topIds[pos - 1])) {
                topIds[pos] = topIds[pos - 1];
                topScores[pos] = topScores[pos - 1];
                pos--;
            }
            topIds[pos] = id;
            topScores[pos] = score;
        }
        ScoredItem[] out = new ScoredItem[kept];
        for (int r = 0; r < kept; r++) {
            out[r] = new ScoredItem(topIds[r], topScores[r] + base);
        }
        return Recommendations.of(Arrays.asList(out), source);
    }

    private static boolean before(double scoreA, long idA, double scoreB, long idB) {
        return scoreA > scoreB || (scoreA == scoreB && idA < idB);
    }
}
