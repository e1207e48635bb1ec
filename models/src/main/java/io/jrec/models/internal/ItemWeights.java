package io.jrec.models.internal;

import io.jrec.core.CandidateScores;
import io.jrec.core.SparseMatrix;

import java.util.Arrays;

/**
 * Scoring with a sparse item-item weight matrix W kept row by row ({@code start}, {@code target},
 * {@code weight}, CSR): a user's score for item j is {@code sum over the user's items i of x_ui W_ij},
 * with {@code x_ui} 1 for binary models or the stored value. Shared by the models whose fitted state is
 * such a W (RP3beta, sparse EASE); not API.
 *
 * <p>Stateless and thread-safe; the arrays are read, never written.
 */
public final class ItemWeights {
    private ItemWeights() {
    }

    /** The number of weights a query for {@code user} touches: the summed row lengths of the user's items. */
    public static long candidateWork(SparseMatrix byUser, int user, int[] start) {
        long work = 0;
        for (int k = byUser.rowStart(user), end = byUser.rowEnd(user); k < end; k++) {
            int i = byUser.column(k);
            work += start[i + 1] - start[i];
        }
        return work;
    }

    /** Adds the user's score for every item reached through the user's rows of W to {@code scores}. */
    public static void scoreCandidates(SparseMatrix byUser, int user, boolean binary, int[] start, int[] target,
            float[] weight, CandidateScores scores) {
        for (int k = byUser.rowStart(user), end = byUser.rowEnd(user); k < end; k++) {
            int i = byUser.column(k);
            float x = binary ? 1f : byUser.value(k);
            for (int p = start[i], stop = start[i + 1]; p < stop; p++) {
                scores.add(target[p], x * weight[p]);
            }
        }
    }

    /** Fills {@code scores} (one per item) with the user's scores; items no row reaches get NaN. */
    public static void scoreAll(SparseMatrix byUser, int user, boolean binary, int[] start, int[] target,
            float[] weight, float[] scores) {
        Arrays.fill(scores, 0f);
        for (int k = byUser.rowStart(user), end = byUser.rowEnd(user); k < end; k++) {
            int i = byUser.column(k);
            float x = binary ? 1f : byUser.value(k);
            for (int p = start[i], stop = start[i + 1]; p < stop; p++) {
                scores[target[p]] += x * weight[p];
            }
        }
        for (int j = 0; j < scores.length; j++) {
            if (scores[j] == 0f) {
                scores[j] = Float.NaN;
            }
        }
    }
}
