package io.jrec.models.neural;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.SparseVector;

/** The held-out hit rate NeuMF reports (and early-stops on) during training. Stateless. */
final class NeuMfValidation {
    private NeuMfValidation() {
    }

    /**
     * HR@n of {@code model} on held-out pairs (NeuMF's validation during training): the share of
     * (user, item) pairs of {@code heldOut} (by external ids; pairs with an id unknown to the training
     * data, or already in the user's training row, are skipped) whose item is among the user's
     * {@code n} best-scored items not in the training row.
     */
    static double hitRate(NeuralCollaborativeFiltering model, RatingMatrix heldOut, int n) {
        RatingMatrix train = model.trainingData();
        long hits = 0;
        long pairs = 0;
        float[] scores = new float[train.itemCount()];
        SparseMatrix rows = heldOut.byUser();
        for (int v = 0; v < heldOut.userCount(); v++) {
            int u = train.users().indexOf(heldOut.users().idAt(v));
            if (u < 0 || rows.rowSize(v) == 0) {
                continue;
            }
            model.scoreItems(u, scores);
            SparseVector seen = train.userRow(u);
            for (int k = 0; k < seen.size(); k++) {
                scores[seen.index(k)] = Float.NaN;
            }
            for (int k = rows.rowStart(v); k < rows.rowEnd(v); k++) {
                int i = train.items().indexOf(heldOut.items().idAt(rows.column(k)));
                if (i < 0 || seen.contains(i)) {
                    continue;
                }
                pairs++;
                // rank as TopN orders: higher score first, ties by lower index; NaN (seen) never ranks
                float target = scores[i];
                int better = 0;
                for (int j = 0; j < scores.length && better < n; j++) {
                    if (scores[j] > target || (scores[j] == target && j < i)) {
                        better++;
                    }
                }
                if (better < n) {
                    hits++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : (double) hits / pairs;
    }
}
