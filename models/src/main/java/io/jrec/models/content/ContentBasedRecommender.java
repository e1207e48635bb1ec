package io.jrec.models.content;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.Explanation.Contribution;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.SessionRecommender;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.Sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Content-based filtering: items are scored by the cosine between their feature vector and a profile
 * of the user built from the features of the items the user interacted with (Pazzani and Billsus 2007,
 * "Content-based recommendation systems", in The Adaptive Web; Lops, de Gemmis and Semeraro 2011).
 *
 * <pre>{@code
 * ItemFeatures catalogue = ItemFeatures.builder().categorical(1001L, "brand", "acme")...build();
 * ContentBasedRecommender model = ContentBasedRecommender.builder().features(catalogue).build().fit(train);
 * model.topN(userId, 10);              // personalised, may include products nobody has bought yet
 * model.similarItems(1001L, 5);        // "similar products", also for items without interactions
 * }</pre>
 *
 * <h2>Formula</h2>
 * Let {@code x_i} be item {@code i}'s row of {@link ItemFeatures#byItem()} (optionally IDF-weighted,
 * see {@link Builder#idf(boolean)}) and {@code x^_i = x_i / ||x_i||} its L2-normalised form. The
 * profile of user {@code u} with training items {@code I_u} is
 * <pre>  p_u = (1 / |I_u|) * sum_{i in I_u} w_ui * x^_i</pre>
 * with {@code w_ui = r_ui - mean_u} ({@link Weighting#CENTERED}: items rated below the user's mean
 * pull the profile away from their features) or {@code w_ui = r_ui} ({@link Weighting#RAW}: implicit
 * data, where a value is an interaction weight). A user whose centred weights are all 0 (every rating
 * equal) gets uniform weights {@code w_ui = 1}. The score of item {@code j} is
 * <pre>  s(u, j) = cos(p_u, x^_j) = sum_f p_uf * x^_jf / ||p_u||</pre>
 * which lies in [-1, 1]; {@link #explain} reports each term {@code p_uf * x^_jf / ||p_u||} as the
 * contribution of feature {@code f}, so the contributions sum to the score.
 *
 * <h2>Item universe and new products</h2>
 * The model's items are the training items (indices {@code 0..train.itemCount()-1}, ids ascending)
 * followed by the items that have features but no interactions in the training data (ascending id).
 * {@link #trainingData()} is the training matrix widened to that universe (same ratings, no
 * timestamps when widened), so {@code topN}, {@code predict}, {@link #similarItems} and filters all see
 * new products. Items without features have no score ({@code NaN}) and are never recommended by the
 * content path.
 *
 * <h2>Fallbacks and provenance</h2>
 * An unknown user gets the most-interacted items ({@code "Popularity (unknown user)"}); a known user
 * whose profile is zero (none of their items has features) gets the same list labelled
 * {@code "Popularity (no feature profile)"}; an empty session likewise ({@code "Popularity (empty
 * session profile)"}). Otherwise the source is {@code "ContentBased"}.
 *
 * <p>Cost: a query builds the profile from the user's row ({@code O(sum of feature counts of the
 * user's items)}) and scores every item in one pass over the normalised item x feature CSR
 * ({@code O(nnz)}); {@link #similarItems} walks the feature -> items inverted index of the item's
 * features only. Immutable and thread-safe; per-thread scratch arrays are reused across queries.
 *
 * @since 0.1.0
 */
public final class ContentBasedRecommender extends AbstractRecommender implements SessionRecommender, Explainable {

    /** How a user's interactions weight the feature vectors of their items. */
    public enum Weighting {
        /** {@link #CENTERED} if the training values are not all equal (ratings), else {@link #RAW}. */
        AUTO,
        /** {@code w = r - mean of the user's ratings}: explicit ratings. */
        CENTERED,
        /** {@code w = r}: implicit interaction weights (counts, 1 per purchase, ...). */
        RAW
    }

    private static final String NAME = "ContentBased";

    final ItemFeatures features;
    final int trainItems;
    final SparseMatrix itemFeatures;     // universe items x features, rows L2-normalised
    private final SparseMatrix featureItems;     // its transpose: the inverted index
    final Weighting weighting;           // CENTERED or RAW, resolved
    private final float[] popularity;            // interaction count per universe item
    private final ThreadLocal<ContentProfile> profiles;

    /** Also used by {@link ContentBasedCodec} to rebuild a loaded model. */
    ContentBasedRecommender(RatingMatrix widened, int trainItems, ItemFeatures features,
                                    SparseMatrix itemFeatures, Weighting weighting) {
        super(widened, NAME);
        this.features = features;
        this.trainItems = trainItems;
        this.itemFeatures = itemFeatures;
        this.featureItems = itemFeatures.transpose();
        this.weighting = weighting;
        this.popularity = new float[widened.itemCount()];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = widened.itemRatingCount(i);
        }
        int featureCount = features.featureCount();
        this.profiles = ThreadLocal.withInitial(() -> new ContentProfile(featureCount));
    }

    /** A builder; {@link Builder#features(ItemFeatures)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The item features this model was fitted with. */
    public ItemFeatures features() {
        return features;
    }

    /** The weighting in use: {@link Weighting#CENTERED} or {@link Weighting#RAW} (AUTO resolved at fit). */
    public Weighting weighting() {
        return weighting;
    }

    /** How many of this model's items have no interactions in the training data (new products). */
    public int newItemCount() {
        return trainingData().itemCount() - trainItems;
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), user, itemFeatures, weighting);
        if (!scoreAll(p, scores)) {
            Arrays.fill(scores, Float.NaN);
        }
        p.clear();
    }

    /**
     * The best {@code n} items by cosine to the user's profile (see the class documentation for the
     * fallbacks and their labels). Items the user has are excluded unless the filter says otherwise.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code filter} is null
     */
    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        requireN(n);
        Objects.requireNonNull(filter, "filter");
        int u = train.users().indexOf(userId);
        if (u < 0) {
            return super.topN(userId, n, filter);
        }
        float[] scores = scratchScores();
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), u, itemFeatures, weighting);
        String source = scoreAll(p, scores) ? NAME : popularity(scores, "Popularity (no feature profile)");
        p.clear();
        return select(scores, n, filter, filter.excludesSeen() ? train.userRow(u) : null, source);
    }

    /**
     * The cosine between the user's profile and the item's features, in [-1, 1]; {@code NaN} if the
     * user or item is unknown, the item has no features, or the profile is zero.
     */
    @Override
    protected double predictIndex(int user, int item) {
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), user, itemFeatures, weighting);
        double score = p.norm == 0 ? Double.NaN : cosine(p, item);
        p.clear();
        return score;
    }

    /**
     * The best {@code n} items for a session: the profile is {@code (1 / k) sum_k weights[k] * x^_{itemIds[k]}}
     * over the {@code k} session items the model knows (weights are used as given, not centred).
     * Unknown ids and items without features are ignored; with {@link ItemFilter#excludesSeen()} the
     * session's items are excluded. An empty profile falls back to popularity.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a weight is not finite, or
     *                                  {@code n < 0}
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public Recommendations topNForSession(long[] itemIds, float[] weights, int n, ItemFilter filter) {
        Sessions.check(itemIds, weights, n, filter);
        IdIndex items = train.items();
        ContentProfile p = profiles.get();
        int known = 0;
        for (int k = 0; k < itemIds.length; k++) {
            int i = items.indexOf(itemIds[k]);
            if (i >= 0 && itemFeatures.rowSize(i) > 0) {
                p.add(itemFeatures, i, weights[k]);
                known++;
            }
        }
        p.finish(known);
        float[] scores = scratchScores();
        String source = scoreAll(p, scores) ? NAME + " (session)" : popularity(scores,
                "Popularity (empty session profile)");
        p.clear();
        if (filter.excludesSeen()) {
            for (long id : itemIds) {
                int i = items.indexOf(id);
                if (i >= 0) {
                    scores[i] = Float.NaN;
                }
            }
        }
        return select(scores, n, filter, null, source);
    }

    /** {@link #similarItems(long, int, ItemFilter)} with no filter rules. */
    public Recommendations similarItems(long itemId, int n) {
        return similarItems(itemId, n, ItemFilter.none());
    }

    /**
     * "Similar products": the {@code n} items with the highest cosine between their features and those
     * of {@code itemId}, best first (ties by ascending item index), the item itself excluded. Only items
     * sharing at least one feature are candidates. Works for items without interactions. An unknown
     * item or one without features gives an empty list. The filter's allow/deny lists and predicate
     * apply; its seen-exclusion has no meaning here and is ignored.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code filter} is null
     */
    public Recommendations similarItems(long itemId, int n, ItemFilter filter) {
        requireN(n);
        Objects.requireNonNull(filter, "filter");
        String source = NAME + " (similar to " + itemId + ")";
        int i = train.items().indexOf(itemId);
        if (i < 0 || itemFeatures.rowSize(i) == 0) {
            return Recommendations.empty(source);
        }
        float[] scores = scratchScores();
        Arrays.fill(scores, Float.NaN);
        SparseMatrix x = itemFeatures;
        SparseMatrix inv = featureItems;
        for (int k = x.rowStart(i), end = x.rowEnd(i); k < end; k++) {
            int f = x.column(k);
            float v = x.value(k);
            for (int q = inv.rowStart(f), qEnd = inv.rowEnd(f); q < qEnd; q++) {
                int j = inv.column(q);
                float s = scores[j];
                scores[j] = (s != s ? 0f : s) + v * inv.value(q);
            }
        }
        scores[i] = Float.NaN;
        return select(scores, n, filter, null, source);
    }

    /**
     * The features behind the user's score for the item: one contribution
     * {@code p_uf * x^_jf / ||p_u||} per feature the item has and the profile weights (non-zero),
     * largest absolute weight first; they sum to {@link Explanation#score()} (up to rounding). Unknown
     * user or item, an item without features or a zero profile: {@code NaN} score, no contributions.
     */
    @Override
    public Explanation explain(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int j = train.items().indexOf(itemId);
        if (u < 0 || j < 0 || itemFeatures.rowSize(j) == 0) {
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), u, itemFeatures, weighting);
        if (p.norm == 0) {
            p.clear();
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        List<Contribution> parts = new ArrayList<>();
        double score = 0;
        SparseMatrix x = itemFeatures;
        for (int k = x.rowStart(j), end = x.rowEnd(j); k < end; k++) {
            int f = x.column(k);
            double w = p.weight[f] * x.value(k) / p.norm;
            if (w != 0) {
                parts.add(Contribution.feature(features.featureName(f), w));
                score += w;
            }
        }
        p.clear();
        parts.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight()))
                .thenComparing(Contribution::feature, Comparator.naturalOrder()));
        return new Explanation(userId, itemId, score, parts);
    }

    /** Writes cos(p, x^_j) for every item (NaN without features); false (nothing written) if p is zero. */
    private boolean scoreAll(ContentProfile p, float[] scores) {
        if (p.norm == 0) {
            return false;
        }
        SparseMatrix x = itemFeatures;
        double[] w = p.weight;
        double inv = 1 / p.norm;
        for (int j = 0, items = scores.length; j < items; j++) {
            int start = x.rowStart(j), end = x.rowEnd(j);
            if (start == end) {
                scores[j] = Float.NaN;
                continue;
            }
            double dot = 0;
            for (int k = start; k < end; k++) {
                dot += w[x.column(k)] * x.value(k);
            }
            scores[j] = (float) (dot * inv);
        }
        return true;
    }

    private double cosine(ContentProfile p, int j) {
        SparseMatrix x = itemFeatures;
        int start = x.rowStart(j), end = x.rowEnd(j);
        if (start == end) {
            return Double.NaN;
        }
        double dot = 0;
        for (int k = start; k < end; k++) {
            dot += p.weight[x.column(k)] * x.value(k);
        }
        return dot / p.norm;
    }

    private String popularity(float[] scores, String source) {
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
        return source;
    }

    /**
     * The configured (unfitted) content-based algorithm; {@link #fit} returns a
     * {@link ContentBasedRecommender}. Immutable; one instance may fit many matrices concurrently.
     */
    public static final class Config implements Algorithm {
        private final ItemFeatures features;
        private final Weighting weighting;
        private final boolean idf;

        private Config(ItemFeatures features, Weighting weighting, boolean idf) {
            this.features = features;
            this.weighting = weighting;
            this.idf = idf;
        }

        /**
         * Widens the item universe to the feature items, L2-normalises the (IDF-weighted) feature rows
         * and builds the inverted index.
         *
         * @throws IllegalArgumentException if no training item has features (the ids do not match)
         */
        @Override
        public ContentBasedRecommender fit(RatingMatrix train, ProgressListener progress) {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(progress, "progress");
            String stage = "ContentBased";
            progress.progress(stage, 0, 2, "widening the item universe");
            IdIndex universe = ContentFit.universe(train, features);
            RatingMatrix widened = universe.size() == train.itemCount() ? train : ContentFit.widen(train, universe);

            progress.progress(stage, 1, 2, "normalising item features");
            Weighting resolved = weighting != Weighting.AUTO ? weighting
                    : ContentFit.allValuesEqual(train) ? Weighting.RAW : Weighting.CENTERED;
            SparseMatrix x = ContentFit.normalisedFeatures(features, universe, idf);
            ContentBasedRecommender model = new ContentBasedRecommender(widened, train.itemCount(), features, x,
                    resolved);
            progress.progress(stage, 2, 2, "done");
            return model;
        }

        @Override
        public ContentBasedRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            return NAME + (idf ? "(idf)" : "");
        }

    }

    /**
     * Configures a {@link ContentBasedRecommender}. Defaults: {@link Weighting#AUTO}, no IDF weighting.
     * Not thread-safe.
     */
    public static final class Builder {
        private ItemFeatures features;
        private Weighting weighting = Weighting.AUTO;
        private boolean idf;

        private Builder() {
        }

        /** The catalogue features (required). Items may have features without interactions, and vice versa. */
        public Builder features(ItemFeatures features) {
            this.features = features;
            return this;
        }

        /** How interactions weight item features in the profile (default {@link Weighting#AUTO}). */
        public Builder weighting(Weighting weighting) {
            this.weighting = weighting;
            return this;
        }

        /**
         * Whether feature values are multiplied by {@code ln(N / df_f)} (N items with features, df_f of
         * them having feature f) before normalisation, so rare features count more (default false).
         */
        public Builder idf(boolean idf) {
            this.idf = idf;
            return this;
        }

        /**
         * The configured algorithm.
         *
         * @throws IllegalArgumentException if the features or the weighting are not set
         */
        public Config build() {
            if (features == null) {
                throw new IllegalArgumentException("features must be set: call features(ItemFeatures)");
            }
            if (weighting == null) {
                throw new IllegalArgumentException("weighting must not be null; use AUTO, CENTERED or RAW");
            }
            return new Config(features, weighting, idf);
        }
    }
}
