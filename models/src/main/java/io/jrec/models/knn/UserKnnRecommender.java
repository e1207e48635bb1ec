package io.jrec.models.knn;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.Baselines;
import io.jrec.models.internal.MemoryGuard;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Similarity;

import java.util.Arrays;
import java.util.Objects;

/**
 * User-based neighbourhood collaborative filtering (Resnick et al., "GroupLens", CSCW 1994;
 * Herlocker et al., SIGIR 1999; baseline centring as in Koren, "Factor in the neighbors", TKDD 2010).
 *
 * <p>{@code fit} computes, for every user, the {@code modelSize} most similar users under the
 * configured {@link Similarity} (a {@link NeighborTable}); only positive similarities of at least
 * {@code minSimilarity} are ever used. Let {@code N_k(u)} be the {@code k} most similar users of
 * {@code u} ({@code k = neighbors}) and {@code N_k(u;i)} the {@code k} most similar users of
 * {@code u} who rated {@code i} (searched within the {@code modelSize} list of {@code u}).
 *
 * <p><b>Top-N</b> (neighbour aggregation): {@code score(u, i) = sum_{v in N_k(u), i in R(v)} sim(u, v) * r_vi},
 * or with {@link Builder#implicit(boolean) implicit} data {@code sum sim(u, v)}. Items scoring
 * exactly 0, in particular those no neighbour has, are not candidates, so a list may be shorter
 * than {@code n}.
 *
 * <p><b>Rating prediction</b>, with {@code c_vi} the centre chosen by {@link Centering}
 * ({@code 0}, the user mean {@code mu_v}, or the baseline {@code b_vi = mu + b_v + b_i}):
 * <pre>
 *   r^_ui = c_ui + sum_{v in N_k(u;i)} sim(u, v) (r_vi - c_vi) / sum_{v in N_k(u;i)} sim(u, v)
 * </pre>
 * With no neighbour the prediction is {@code c_ui} for {@code MEAN} and {@code BASELINE} and
 * {@code NaN} for {@code NONE}; unknown users or items give {@code NaN}.
 *
 * <pre>{@code
 * Recommender knn = UserKnnRecommender.builder().similarity(Similarity.pearson()).neighbors(50).build().fit(m);
 * }</pre>
 *
 * <p>Unknown users get training popularity, labelled {@code "Popularity (unknown user)"}. Queries
 * allocate only the result. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class UserKnnRecommender extends AbstractRecommender {
    final KnnSettings settings;
    final NeighborLists top;       // N_k(u), for top-N
    final NeighborLists model;     // at most modelSize per user, for prediction
    final Baselines baselines;     // null unless centering is BASELINE
    final double[] userMeans;      // null unless centering is MEAN

    UserKnnRecommender(RatingMatrix train, KnnSettings settings, NeighborLists top, NeighborLists model,
                               Baselines baselines, double[] userMeans) {
        super(train, settings.describe("UserKNN"));
        this.settings = settings;
        this.top = top;
        this.model = model;
        this.baselines = baselines;
        this.userMeans = userMeans;
    }

    /**
     * This model after a batch of new ratings, as a new model; this one is unchanged. The training data
     * becomes {@code trainingData().merge(batch, DuplicatePolicy.LAST)} (new users and items included),
     * and only the neighbour rows the batch can change are recomputed: those of the users it touches
     * and of the users who share an item with them; the centring (means or baselines) is refitted. The
     * result equals a full {@code fit} of the same settings on the merged data exactly. Thread-safe;
     * costs about {@code fit} times the affected share of users.
     *
     * @throws IllegalArgumentException if exactly one of the training data and the batch has timestamps
     */
    public UserKnnRecommender update(RatingMatrix batch) {
        return KnnUpdates.update(this, batch);
    }

    /**
     * A builder with the defaults: cosine similarity, 50 neighbours, all neighbours kept for
     * prediction, no minimum similarity or shrinkage, mean centring, explicit ratings, 1 thread.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        Arrays.fill(scores, 0f);
        final SparseMatrix byUser = train.byUser();
        final boolean implicit = settings.implicit;
        for (int p = top.start[user], end = top.start[user + 1]; p < end; p++) {
            int v = top.neighbor[p];
            float sim = top.similarity[p];
            for (int k = byUser.rowStart(v), rowEnd = byUser.rowEnd(v); k < rowEnd; k++) {
                int i = byUser.column(k);
                scores[i] += implicit ? sim : sim * byUser.value(k);
            }
        }
        NeighborLists.zeroToNaN(scores);
    }

    @Override
    protected double predictIndex(int user, int item) {
        SparseMatrix byUser = train.byUser();
        int found = 0;
        double num = 0;
        double den = 0;
        for (int p = model.start[user], end = model.start[user + 1]; p < end && found < settings.neighbors; p++) {
            int v = model.neighbor[p];
            int pos = byUser.position(v, item);
            if (pos >= 0) {
                double s = model.similarity[p];
                num += s * (byUser.value(pos) - centre(v, item));
                den += s;
                found++;
            }
        }
        double c = centre(user, item);
        if (found == 0) {
            return settings.centering == Centering.NONE ? Double.NaN : c;
        }
        return c + num / den;
    }

    private double centre(int user, int item) {
        switch (settings.centering) {
            case BASELINE:
                return baselines.estimate(user, item);
            case MEAN:
                return userMeans[user];
            default:
                return 0;
        }
    }

    /** Settings of a {@link UserKnnRecommender}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder extends KnnBuilder<Builder> {
        private Builder() {
            super(Centering.MEAN);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The configured algorithm; {@link #centering} defaults to {@link Centering#MEAN}.
         *
         * @throws IllegalArgumentException naming the setting when a value is out of range (see the setters)
         */
        public Config build() {
            long budget = budget();
            return new Config(settings(), budget);
        }
    }

    /** A configured user-KNN algorithm; immutable, {@link #fit} may be called concurrently. */
    public static final class Config implements Algorithm {
        private final KnnSettings settings;

        private final long memoryBudget;

        private Config(KnnSettings settings, long memoryBudget) {
            this.settings = settings;
            this.memoryBudget = memoryBudget;
        }

        @Override
        public UserKnnRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            settings.requireVariedValues(train, "user-KNN");
            int keep = settings.keep(train.userCount());
            MemoryGuard.check(MemoryGuard.neighborBytes(train.userCount(), keep, settings.neighbors, settings.threads),
                    memoryBudget, "user-KNN on " + train.userCount() + " users keeping " + keep + " neighbours each (k="
                            + settings.neighbors + ", " + settings.threads + " threads)",
                    "set modelSize(m) to keep fewer neighbours per user (24 bytes each), use fewer users or "
                            + "threads, or raise memoryBudget(bytes)");
            NeighborTable table = settings.neighbors(keep).progress(progress).build().compute(train.byUser());
            NeighborLists model = NeighborLists.of(table, keep, settings.minSimilarity);
            NeighborLists top = NeighborLists.of(table, settings.neighbors, settings.minSimilarity);
            Baselines baselines = settings.baselines(train);
            double[] means = settings.means(train, false);
            return new UserKnnRecommender(train, settings, top, model, baselines, means);
        }

        @Override
        public UserKnnRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            return settings.describe("UserKNN");
        }
    }
}
