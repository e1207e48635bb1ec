package io.jrec.core;

import java.util.Arrays;

/**
 * A sparse score accumulator for one query: scores for the items a user's history reaches, the list of
 * those items in first-touch order, and nothing else. {@link AbstractRecommender} hands one to
 * {@link AbstractRecommender#scoreCandidates} and selects the top N among the touched items only, so a
 * query costs what the user's neighbourhood costs, not what the catalogue costs.
 *
 * <p>Between queries every score is 0 and no item is touched; {@link AbstractRecommender} restores that
 * state after each selection (touched entries only). A score that sums to exactly 0 is not a candidate.
 *
 * <p>Memory: 5 bytes per item (a {@code float} score and a touched flag) plus 4 bytes per touched item.
 * Not thread-safe: {@link AbstractRecommender} keeps one per thread.
 */
public final class CandidateScores {
    private final float[] scores;
    private final boolean[] touched;
    private int[] order = new int[64];
    private int count;

    CandidateScores(int items) {
        this.scores = new float[items];
        this.touched = new boolean[items];
    }

    /** Adds {@code weight} to the score of item index {@code item}, listing the item on first touch. */
    public void add(int item, float weight) {
        if (!touched[item]) {
            touched[item] = true;
            if (count == order.length) {
                order = Arrays.copyOf(order, (int) Math.min(scores.length, 2L * count));
            }
            order[count++] = item;
        }
        scores[item] += weight;
    }

    /** The number of items touched so far. */
    public int size() {
        return count;
    }

    /** The {@code k}-th touched item index, {@code 0 <= k < size()}, in first-touch order. */
    int item(int k) {
        return order[k];
    }

    /** The accumulated score of item index {@code item}; 0 for an untouched item. */
    float score(int item) {
        return scores[item];
    }

    /** Marks a touched item as excluded ({@code NaN}); untouched items are left alone. */
    void exclude(int item) {
        if (touched[item]) {
            scores[item] = Float.NaN;
        }
    }

    /** Back to "nothing touched, every score 0", touching only the touched entries. */
    void clear() {
        for (int k = 0; k < count; k++) {
            int i = order[k];
            scores[i] = 0f;
            touched[i] = false;
        }
        count = 0;
    }
}
