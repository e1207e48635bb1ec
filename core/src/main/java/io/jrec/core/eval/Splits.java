package io.jrec.core.eval;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.MovieLens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways to divide one rating matrix into training and test data, all reproducible: every random choice
 * comes from the given seed, so the same matrix and seed give the same splits on every machine.
 *
 * <p>Splits made here keep the source matrix's user and item indices in both halves (they are made
 * with {@link RatingMatrix#select}); users or items whose entries all went to one side are still in
 * the other side's index, with no entries.
 *
 * <p>"Every user keeps training data" (per-user splits, leave-out splits): a user with a single
 * rating keeps it for training and is not tested.
 *
 * @since 0.1.0
 */
public final class Splits {

    private Splits() {
    }

    /**
     * Classic k-fold over ratings: the ratings are shuffled and dealt into {@code k} folds of equal
     * size (±1); split {@code f} tests on fold {@code f} and trains on the rest. A user may end up with
     * no training data in some fold (then models treat them as unknown).
     *
     * @throws IllegalArgumentException if {@code k < 2} or {@code k > m.size()}
     */
    public static List<Split> kFold(RatingMatrix m, int k, long seed) {
        requireFolds(m, k);
        int n = m.size();
        int[] order = permutation(n, new SplittableRandom(seed));
        int[] fold = new int[n];
        for (int r = 0; r < n; r++) {
            fold[order[r]] = r % k;
        }
        return foldsFromAssignment(m, fold, k, "fold");
    }

    /**
     * Per-user k-fold: each user's ratings are shuffled and dealt into the {@code k} folds starting at a
     * random fold, so every fold tests about {@code 1/k} of every user's ratings. Users with fewer than
     * two ratings are never tested; a user with {@code n < k} ratings is tested in {@code n} folds with one
     * rating each. Every tested user keeps at least one training rating in every split.
     *
     * @throws IllegalArgumentException if {@code k < 2} or {@code k > m.size()}
     */
    public static List<Split> perUserKFold(RatingMatrix m, int k, long seed) {
        requireFolds(m, k);
        SplittableRandom random = new SplittableRandom(seed);
        SparseMatrix rows = m.byUser();
        int[] fold = new int[m.size()];
        Arrays.fill(fold, -1);
        for (int u = 0; u < m.userCount(); u++) {
            int start = rows.rowStart(u);
            int size = rows.rowSize(u);
            if (size < 2) {
                continue;
            }
            int[] order = permutation(size, random);
            int offset = random.nextInt(k);
            for (int r = 0; r < size; r++) {
                fold[start + order[r]] = (offset + r) % k;
            }
        }
        return foldsFromAssignment(m, fold, k, "user-fold");
    }

    /**
     * Per-user holdout: for every user with at least two ratings, {@code round(testFraction * n)}
     * random ratings (at most {@code n - 1}) go to the test set; everything else is training data.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in (0, 1)
     */
    public static Split holdout(RatingMatrix m, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SparseMatrix rows = m.byUser();
        BitSet test = new BitSet(m.size());
        for (int u = 0; u < m.userCount(); u++) {
            int size = rows.rowSize(u);
            int count = (int) Math.min(size - 1, Math.round(testFraction * size));
            if (count <= 0) {
                continue;
            }
            int[] order = permutation(size, random);
            for (int r = 0; r < count; r++) {
                test.set(rows.rowStart(u) + order[r]);
            }
        }
        return fromTestSet(m, test, "holdout " + testFraction);
    }

    /**
     * Leave-last-out: for every user with at least two ratings, the rating with the latest timestamp
     * is the test set; among ratings with equal latest timestamps the one with the larger item id is
     * taken, so the split is deterministic.
     *
     * @throws IllegalArgumentException if the matrix has no timestamps
     */
    public static Split leaveLastOut(RatingMatrix m) {
        requireTimestamps(m, "leave-last-out");
        SparseMatrix rows = m.byUser();
        BitSet test = new BitSet(m.size());
        for (int u = 0; u < m.userCount(); u++) {
            if (rows.rowSize(u) < 2) {
                continue;
            }
            int best = rows.rowStart(u);
            for (int k = best + 1; k < rows.rowEnd(u); k++) {
                long t = rows.timestamp(k);
                long bestT = rows.timestamp(best);
                if (t > bestT || (t == bestT
                        && m.items().idAt(rows.column(k)) > m.items().idAt(rows.column(best)))) {
                    best = k;
                }
            }
            test.set(best);
        }
        return fromTestSet(m, test, "leave-last-out");
    }

    /**
     * Leave-one-out at random: for every user with at least two ratings, one rating chosen uniformly at
     * random is the test set.
     */
    public static Split leaveOneOut(RatingMatrix m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SparseMatrix rows = m.byUser();
        BitSet test = new BitSet(m.size());
        for (int u = 0; u < m.userCount(); u++) {
            int size = rows.rowSize(u);
            if (size >= 2) {
                test.set(rows.rowStart(u) + random.nextInt(size));
            }
        }
        return fromTestSet(m, test, "leave-one-out");
    }

    /**
     * A global temporal cut: ratings with timestamp {@code >= cutTimestamp} are the test set, earlier
     * ones the training set. Users who only rated after the cut have no training data.
     *
     * @throws IllegalArgumentException if the matrix has no timestamps
     */
    public static Split temporal(RatingMatrix m, long cutTimestamp) {
        requireTimestamps(m, "a temporal split");
        SparseMatrix rows = m.byUser();
        BitSet test = new BitSet(m.size());
        for (int k = 0; k < m.size(); k++) {
            if (rows.timestamp(k) >= cutTimestamp) {
                test.set(k);
            }
        }
        return fromTestSet(m, test, "temporal >= " + cutTimestamp);
    }

    /**
     * A global temporal cut at the timestamp that puts about {@code testFraction} of the ratings in the
     * test set: the cut is the timestamp of the rating at position {@code ceil((1 - testFraction) * n)}
     * in time order, and all ratings at or after it are tested (ties at the cut all go to the test
     * set, so the fraction can be slightly larger).
     *
     * @throws IllegalArgumentException if the matrix has no timestamps, is empty, or
     *                                  {@code testFraction} is not in (0, 1)
     */
    public static Split temporalFraction(RatingMatrix m, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        requireTimestamps(m, "a temporal split");
        if (m.isEmpty()) {
            throw new IllegalArgumentException("cannot split an empty matrix");
        }
        long[] times = new long[m.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = m.byUser().timestamp(k);
        }
        Arrays.sort(times);
        int cut = (int) Math.min(times.length - 1, Math.ceil((1 - testFraction) * times.length));
        return temporal(m, times[cut]);
    }

    /**
     * Train and test data given separately (e.g. MovieLens {@code u1.base} / {@code u1.test}). The two
     * matrices have their own indices; the evaluator matches them by external id.
     */
    public static Split given(String name, RatingMatrix train, RatingMatrix test) {
        return new Split(name, train, test);
    }

    /**
     * The five given MovieLens 100K folds: {@code u1.base}/{@code u1.test} .. {@code u5.base}/{@code u5.test}
     * in {@code dir}, named {@code "u1"} .. {@code "u5"} (each test file holds a disjoint fifth of
     * {@code u.data}). Train and test have their own indices ({@link #given}).
     *
     * @throws NoSuchFileException if one of the ten files is missing (checked before anything is read)
     * @throws IOException         if a file cannot be read or is malformed (the message names file and line)
     */
    public static List<Split> movieLensFolds(Path dir) throws IOException {
        for (int f = 1; f <= 5; f++) {
            for (String part : new String[] {".base", ".test"}) {
                Path file = dir.resolve("u" + f + part);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString(), null,
                            "MovieLens 100K fold file missing; expected u1.base, u1.test .. u5.base, u5.test in " + dir);
                }
            }
        }
        List<Split> folds = new ArrayList<>(5);
        for (int f = 1; f <= 5; f++) {
            folds.add(given("u" + f, MovieLens.ratings(dir.resolve("u" + f + ".base")),
                    MovieLens.ratings(dir.resolve("u" + f + ".test"))));
        }
        return List.copyOf(folds);
    }

    private static List<Split> foldsFromAssignment(RatingMatrix m, int[] fold, int k, String label) {
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            BitSet test = new BitSet(fold.length);
            for (int p = 0; p < fold.length; p++) {
                if (fold[p] == f) {
                    test.set(p);
                }
            }
            splits.add(fromTestSet(m, test, label + " " + (f + 1) + "/" + k));
        }
        return List.copyOf(splits);
    }

    private static Split fromTestSet(RatingMatrix m, BitSet test, String name) {
        BitSet train = (BitSet) test.clone();
        train.flip(0, m.size());
        return new Split(name, m.select(train), m.select(test));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void requireFolds(RatingMatrix m, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("number of folds k must be >= 2, got " + k);
        }
        if (k > m.size()) {
            throw new IllegalArgumentException("number of folds k = " + k + " exceeds the number of ratings "
                    + m.size());
        }
    }

    private static void requireTimestamps(RatingMatrix m, String what) {
        if (!m.hasTimestamps()) {
            throw new IllegalArgumentException(what + " needs timestamps, but the matrix has none; "
                    + "add ratings with RatingMatrix.Builder.add(user, item, value, timestamp)");
        }
    }
}
