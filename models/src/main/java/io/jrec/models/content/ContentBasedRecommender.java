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
import java.util.Locale;
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
 * <h2>Dense vectors</h2>
 * When the features carry dense item vectors ({@link ItemFeatures#vectors()}, e.g. a language model's
 * embeddings of the product texts) and {@link Builder#vectorWeight(double) vectorWeight} {@code a > 0},
 * each item also has its vector scaled to unit length, {@code v^_j = v_j / ||v_j||}, and the user a
 * second profile built the same way from the same weights, {@code q_u = (1 / |V_u|) sum_{i in V_u} w_ui
 * * v^_i} over the user's items {@code V_u} that have a vector. The score blends the two cosines:
 * <pre>  s(u, j) = (1 - a) * cos(p_u, x^_j) + a * cos(q_u, v^_j)</pre>
 * A part scores a pair only when both sides have it: an item without a vector (or with a zero vector,
 * which has no direction) is scored by its features alone, {@code s = cos(p_u, x^_j)}; an item with only
 * a vector, or a user none of whose items has features, by the vectors alone; with neither, the item
 * has no score ({@code NaN}). So {@code a = 0}, or features without vectors, give the model without
 * vectors exactly. Vectors are normalised here whatever {@code ItemFeatures.Builder.normalizeVectors}
 * said (cosine ignores their lengths); they are finite (checked by {@link io.jrec.core.DenseVectors}).
 * User vectors ({@link ItemFeatures#userVectors()}) are not used: a profile comes from the user's items.
 * {@link #explain} reports the vector part as one contribution named {@value #VECTOR_CONTRIBUTION}.
 *
 * <h2>Item universe and new products</h2>
 * The model's items are the training items (indices {@code 0..train.itemCount()-1}, ids ascending)
 * followed by the items that have features but no interactions in the training data (ascending id).
 * {@link #trainingData()} is the training matrix widened to that universe (same ratings, no
 * timestamps when widened), so {@code topN}, {@code predict}, {@link #similarItems} and filters all see
 * new products. Items with neither features nor a vector have no score ({@code NaN}) and are never
 * recommended by the content path.
 *
 * <h2>Fallbacks and provenance</h2>
 * An unknown user gets the most-interacted items ({@code "Popularity (unknown user)"}); a known user
 * whose profile is zero (none of their items has features or a vector) gets the same list labelled
 * {@code "Popularity (no feature profile)"}; an empty session likewise ({@code "Popularity (empty
 * session profile)"}). Otherwise the source is {@code "ContentBased"}.
 *
 * <p>Cost: a query builds the profile from the user's row ({@code O(sum of feature counts of the
 * user's items)}) and scores every item in one pass over the normalised item x feature CSR
 * ({@code O(nnz)}), plus {@code O(items x dimension)} with vectors; {@link #similarItems} walks the
 * feature -> items inverted index of the item's features only (and every vector with vectors).
 * Immutable and thread-safe; per-thread scratch arrays are reused across queries.
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

    /** The name of the vector part's contribution in {@link #explain}. */
    public static final String VECTOR_CONTRIBUTION = "(dense vector)";

    private static final String NAME = "ContentBased";

    final ItemFeatures features;
    final int trainItems;
    final SparseMatrix itemFeatures;     // universe items x features, rows L2-normalised
    final Weighting weighting;           // CENTERED or RAW, resolved
    private final ContentScorer items;           // features, vectors and the scoring kernels
    private final ThreadLocal<ContentProfile> profiles;

    /**
     * Also used by {@link ContentBasedCodec} to rebuild a loaded model. {@code vectorWeight} must be 0
     * when {@code features} has no vectors.
     */
    ContentBasedRecommender(RatingMatrix widened, int trainItems, ItemFeatures features,
                            SparseMatrix itemFeatures, Weighting weighting, double vectorWeight) {
        super(widened, NAME);
        this.features = features;
        this.trainItems = trainItems;
        this.itemFeatures = itemFeatures;
        this.weighting = weighting;
        this.items = new ContentScorer(itemFeatures, widened.items(), features.vectors(), vectorWeight);
        int featureCount = features.featureCount();
        int dimension = items.dimension;
        this.profiles = ThreadLocal.withInitial(() -> new ContentProfile(featureCount, dimension));
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

    /**
     * The weight {@code a} of the vectors' cosine in the score (see the class documentation): in [0, 1],
     * 0 when the model uses no vectors.
     */
    public double vectorWeight() {
        return items.vectorWeight;
    }

    /** How many of this model's items have no interactions in the training data (new products). */
    public int newItemCount() {
        return trainingData().itemCount() - trainItems;
    }

    @Override
    protected void scoreItems(int user, float[] scores) {
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), user, items, weighting);
        if (!items.scoreAll(p, scores)) {
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
        p.fillFromUser(train.byUser(), u, items, weighting);
        String source = items.scoreAll(p, scores) ? NAME : popularity(scores, "Popularity (no feature profile)");
        p.clear();
        return select(scores, n, filter, filter.excludesSeen() ? train.userRow(u) : null, source);
    }

    /**
     * The score {@code s(u, j)} (the cosine between the user's profile and the item's features, blended
     * with that of the vectors when the model has them), in [-1, 1]; {@code NaN} if the user or item is
     * unknown, or no part scores the pair (the item has no features and no vector, the profile is zero).
     */
    @Override
    protected double predictIndex(int user, int item) {
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), user, items, weighting);
        double score = items.score(p, item);
        p.clear();
        return score;
    }

    /**
     * The best {@code n} items for a session: the profile is {@code (1 / k) sum_k weights[k] * x^_{itemIds[k]}}
     * over the {@code k} session items the model knows (weights are used as given, not centred), and
     * likewise over their vectors when the model uses vectors. Unknown ids and items without features
     * (vectors) are ignored; with {@link ItemFilter#excludesSeen()} the session's items are excluded. An
     * empty profile falls back to popularity.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a weight is not finite, or
     *                                  {@code n < 0}
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public Recommendations topNForSession(long[] itemIds, float[] weights, int n, ItemFilter filter) {
        Sessions.check(itemIds, weights, n, filter);
        IdIndex index = train.items();
        ContentProfile p = profiles.get();
        p.fillFromSession(index, itemIds, weights, items);
        float[] scores = scratchScores();
        String source = items.scoreAll(p, scores) ? NAME + " (session)" : popularity(scores,
                "Popularity (empty session profile)");
        p.clear();
        if (filter.excludesSeen()) {
            for (long id : itemIds) {
                int i = index.indexOf(id);
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
     * of {@code itemId}, best first (ties by ascending item index), the item itself excluded; with
     * vectors, {@code (1 - a) cos(x^_i, x^_j) + a cos(v^_i, v^_j)} where both items have both parts, else
     * the cosine of the part they share. Candidates are the items sharing at least one feature and, with
     * vectors, every item with a vector. Works for items without interactions. An unknown item or one
     * with neither features nor a vector gives an empty list. The filter's allow/deny lists and
     * predicate apply; its seen-exclusion has no meaning here and is ignored.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code filter} is null
     */
    public Recommendations similarItems(long itemId, int n, ItemFilter filter) {
        requireN(n);
        Objects.requireNonNull(filter, "filter");
        String source = NAME + " (similar to " + itemId + ")";
        int i = train.items().indexOf(itemId);
        if (i < 0 || !items.scorable(i)) {
            return Recommendations.empty(source);
        }
        float[] scores = scratchScores();
        items.similarTo(i, scores);
        return select(scores, n, filter, null, source);
    }

    /**
     * The features behind the user's score for the item: one contribution
     * {@code p_uf * x^_jf / ||p_u||} per feature the item has and the profile weights (non-zero), times
     * {@code 1 - a} when the vector part scores the pair too, and then the vector part
     * {@code a * cos(q_u, v^_j)} (or the whole cosine alone) as {@value #VECTOR_CONTRIBUTION}; largest
     * absolute weight first; they sum to {@link Explanation#score()} (up to rounding). Unknown user or
     * item, or no part scoring the pair: {@code NaN} score, no contributions.
     */
    @Override
    public Explanation explain(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int j = train.items().indexOf(itemId);
        if (u < 0 || j < 0 || !items.scorable(j)) {
            return new Explanation(userId, itemId, Double.NaN, List.of());
        }
        ContentProfile p = profiles.get();
        p.fillFromUser(train.byUser(), u, items, weighting);
        List<Contribution> parts = new ArrayList<>();
        double score = items.explain(p, j, features, parts);
        p.clear();
        parts.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight()))
                .thenComparing(Contribution::feature, Comparator.naturalOrder()));
        return new Explanation(userId, itemId, score, parts);
    }

    private String popularity(float[] scores, String source) {
        popularityScores(scores);
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
        private final double vectorWeight;

        private Config(ItemFeatures features, Weighting weighting, boolean idf, double vectorWeight) {
            this.features = features;
            this.weighting = weighting;
            this.idf = idf;
            this.vectorWeight = vectorWeight;
        }

        /**
         * Widens the item universe to the feature items, L2-normalises the (IDF-weighted) feature rows
         * and the vectors, and builds the inverted index.
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
                    resolved, vectorWeight);
            progress.progress(stage, 2, 2, "done");
            return model;
        }

        @Override
        public ContentBasedRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            String settings = (idf ? ", idf" : "")
                    + (vectorWeight > 0 ? String.format(Locale.ROOT, ", vectors %.2f", vectorWeight) : "");
            return settings.isEmpty() ? NAME : NAME + "(" + settings.substring(2) + ")";
        }

    }

    /**
     * Configures a {@link ContentBasedRecommender}. Defaults: {@link Weighting#AUTO}, no IDF weighting,
     * vector weight 0.5 when the features have vectors. Not thread-safe.
     */
    public static final class Builder {
        private ItemFeatures features;
        private Weighting weighting = Weighting.AUTO;
        private boolean idf;
        private double vectorWeight = 0.5;
        private boolean vectorWeightSet;

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
         * The weight {@code a} in [0, 1] of the cosine of the dense vectors ({@link ItemFeatures#vectors()}); the
         * sparse features get {@code 1 - a} (see the class documentation). Default 0.5 when the features
         * have vectors, 0 when they have none; 0 leaves the vectors out, 1 uses only them.
         */
        public Builder vectorWeight(double vectorWeight) {
            this.vectorWeight = vectorWeight;
            this.vectorWeightSet = true;
            return this;
        }

        /**
         * The configured algorithm.
         *
         * @throws IllegalArgumentException if the features or the weighting are not set, the vector weight
         *                                  is not in [0, 1], or it is positive and the features have no vectors
         */
        public Config build() {
            if (features == null) {
                throw new IllegalArgumentException("features must be set: call features(ItemFeatures)");
            }
            if (weighting == null) {
                throw new IllegalArgumentException("weighting must not be null; use AUTO, CENTERED or RAW");
            }
            if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
                throw new IllegalArgumentException("vectorWeight must be in [0, 1], got " + vectorWeight);
            }
            if (vectorWeightSet && vectorWeight > 0 && !features.hasVectors()) {
                throw new IllegalArgumentException("vectorWeight is " + vectorWeight + " but the item features have"
                        + " no dense vectors: add them with ItemFeatures.Builder.vectors(...), or set vectorWeight(0)");
            }
            return new Config(features, weighting, idf, features.hasVectors() ? vectorWeight : 0);
        }
    }
}
