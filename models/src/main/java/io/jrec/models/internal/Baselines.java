package io.jrec.models.internal;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;
import java.util.Arrays;

/**
 * Fitted baseline estimates {@code b_ui = mu + b_u + b_i} (Koren 2010, section 2.1), shared by
 * {@code BaselinePredictor} (package {@code baseline}) and the baseline-centred neighbourhood models
 * (package {@code knn}). <b>Internal:</b> public only because two model families use it; not part of
 * jrec's API, it may change without notice. Immutable, thread-safe.
 *
 * <p>The biases minimise the regularised objective
 * {@code sum (r_ui - mu - b_u - b_i)^2 + lambdaItem * sum b_i^2 + lambdaUser * sum b_u^2} by alternating
 * exact block updates (block coordinate descent); each round sets
 * <pre>
 *   b_i = sum_{u in R(i)} (r_ui - mu - b_u) / (lambdaItem + |R(i)|)     for every item, then
 *   b_u = sum_{i in R(u)} (r_ui - mu - b_i) / (lambdaUser + |R(u)|)     for every user,
 * </pre>
 * and the rounds stop once the largest absolute change of any bias in a round is below
 * {@link #TOLERANCE} (or after a cap of rounds). A user or item without ratings keeps bias 0.
 *
 * <p><b>Accuracy.</b> With both lambdas {@code > 0} the objective is strictly convex, so its minimiser
 * is unique and does not depend on the starting point. One round, seen as a map of the user biases,
 * is a contraction in the maximum norm with factor {@code rho = rho_i * rho_u}, where
 * {@code rho_i = max_i |R(i)| / (lambdaItem + |R(i)|)} and {@code rho_u = max_u |R(u)| / (lambdaUser + |R(u)|)};
 * hence when a round changes no bias by more than {@code tol}, every bias is within {@code tol / (1 - rho)}
 * of the minimiser (see {@link #errorBound}). On MovieLens 100K (lambdas 5) {@code 1 - rho} is about
 * 0.015, so the bound is about {@code 7e-6}. With a lambda of 0 the minimiser is not unique (a
 * constant can move between user and item biases) and the result depends on the start.
 *
 * @since 0.1.0
 */
public final class Baselines {
    /** A fit stops after the first round in which no bias changes by this much or more. */
    public static final double TOLERANCE = 1e-7;
    /** The default cap on rounds; reached only when a lambda is (nearly) 0 or the data is huge and dense. */
    public static final int MAX_ROUNDS = 1000;

    private final double mu;
    private final double[] userBias;
    private final double[] itemBias;
    /** Rounds the fit ran (0 if read from a file). */
    private final int rounds;

    private Baselines(double mu, double[] userBias, double[] itemBias, int rounds) {
        this.mu = mu;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.rounds = rounds;
    }

    /** Fits the biases from zero, with at most {@link #MAX_ROUNDS} rounds; {@code train} must not be empty. */
    public static Baselines fit(RatingMatrix train, double lambdaItem, double lambdaUser) {
        return fit(train, lambdaItem, lambdaUser, MAX_ROUNDS);
    }

    /** Fits the biases from zero, with at most {@code maxRounds} rounds; {@code train} must not be empty. */
    public static Baselines fit(RatingMatrix train, double lambdaItem, double lambdaUser, int maxRounds) {
        return solve(train, lambdaItem, lambdaUser, maxRounds,
                new double[train.userCount()], new double[train.itemCount()]);
    }

    /**
     * Fits the biases on {@code merged}, which extends the data these baselines were fitted on (old
     * indices kept, new users and items appended), starting from these biases (new ones from 0). With
     * both lambdas {@code > 0} this reaches the same minimiser as {@link #fit} on {@code merged}, within
     * {@link #errorBound} of it, in fewer rounds when the batch is small.
     */
    public Baselines warmStart(RatingMatrix merged, double lambdaItem, double lambdaUser, int maxRounds) {
        return solve(merged, lambdaItem, lambdaUser, maxRounds,
                Arrays.copyOf(userBias, merged.userCount()), Arrays.copyOf(itemBias, merged.itemCount()));
    }

    private static Baselines solve(RatingMatrix train, double lambdaItem, double lambdaUser, int maxRounds,
                                   double[] bu, double[] bi) {
        final double mu = train.globalMean();
        final SparseMatrix byUser = train.byUser();
        final SparseMatrix byItem = train.byItem();
        int rounds = 0;
        double change = Double.POSITIVE_INFINITY;
        while (rounds < maxRounds && change >= TOLERANCE) {
            change = Math.max(round(byItem, mu, bu, bi, lambdaItem), round(byUser, mu, bi, bu, lambdaUser));
            rounds++;
        }
        return new Baselines(mu, bu, bi, rounds);
    }

    /**
     * One block update: {@code target[r] = sum_k (value - mu - other[column]) / (lambda + |row r|)} for
     * every row of {@code rows}; returns the largest absolute change.
     */
    private static double round(SparseMatrix rows, double mu, double[] other, double[] target, double lambda) {
        double change = 0;
        for (int r = 0; r < target.length; r++) {
            int start = rows.rowStart(r);
            int end = rows.rowEnd(r);
            double sum = 0;
            for (int k = start; k < end; k++) {
                sum += rows.value(k) - mu - other[rows.column(k)];
            }
            double b = end > start ? sum / (lambda + (end - start)) : 0;
            change = Math.max(change, Math.abs(b - target[r]));
            target[r] = b;
        }
        return change;
    }

    /**
     * {@code tol / (1 - rho)} (see the class comment): how far from the exact minimiser a fit on
     * {@code train} that stopped on the tolerance {@code tol} can be, in any single bias; infinite when a
     * lambda is 0.
     */
    public static double errorBound(RatingMatrix train, double lambdaItem, double lambdaUser, double tol) {
        double rho = contraction(train.byItem(), lambdaItem) * contraction(train.byUser(), lambdaUser);
        return rho < 1 ? tol / (1 - rho) : Double.POSITIVE_INFINITY;
    }

    private static double contraction(SparseMatrix rows, double lambda) {
        int longest = 0;
        for (int r = 0; r < rows.rowCount(); r++) {
            longest = Math.max(longest, rows.rowSize(r));
        }
        return longest / (lambda + longest);
    }

    /** The global mean {@code mu}. */
    public double mu() {
        return mu;
    }

    /** The bias of user index {@code u}. */
    public double userBias(int u) {
        return userBias[u];
    }

    /** The bias of item index {@code i}. */
    public double itemBias(int i) {
        return itemBias[i];
    }

    /** The rounds the fit ran (0 if read from a file). */
    public int rounds() {
        return rounds;
    }

    /** {@code mu + b_u + b_i}. */
    public double estimate(int u, int i) {
        return mu + userBias[u] + itemBias[i];
    }

    /**
     * Checks a regularisation setting.
     *
     * @throws IllegalArgumentException "{@code setting} must be a finite number >= 0, got ..." otherwise
     */
    public static void checkLambda(String setting, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(setting + " must be a finite number >= 0, got " + value);
        }
    }

    /** Writes optional baselines: a presence flag, then mu, the user biases and the item biases. */
    public static void writeOptional(Baselines b, ModelOutput out) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            out.writeDouble(b.mu);
            out.writeDoubles(b.userBias);
            out.writeDoubles(b.itemBias);
        }
    }

    /** Reads what {@link #writeOptional} wrote (null if absent), checking the lengths against {@code train}. */
    public static Baselines readOptional(ModelInput in, RatingMatrix train) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        double mu = in.readDouble();
        double[] userBias = in.readDoubles();
        double[] itemBias = in.readDoubles();
        in.check(userBias.length == train.userCount() && itemBias.length == train.itemCount(),
                "baselines for " + userBias.length + " users and " + itemBias.length + " items, expected " + train);
        return new Baselines(mu, userBias, itemBias, 0);
    }
}
