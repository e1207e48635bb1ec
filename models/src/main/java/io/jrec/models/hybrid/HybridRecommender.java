package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.SessionRecommender;
import io.jrec.models.internal.Sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * A weighted blend of any recommenders, with switching to a fallback chain for users with little
 * history.
 *
 * <pre>{@code
 * Algorithm hybrid = HybridRecommender.builder()
 *         .add(itemKnn, 0.6).add(content, 0.3).add(popularity, 0.1)
 *         .normalization(HybridRecommender.Normalization.Z_SCORE)
 *         .switching(5, content, popularity)   // fewer than 5 interactions: content, then popularity
 *         .build();
 * Recommendations r = hybrid.fit(train).topN(userId, 10);   // r.source() says who served it
 * }</pre>
 *
 * <h2>Blending</h2>
 * For a user with at least {@code minInteractions} training interactions, each member {@code m} with
 * weight {@code w_m} is asked for its own top {@code M = max(candidatesPerModel, n)} list under the
 * caller's {@link ItemFilter} (so every member applies seen-exclusion and business rules itself).
 * The candidate list is the union of these lists. Each member's scores are normalised over its own
 * list {@code L_m}:
 * <ul>
 *   <li>{@link Normalization#Z_SCORE}: {@code z(s) = (s - mean(L_m)) / sd(L_m)} (population sd);</li>
 *   <li>{@link Normalization#MIN_MAX}: {@code z(s) = (s - min(L_m)) / (max(L_m) - min(L_m))}.</li>
 * </ul>
 * A candidate missing from {@code L_m} (below member {@code m}'s cut-off) gets the normalised value of
 * {@code min(L_m)}, i.e. it is scored as if tied with the member's last listed item; a member whose
 * list is empty or has all-equal scores carries no ranking information and contributes 0 to every
 * candidate. The blended score is {@code b(i) = sum_m w_m * z_m(i)}; the result is the {@code n}
 * candidates with the highest {@code b}, ties by ascending item id. Cost: one {@code topN(M)} call per
 * member plus {@code O(members x M)} work. The price of blending short lists rather than whole
 * catalogues: an item outside every member's top {@code M} is never recommended. A member with weight 0
 * is fitted but not queried by the blend. (Weighted and switching hybrids as in Burke 2002, "Hybrid
 * recommender systems: survey and experiments", UMUAI 12(4).)
 *
 * <h2>New products</h2>
 * An item without interactions in the training data (a new product) can only be listed by members that
 * score items from their content, such as {@code ContentBasedRecommender} over
 * catalogue features or a language model's vectors; under the default {@link NewItems#LIKE_OTHERS} the
 * other members count it at their lists' minimum, so it rarely outranks items they do list. With
 * {@link NewItems#BY_LISTING_MEMBERS} a new product is judged by the members that listed it only:
 * {@code b(i) = W * sum_{m in S} w_m z_m(i) / sum_{m in S} w_m} over the members {@code S} that listed
 * it, where {@code W} is the total weight of the members whose lists took part; so a new product that
 * the content member ranks near the top of its list reaches the customers whose history is close to it.
 *
 * <h2>Switching</h2>
 * A user with fewer than {@code minInteractions} training interactions (an unknown user has 0) is
 * served by the first model of the fallback chain that can serve: a chain model serves when it
 * returns a non-empty list and either the user is in the training data or it is the last model of the
 * chain (so an unknown user goes straight to the last model, typically popularity, instead of a
 * personalised model's own internal fallback). If no chain model yields items, the blend is used.
 *
 * <h2>Provenance</h2>
 * {@link Recommendations#source()} is {@code "Hybrid(z-score: A*0.600 + B*0.400)"} for a blended list
 * ({@code "Hybrid(z-score, new items by listing members: ...)"} with {@link NewItems#BY_LISTING_MEMBERS};
 * {@code " (unknown user)"} appended when the user is not in the training data), and
 * {@code "Hybrid fallback (3 < 5 interactions): " + memberSource} for a switched one, where
 * {@code memberSource} is the serving model's own label (e.g. {@code "ContentBased"}).
 *
 * <p>Anonymous sessions ({@link #topNForSession}) are served the same way by the members that are
 * {@link SessionRecommender}s.
 *
 * <p>Immutable and thread-safe when its members are (all jrec recommenders are); the per-query
 * candidate buffers are per-thread and reused. Never throws for unknown users.
 *
 * @since 0.1.0
 */
public final class HybridRecommender implements SessionRecommender {

    /** How each member's scores are made comparable before they are weighted and summed. */
    public enum Normalization {
        /** {@code (s - mean) / sd} over the member's candidate list. */
        Z_SCORE("z-score"),
        /** {@code (s - min) / (max - min)} over the member's candidate list, into [0, 1]. */
        MIN_MAX("min-max");

        private final String label;

        Normalization(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How a candidate without training interactions (a new product) is blended (class documentation). */
    public enum NewItems {
        /** As every candidate: a member that did not list it counts it at its list's minimum (default). */
        LIKE_OTHERS,
        /** By the members that listed it only, their weights rescaled to the blend's total weight. */
        BY_LISTING_MEMBERS
    }

    final RatingMatrix train;
    final Recommender[] members;
    final double[] weights;
    final Recommender[] chain;
    final String[] chainNames;
    final int minInteractions;
    final int candidatesPerModel;
    final Normalization normalization;
    final NewItems newItems;
    private final LongPredicate rescaled;      // the new items under BY_LISTING_MEMBERS, else null
    final String label;
    private final String sessionLabel;
    private final ThreadLocal<HybridCandidates> scratch = ThreadLocal.withInitial(HybridCandidates::new);

    HybridRecommender(RatingMatrix train, Recommender[] members, double[] weights, String label,
                              Recommender[] chain, String[] chainNames, Settings settings) {
        this.train = train;
        this.members = members;
        this.weights = weights;
        this.label = label;
        this.sessionLabel = "Hybrid session" + label.substring("Hybrid".length());
        this.chain = chain;
        this.chainNames = chainNames;
        this.minInteractions = settings.minInteractions;
        this.candidatesPerModel = settings.candidatesPerModel;
        this.normalization = settings.normalization;
        this.newItems = settings.newItems;
        this.rescaled = newItems == NewItems.LIKE_OTHERS ? null : this::isNew;
    }

    /** A builder: add members with {@link Builder#add}, then optionally configure switching. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fitted blend members, in the order they were added (read-only view). */
    public List<Recommender> members() {
        return List.of(members);
    }

    /** The fitted fallback chain, in order (empty when switching is off). */
    public List<Recommender> fallbackChain() {
        return List.of(chain);
    }

    /**
     * The best {@code n} items for {@code userId}: from the fallback chain if the user has fewer than
     * {@code minInteractions} training interactions, else the blend (see the class documentation).
     *
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws NullPointerException     if {@code filter} is null
     */
    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Objects.requireNonNull(filter, "filter");
        int u = train.users().indexOf(userId);
        int interactions = u < 0 ? 0 : train.userRatingCount(u);
        if (interactions < minInteractions) {
            for (int c = 0; c < chain.length; c++) {
                if (u < 0 && c < chain.length - 1) {
                    continue;
                }
                Recommendations r = chain[c].topN(userId, n, filter);
                if (!r.isEmpty()) {
                    return Recommendations.of(r, "Hybrid fallback (" + interactions + " < " + minInteractions
                            + " interactions): " + r.source());
                }
            }
        }
        return blend(userId, null, null, n, filter, u < 0 ? label + " (unknown user)" : label);
    }

    /**
     * The best {@code n} items for an anonymous session (see {@link SessionRecommender}): switching and
     * blending as for users, where the session's length counts as its interactions and only members
     * and chain models that are {@link SessionRecommender}s take part (each asked for
     * {@code topNForSession}); the others are skipped. With no session-capable member the result is
     * empty. Sources read {@code "Hybrid session(z-score: ...)"} and {@code "Hybrid session fallback (1 < 3
     * interactions): " + memberSource}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a weight is not finite, or
     *                                  {@code n < 0}
     * @throws NullPointerException     if an argument is null
     */
    @Override
    public Recommendations topNForSession(long[] itemIds, float[] weights, int n, ItemFilter filter) {
        Sessions.check(itemIds, weights, n, filter);
        int interactions = itemIds.length;
        if (interactions < minInteractions) {
            for (Recommender model : chain) {
                if (model instanceof SessionRecommender session) {
                    Recommendations r = session.topNForSession(itemIds, weights, n, filter);
                    if (!r.isEmpty()) {
                        return Recommendations.of(r, "Hybrid session fallback (" + interactions + " < "
                                + minInteractions + " interactions): " + r.source());
                    }
                }
            }
        }
        return blend(0, itemIds, weights, n, filter, sessionLabel);
    }

    /** Blends the members' lists for a user, or for a session when {@code sessionItems} is not null. */
    private Recommendations blend(long userId, long[] sessionItems, float[] sessionWeights, int n,
                                  ItemFilter filter, String source) {
        if (n == 0) {
            return Recommendations.empty(source);
        }
        int listSize = Math.max(candidatesPerModel, n);
        HybridCandidates cand = scratch.get();
        cand.clear();
        double base = 0;   // what every candidate gets from members that did not list it
        for (int m = 0; m < members.length; m++) {
            double w = weights[m];
            if (w == 0) {
                continue;
            }
            Recommendations list;
            if (sessionItems == null) {
                list = members[m].topN(userId, listSize, filter);
            } else if (members[m] instanceof SessionRecommender session) {
                list = session.topNForSession(sessionItems, sessionWeights, listSize, filter);
            } else {
                continue;
            }
            base += cand.addList(list, w, normalization);
        }
        return cand.best(n, base, source, rescaled);
    }

    /** Whether {@code itemId} has no interactions in the training data. */
    private boolean isNew(long itemId) {
        int i = train.items().indexOf(itemId);
        return i < 0 || train.itemRatingCount(i) == 0;
    }

    /**
     * For a user below the switching threshold, the prediction of the first chain model that can predict
     * the pair (an unknown user asks the last chain model only); otherwise, or if none can, the
     * weighted mean of the members' finite predictions ({@code sum w_m p_m / sum w_m} over members that
     * can predict), which is meaningful when members predict on one scale (e.g. ratings). {@code NaN}
     * when no model can predict the pair.
     */
    @Override
    public double predict(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int interactions = u < 0 ? 0 : train.userRatingCount(u);
        if (interactions < minInteractions) {
            for (int c = u < 0 ? chain.length - 1 : 0; c < chain.length; c++) {
                double p = chain[c].predict(userId, itemId);
                if (!Double.isNaN(p)) {
                    return p;
                }
            }
        }
        double sum = 0, weight = 0;
        for (int m = 0; m < members.length; m++) {
            double p = members[m].predict(userId, itemId);
            if (!Double.isNaN(p) && weights[m] > 0) {
                sum += weights[m] * p;
                weight += weights[m];
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    @Override
    public String toString() {
        return label + (chain.length == 0 ? "" : ", switching below " + minInteractions + " interactions to "
                + String.join(" > ", chainNames));
    }

    /** The hybrid's settings; built by {@link Builder#build()}. */
    static final class Settings {
        int minInteractions;
        int candidatesPerModel;
        Normalization normalization;
        NewItems newItems = NewItems.LIKE_OTHERS;
    }

    /**
     * The configured (unfitted) hybrid: {@link #fit} fits every distinct member and chain algorithm once
     * (an algorithm used both in the blend and in the chain is fitted once) and returns an immutable
     * {@link HybridRecommender}.
     */
    public static final class Config implements Algorithm {
        private final List<Algorithm> members;
        private final double[] weights;
        private final List<Algorithm> chain;
        private final Settings settings;

        private Config(List<Algorithm> members, double[] weights, List<Algorithm> chain,
                                Settings settings) {
            this.members = members;
            this.weights = weights;
            this.chain = chain;
            this.settings = settings;
        }

        /**
         * Fits each distinct algorithm in turn on {@code train}. Progress: stage {@code "Hybrid"} with
         * {@code done} = algorithms fitted so far, and each member's own stages prefixed with its name.
         */
        @Override
        public HybridRecommender fit(RatingMatrix train, ProgressListener progress) {
            return HybridFit.fit(members, weights, chain, settings, train, progress);
        }

        @Override
        public HybridRecommender fit(RatingMatrix train) {
            return fit(train, ProgressListener.NONE);
        }

        @Override
        public String name() {
            StringBuilder sb = new StringBuilder("Hybrid(");
            for (int m = 0; m < members.size(); m++) {
                sb.append(m == 0 ? "" : " + ").append(members.get(m).name());
            }
            return sb.append(')').toString();
        }
    }

    /**
     * Configures a {@link HybridRecommender}. Defaults: z-score normalisation, 100 candidates per
     * member, no switching, new products blended {@link NewItems#LIKE_OTHERS}. Not thread-safe.
     */
    public static final class Builder {
        private final List<Algorithm> members = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();
        private final List<Algorithm> chain = new ArrayList<>();
        private int minInteractions;
        private int candidatesPerModel = 100;
        private Normalization normalization = Normalization.Z_SCORE;
        private NewItems newItems = NewItems.LIKE_OTHERS;

        private Builder() {
        }

        /** Adds a blend member with a weight (finite, >= 0; checked at {@link #build()}). */
        public Builder add(Algorithm algorithm, double weight) {
            members.add(algorithm);
            weights.add(weight);
            return this;
        }

        /** How member scores are normalised (default {@link Normalization#Z_SCORE}). */
        public Builder normalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** How candidates without training interactions are blended (default {@link NewItems#LIKE_OTHERS}). */
        public Builder newItems(NewItems newItems) {
            this.newItems = newItems;
            return this;
        }

        /** How long a list each member contributes to the candidate list (default 100, >= 1). */
        public Builder candidatesPerModel(int m) {
            this.candidatesPerModel = m;
            return this;
        }

        /**
         * Users with fewer than {@code minInteractions} training interactions are served by the first
         * model of {@code fallbackChain} that can serve (see the class documentation). {@code 0} turns
         * switching off. Replaces any earlier switching setting.
         */
        public Builder switching(int minInteractions, Algorithm... fallbackChain) {
            this.minInteractions = minInteractions;
            this.chain.clear();
            this.chain.addAll(Arrays.asList(fallbackChain));
            return this;
        }

        /**
         * The configured algorithm.
         *
         * @throws IllegalArgumentException if no member was added, a member or chain model is null, a
         *                                  weight is negative or not finite, all weights are 0,
         *                                  {@code candidatesPerModel < 1}, {@code minInteractions < 0},
         *                                  or {@code minInteractions > 0} without a fallback chain
         */
        public Config build() {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a hybrid needs at least one member: call add(algorithm, weight)");
            }
            double[] w = new double[weights.size()];
            double total = 0;
            for (int m = 0; m < w.length; m++) {
                if (members.get(m) == null) {
                    throw new IllegalArgumentException("member " + m + " is null");
                }
                w[m] = weights.get(m);
                if (!(w[m] >= 0) || Double.isInfinite(w[m])) {
                    throw new IllegalArgumentException("weight of member " + m + " (" + members.get(m).name()
                            + ") must be finite and >= 0, got " + w[m]);
                }
                total += w[m];
            }
            if (total == 0) {
                throw new IllegalArgumentException("at least one member weight must be > 0, all are 0");
            }
            if (normalization == null) {
                throw new IllegalArgumentException("normalization must not be null; use Z_SCORE or MIN_MAX");
            }
            if (newItems == null) {
                throw new IllegalArgumentException("newItems must not be null; use LIKE_OTHERS or BY_LISTING_MEMBERS");
            }
            if (candidatesPerModel < 1) {
                throw new IllegalArgumentException("candidatesPerModel must be >= 1, got " + candidatesPerModel);
            }
            if (minInteractions < 0) {
                throw new IllegalArgumentException("minInteractions must be >= 0, got " + minInteractions);
            }
            if (minInteractions > 0 && chain.isEmpty()) {
                throw new IllegalArgumentException("minInteractions is " + minInteractions
                        + " but the fallback chain is empty: pass at least one algorithm to switching(m, ...)");
            }
            for (int c = 0; c < chain.size(); c++) {
                if (chain.get(c) == null) {
                    throw new IllegalArgumentException("fallback chain model " + c + " is null");
                }
            }
            Settings s = new Settings();
            s.minInteractions = minInteractions;
            s.candidatesPerModel = candidatesPerModel;
            s.normalization = normalization;
            s.newItems = newItems;
            return new Config(List.copyOf(members), w, List.copyOf(chain), s);
        }
    }
}
