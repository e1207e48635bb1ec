package io.jrec.core.tune;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import it.unimi.dsi.fastutil.ints.IntArrays;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link Tuner} carves validation data out of the training matrix it was given. The tuner never
 * sees any other data: whatever the caller holds back as a test set stays unseen, and the figures a
 * search reports are validation figures.
 *
 * <ul>
 *   <li>{@link #perUser(double, long)} ({@code user:0.2}): for every user with at least two ratings,
 *       {@code round(f n)} random ratings (at most {@code n - 1}) are validation data
 *       ({@link Splits#holdout}).</li>
 *   <li>{@link #temporal(double)} ({@code temporal:0.2}): for every user with at least two ratings, the
 *       latest {@code round(f n)} (at most {@code n - 1}) by timestamp, ties by larger item id.</li>
 *   <li>{@link #globalCut(double)} ({@code cut:0.2}): one global time cut, the latest fraction of all
 *       ratings ({@link Splits#temporalFraction}).</li>
 *   <li>{@link #kFold(int, long)} ({@code kfold:5}): per-user k-fold ({@link Splits#perUserKFold}); a
 *       trial's score is the mean over the k folds, at k times the cost.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the same training matrix and seed give the same splits.
 *
 * @since 0.1.0
 */
public final class Validation {
    private enum Kind { USER, TEMPORAL, CUT, KFOLD }

    private final Kind kind;
    private final double fraction;
    private final int folds;
    private final long seed;

    private Validation(Kind kind, double fraction, int folds, long seed) {
        this.kind = kind;
        this.fraction = fraction;
        this.folds = folds;
        this.seed = seed;
    }

    /**
     * A random fraction of every user's ratings.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
     */
    public static Validation perUser(double fraction, long seed) {
        return new Validation(Kind.USER, requireFraction(fraction), 0, seed);
    }

    /**
     * The latest fraction of every user's ratings (needs timestamps).
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
     */
    public static Validation temporal(double fraction) {
        return new Validation(Kind.TEMPORAL, requireFraction(fraction), 0, 0);
    }

    /**
     * The latest fraction of all ratings, at one global time cut (needs timestamps).
     *
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
     */
    public static Validation globalCut(double fraction) {
        return new Validation(Kind.CUT, requireFraction(fraction), 0, 0);
    }

    /**
     * Per-user k-fold cross-validation.
     *
     * @throws IllegalArgumentException if {@code k < 2}
     */
    public static Validation kFold(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold validation needs k >= 2, got " + k);
        }
        return new Validation(Kind.KFOLD, 0, k, seed);
    }

    /**
     * Reads {@code user:F}, {@code temporal:F}, {@code cut:F} (F in (0, 1)) or {@code kfold:K}; random
     * choices use {@code seed}.
     *
     * @throws IllegalArgumentException for anything else, saying what is accepted
     */
    public static Validation parse(String text, long seed) {
        String accepted = "; expected user:F, temporal:F, cut:F (F in (0, 1), e.g. user:0.2) or kfold:K (K >= 2)";
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("unknown validation '" + text + "'" + accepted);
        }
        String kind = t.substring(0, colon);
        String arg = t.substring(colon + 1);
        try {
            return switch (kind) {
                case "user" -> perUser(Double.parseDouble(arg), seed);
                case "temporal" -> temporal(Double.parseDouble(arg));
                case "cut" -> globalCut(Double.parseDouble(arg));
                case "kfold" -> kFold(Integer.parseInt(arg), seed);
                default -> throw new IllegalArgumentException("unknown validation '" + text + "'" + accepted);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("validation '" + text + "' has a bad number '" + arg + "'" + accepted);
        }
    }

    /**
     * The validation splits of {@code train}: each split's training and validation parts are disjoint
     * subsets of {@code train} (same indices).
     *
     * @throws IllegalArgumentException if {@code train} is empty, has too few ratings for the folds, has
     *                                  no timestamps for a temporal validation, or a split leaves no
     *                                  validation data
     */
    public List<Split> splits(RatingMatrix train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("cannot carve validation data out of an empty training matrix");
        }
        List<Split> splits = switch (kind) {
            case USER -> List.of(rename(Splits.holdout(train, fraction, seed)));
            case TEMPORAL -> List.of(latestPerUser(train));
            case CUT -> List.of(rename(Splits.temporalFraction(train, fraction)));
            case KFOLD -> Splits.perUserKFold(train, folds, seed);
        };
        for (Split s : splits) {
            if (s.test().isEmpty() || s.train().isEmpty()) {
                throw new IllegalArgumentException("validation " + this + " leaves " + (s.test().isEmpty()
                        ? "no validation data" : "no training data") + " in " + s.name() + " (" + train.size()
                        + " ratings, " + train.userCount() + " users); users need at least two ratings");
            }
        }
        return splits;
    }

    private Split rename(Split s) {
        return new Split("validation " + this, s.train(), s.test());
    }

    private Split latestPerUser(RatingMatrix m) {
        if (!m.hasTimestamps()) {
            throw new IllegalArgumentException("temporal validation needs timestamps, but the training matrix has"
                    + " none; use user:F or kfold:K");
        }
        SparseMatrix rows = m.byUser();
        BitSet test = new BitSet(m.size());
        for (int u = 0; u < m.userCount(); u++) {
            int start = rows.rowStart(u);
            int size = rows.rowSize(u);
            int count = (int) Math.min(size - 1, Math.round(fraction * size));
            if (count <= 0) {
                continue;
            }
            int[] order = new int[size];   // positions of the row, earliest first, ties by item id
            for (int k = 0; k < size; k++) {
                order[k] = start + k;
            }
            IntArrays.quickSort(order, (a, b) -> compareTime(m, a, b));
            for (int k = size - count; k < size; k++) {
                test.set(order[k]);
            }
        }
        BitSet trainSet = (BitSet) test.clone();
        trainSet.flip(0, m.size());
        return new Split("validation " + this, m.select(trainSet), m.select(test));
    }

    /** Orders two by-user positions by timestamp, then by item id. */
    private static int compareTime(RatingMatrix m, int a, int b) {
        SparseMatrix rows = m.byUser();
        int c = Long.compare(rows.timestamp(a), rows.timestamp(b));
        return c != 0 ? c : Long.compare(m.items().idAt(rows.column(a)), m.items().idAt(rows.column(b)));
    }

    /** {@code "user:0.2"}, {@code "temporal:0.2"}, {@code "cut:0.2"} or {@code "kfold:5"}; parseable. */
    @Override
    public String toString() {
        return switch (kind) {
            case USER -> "user:" + SearchSpace.format(fraction);
            case TEMPORAL -> "temporal:" + SearchSpace.format(fraction);
            case CUT -> "cut:" + SearchSpace.format(fraction);
            case KFOLD -> "kfold:" + folds;
        };
    }

    private static double requireFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        return fraction;
    }
}
