package io.jrec.models.neural;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.SparseVector;

import java.util.SplittableRandom;

/** Positives in CSR order plus freshly sampled negatives, shuffled, reused across epochs. */
final class NeuMfExamples {
    final RatingMatrix train;
    final int negatives;
    final int[] users;
    final int[] items;
    final byte[] labels;

    NeuMfExamples(RatingMatrix train, int negatives) {
        this.train = train;
        this.negatives = negatives;
        int capacity = Math.multiplyExact(train.size(), 1 + negatives);
        users = new int[capacity];
        items = new int[capacity];
        labels = new byte[capacity];
    }

    /** Fills the arrays for one epoch and returns the number of examples. */
    int sample(SplittableRandom random) {
        SparseMatrix rows = train.byUser();
        int itemCount = train.itemCount();
        int n = 0;
        for (int u = 0; u < train.userCount(); u++) {
            SparseVector seen = train.userRow(u);
            boolean canSample = seen.size() < itemCount;
            for (int k = rows.rowStart(u); k < rows.rowEnd(u); k++) {
                users[n] = u;
                items[n] = rows.column(k);
                labels[n++] = 1;
                for (int t = 0; canSample && t < negatives; t++) {
                    int j;
                    do {
                        j = random.nextInt(itemCount);
                    } while (seen.contains(j));
                    users[n] = u;
                    items[n] = j;
                    labels[n++] = 0;
                }
            }
        }
        for (int k = n - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int tu = users[k];
            users[k] = users[r];
            users[r] = tu;
            int ti = items[k];
            items[k] = items[r];
            items[r] = ti;
            byte tl = labels[k];
            labels[k] = labels[r];
            labels[r] = tl;
        }
        return n;
    }
}
