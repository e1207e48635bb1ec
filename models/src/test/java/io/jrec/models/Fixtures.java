package io.jrec.models;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;

import java.util.BitSet;
import java.util.Random;

/** Small data sets shared by the tests of several families (e.g. base data and batches for the incremental updates). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The entries of {@code m} whose CSR position is (or, with {@code complement}, is not) in {@code keep}, rebuilt. */
    public static RatingMatrix subset(RatingMatrix m, BitSet keep, boolean complement) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        SparseMatrix byUser = m.byUser();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                if (keep.get(k) != complement) {
                    b.add(m.users().idAt(u), m.items().idAt(byUser.column(k)), byUser.value(k), byUser.timestamp(k));
                }
            }
        }
        return b.build();
    }

    /** A random share of the positions of {@code m}. */
    public static BitSet sample(RatingMatrix m, int count, long seed) {
        Random random = new Random(seed);
        BitSet s = new BitSet(m.size());
        while (s.cardinality() < count) {
            s.set(random.nextInt(m.size()));
        }
        return s;
    }

    /** A batch of held-out ratings plus a brand-new user, a brand-new item, and a changed old rating. */
    public static RatingMatrix[] baseAndBatch() {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        BitSet held = sample(m, 400, 1);
        RatingMatrix base = subset(m, held, true);
        RatingMatrix held400 = subset(m, held, false);
        RatingMatrix.Builder extra = RatingMatrix.builder();
        extra.add(5_000_000, base.items().idAt(0), 5, 1_800_000_000L).add(5_000_000, 99_999, 4, 1_800_000_000L)
                .add(base.users().idAt(3), 99_999, 2, 1_800_000_000L)
                .add(base.users().idAt(0), base.items().idAt(base.byUser().column(base.byUser().rowStart(0))), 1,
                        1_800_000_001L);
        return new RatingMatrix[]{base, held400.merge(extra.build(), DuplicatePolicy.LAST)};
    }

    /** A random 30 x 20 matrix of 400 draws, ratings 1..5. */
    public static RatingMatrix random30x20() {
        Random rnd = new Random(11);
        RatingMatrix.Builder mb = RatingMatrix.builder();
        for (int k = 0; k < 400; k++) {
            mb.add(rnd.nextInt(30), rnd.nextInt(20), 1 + rnd.nextInt(5));
        }
        return mb.build();
    }
}
