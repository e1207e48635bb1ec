package io.jrec.search;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.DenseVectors;
import io.jrec.core.Explainable;
import io.jrec.core.Explanation;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.TopN;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Personalised product search: text relevance from a {@link CatalogIndex} (BM25 over weighted fields,
 * with the query's brand, category and price understood), optionally widened by dense vectors, and
 * re-ranked with what this customer is likely to buy according to any fitted {@link Recommender}.
 *
 * <pre>{@code
 * ProductSearch search = ProductSearch.builder(index)
 *         .recommender(itemKnn, 0.5)          // the blend weight w
 *         .popularity(interactions, 0.1)      // unknown and anonymous users
 *         .build();
 * SearchResults r = search.search(customerId, "wireless speakr under 50", 10);
 * r.query().corrections();                    // [speakr -> speaker]
 * r.get(0).matched();                         // {TITLE=[wireless, speaker]}
 * r.get(0).becauseOf();                       // products the customer bought that point to this one
 * }</pre>
 *
 * <h2>Ranking</h2>
 * <ol>
 *   <li>Retrieve the {@code candidates} best products by BM25 that match every text term and pass the
 *       filters (named brand, price range, in stock); if fewer than {@code n} do, products matching any
 *       term are taken instead ({@link SearchResults#relaxed()}).</li>
 *   <li>With {@link Builder#vectors vectors} (semantic retrieval): the query vector is the one given, or
 *       the sum of the unit vectors of the best {@code expansionSeeds} text matches; the
 *       {@code expansionCandidates} products nearest to it by cosine that pass the filters join the
 *       candidates (an exact scan, or Lucene's HNSW graph from {@link Builder#hnsw} products on).
 *       Relevance is then {@code (1 - v) * bm25 / max(bm25) + v * cos+ / max(cos+)}, {@code cos+ =
 *       max(0, cosine)} and both maxima over the candidates (only {@code cos+ / max(cos+)} if no product
 *       matches the text); without vectors {@code bm25 / max(bm25)}.</li>
 *   <li>"cheap" keeps candidates priced at or below the {@code priceQuantile} quantile of the
 *       candidates' prices; "luxury" at or above the {@code 1 - priceQuantile} one.</li>
 *   <li>Popularity: {@code log(1 + interactions)} normalised by the candidates' maximum (0 without
 *       popularity data). Personal score, for a user the recommender knows: its scores for the
 *       candidates ({@code topN} restricted to them, seen products allowed) min-max normalised over the
 *       candidates it scores, 0 for the others.</li>
 *   <li>Score = {@code (1 - w) * ((1 - p) * relevance + p * popularity) + w * personal}, with {@code p}
 *       the popularity weight and {@code w} the recommender's weight ({@code w = 0} for unknown and
 *       anonymous users); best first, ties by text rank.</li>
 * </ol>
 * The {@link ItemFilter} passed to {@code search} applies its allow list, deny list and predicate; seen
 * products are never excluded (customers buy again).
 *
 * <p>Thread-safe and immutable: share one instance between request threads.
 */
public final class ProductSearch {
    /** The user id to pass for a visitor who is not logged in. */
    public static final long ANONYMOUS = Long.MIN_VALUE;

    private final CatalogIndex index;
    private final Recommender recommender;
    private final double weight;
    private final float[] popularity;     // per catalogue index, log(1 + count), or null
    private final double popularityWeight;
    private final VectorIndex vectorIndex;  // null without vectors
    private final int dimension;            // of the vectors, 0 without
    private final double vectorWeight;
    private final int expansionSeeds;
    private final int semanticCandidates;
    private final int candidates;
    private final boolean inStockOnly;
    private final IntentMode brandMode;
    private final IntentMode categoryMode;
    private final double priceQuantile;
    private final boolean explanations;
    private final int maxChars;
    private final int maxTerms;

    private ProductSearch(Builder b) {
        index = b.index;
        recommender = b.recommender;
        weight = b.weight;
        popularityWeight = b.popularityWeight;
        RatingMatrix counts = b.popularity;
        if (counts == null && recommender instanceof AbstractRecommender ar) {
            counts = ar.trainingData();
        }
        popularity = counts == null ? null : popularity(index, counts);
        vectorWeight = b.vectorWeight;
        vectorIndex = b.vectors == null ? null : new VectorIndex(index, b.vectors, b.hnswFrom, b.hnswWidth);
        dimension = b.vectors == null ? 0 : b.vectors.dimension();
        expansionSeeds = b.expansionSeeds;
        semanticCandidates = b.semanticCandidates;
        candidates = b.candidates;
        inStockOnly = b.inStockOnly;
        brandMode = b.brandMode;
        categoryMode = b.categoryMode;
        priceQuantile = b.priceQuantile;
        explanations = b.explanations;
        maxChars = b.maxChars;
        maxTerms = b.maxTerms;
    }

    private ProductSearch(ProductSearch other, double weight) {
        index = other.index;
        recommender = other.recommender;
        this.weight = weight;
        popularity = other.popularity;
        popularityWeight = other.popularityWeight;
        vectorIndex = other.vectorIndex;
        dimension = other.dimension;
        vectorWeight = other.vectorWeight;
        expansionSeeds = other.expansionSeeds;
        semanticCandidates = other.semanticCandidates;
        candidates = other.candidates;
        inStockOnly = other.inStockOnly;
        brandMode = other.brandMode;
        categoryMode = other.categoryMode;
        priceQuantile = other.priceQuantile;
        explanations = other.explanations;
        maxChars = other.maxChars;
        maxTerms = other.maxTerms;
    }

    private static float[] popularity(CatalogIndex index, RatingMatrix counts) {
        float[] out = new float[index.size()];
        IdIndex items = counts.items();
        for (int k = 0; k < out.length; k++) {
            int i = items.indexOf(index.ids().idAt(k));
            out[k] = i < 0 ? 0f : (float) Math.log1p(counts.itemRatingCount(i));
        }
        return out;
    }

    /** A builder over {@code index}: no recommender, in-stock products only, 100 candidates. */
    public static Builder builder(CatalogIndex index) {
        return new Builder(Objects.requireNonNull(index, "index"));
    }

    /** The index searched. */
    public CatalogIndex index() {
        return index;
    }

    /** The weight {@code w} of the recommender's score in the blend. */
    public double weight() {
        return weight;
    }

    /**
     * The same search with another blend weight (sharing everything else), e.g. while tuning it on
     * logged searches.
     *
     * @throws IllegalArgumentException if {@code weight} is not in [0, 1]
     */
    public ProductSearch withWeight(double weight) {
        Builder.checkUnit("weight", weight);
        return new ProductSearch(this, weight);
    }

    /** {@link #search(long, String, float[], int, ItemFilter)} without a query vector or filter. */
    public SearchResults search(long userId, String query, int n) {
        return search(userId, query, null, n, ItemFilter.none());
    }

    /**
     * {@link #search(long, String, float[], int, ItemFilter)} without a filter: semantic retrieval by
     * the caller's query vector (e.g. a language model's embedding of the query text, in the space of
     * the item vectors) blended with BM25 on the text.
     */
    public SearchResults search(long userId, String query, float[] queryVector, int n) {
        return search(userId, query, queryVector, n, ItemFilter.none());
    }

    /** {@link #search(long, String, float[], int, ItemFilter)} without a query vector. */
    public SearchResults search(long userId, String query, int n, ItemFilter filter) {
        return search(userId, query, null, n, filter);
    }

    /**
     * The best {@code n} products for {@code query} and this user.
     *
     * @param userId      the customer, or {@link #ANONYMOUS}; an id the recommender does not know is
     *                    served like an anonymous visitor (popularity) and the source says so
     * @param query       any text; null, empty, very long or full of control characters gives a clear
     *                    result (empty, or cut, with a note), never an exception
     * @param queryVector the query's own vector from the model that made the item vectors (semantic
     *                    retrieval), or null to use the best text matches' vectors; a zero vector
     *                    retrieves nothing by vector
     * @param n           how many products at most
     * @param filter      allow/deny lists and predicate applied to every candidate
     * @throws IllegalArgumentException if {@code n < 0}, or the query vector has the wrong dimension or
     *                                  non-finite values
     * @throws NullPointerException     if {@code filter} is null
     */
    public SearchResults search(long userId, String query, float[] queryVector, int n, ItemFilter filter) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Objects.requireNonNull(filter, "filter");
        if (queryVector != null) {
            checkQueryVector(queryVector);
        }
        ParsedQuery parsed = QueryUnderstanding.parse(index, query, brandMode, categoryMode, maxChars, maxTerms);
        List<String> notes = new ArrayList<>(parsed.notes());
        if (parsed.isEmpty() && queryVector == null) {
            notes.add(query == null || query.isBlank() ? "empty query" : "no searchable words in the query");
            return new SearchResults(new SearchHit[0], parsed, "none", false, 0, notes);
        }

        // 1. Text retrieval, relaxed to any term if too few match all.
        int k = Math.max(candidates, n);
        CatalogIndex.Hits hits = index.retrieve(parsed, k, true, inStockOnly);
        boolean relaxed = false;
        if (hits.size() < n && parsed.textTerms().size() > 1) {
            hits = index.retrieve(parsed, k, false, inStockOnly);
            relaxed = true;
        }
        int size = hits.size();
        int[] cand = Arrays.copyOf(hits.index(), size + (vectorIndex != null ? semanticCandidates : 0));
        double[] rel = new double[cand.length];
        float maxScore = 0;
        for (int j = 0; j < size; j++) {
            maxScore = Math.max(maxScore, hits.score()[j]);
        }
        for (int j = 0; j < size; j++) {
            rel[j] = maxScore > 0 ? hits.score()[j] / maxScore : 1.0;
        }

        // 2. Vectors: semantic retrieval, blended with BM25.
        if (vectorIndex != null) {
            float[] q = VectorIndex.unit(queryVector != null ? queryVector : centroid(cand, size));
            if (q != null) {
                int textHits = size;
                CatalogIndex.Hits near = vectorIndex.nearest(q, parsed, inStockOnly, semanticCandidates);
                if (near.size() > 0) {
                    Int2IntOpenHashMap position = new Int2IntOpenHashMap(size * 2);
                    position.defaultReturnValue(-1);
                    for (int j = 0; j < size; j++) {
                        position.put(cand[j], j);
                    }
                    for (int j = 0; j < near.size(); j++) {
                        int c = near.index()[j];
                        if (position.get(c) < 0) {
                            position.put(c, size);
                            cand[size++] = c;
                        }
                    }
                }
                double[] cos = new double[size];
                double best = 0;
                for (int j = 0; j < size; j++) {
                    cos[j] = Math.max(0, vectorIndex.cosine(cand[j], q));
                    best = Math.max(best, cos[j]);
                }
                for (int j = 0; j < size; j++) {
                    double semantic = best > 0 ? cos[j] / best : 0;
                    rel[j] = textHits == 0 ? semantic : (1 - vectorWeight) * rel[j] + vectorWeight * semantic;
                }
            }
        }

        // 3. Price words and the caller's filter.
        boolean[] keep = new boolean[size];
        Arrays.fill(keep, true);
        if (parsed.priceIntent() != ParsedQuery.PriceIntent.NONE) {
            double limit = priceLimit(cand, size, parsed.priceIntent());
            if (!Double.isNaN(limit)) {
                boolean cheap = parsed.priceIntent() == ParsedQuery.PriceIntent.CHEAP;
                for (int j = 0; j < size; j++) {
                    double p = index.item(cand[j]).price();
                    keep[j] = !Double.isNaN(p) && (cheap ? p <= limit : p >= limit);
                }
                notes.add(String.format(Locale.ROOT, "%s: price %s %.2f", cheap ? "cheap" : "luxury",
                        cheap ? "<=" : ">=", limit));
            }
        }
        if (filter.hasRules()) {
            for (int j = 0; j < size; j++) {
                keep[j] &= filter.accepts(index.ids().idAt(cand[j]));
            }
        }

        // 4. Popularity (everyone) and personal scores (users the recommender knows).
        double[] pop = new double[size];
        double p = popularity == null ? 0 : popularityWeight;
        if (popularity != null) {
            float max = 0;
            for (int j = 0; j < size; j++) {
                max = Math.max(max, popularity[cand[j]]);
            }
            for (int j = 0; j < size; j++) {
                pop[j] = max > 0 ? popularity[cand[j]] / max : 0;
            }
        }
        double[] personal = new double[size];
        double w = 0;
        String source = "BM25";
        if (popularity != null) {
            source += String.format(Locale.ROOT, " + popularity %.2f", p);
        }
        boolean known = recommender != null && knows(userId);
        if (known) {
            w = weight;
            source += String.format(Locale.ROOT, " + personal %.2f (%s)", w, personalScores(userId, cand, size, keep, personal));
        } else {
            source += " (" + (userId == ANONYMOUS ? "anonymous" : recommender == null ? "no recommender" : "unknown user") + ")";
        }
        if (vectorIndex != null) {
            source = source.replace("BM25", String.format(Locale.ROOT, "BM25 + vectors %.2f", vectorWeight));
        }

        // 5. Blend and select.
        TopN top = new TopN(Math.min(n, size));
        for (int j = 0; j < size; j++) {
            if (keep[j]) {
                top.offer(j, (1 - w) * ((1 - p) * rel[j] + p * pop[j]) + w * personal[j]);
            }
        }
        int[] order = new int[top.size()];
        double[] score = new double[order.length];
        top.drainTo(order, score);
        SearchHit[] out = new SearchHit[order.length];
        boolean explain = explanations && known && recommender instanceof Explainable;
        for (int r = 0; r < order.length; r++) {
            int j = order[r];
            int c = cand[j];
            long id = index.ids().idAt(c);
            Map<SearchField, List<String>> matched = index.matchedTerms(c, parsed.terms());
            List<Long> because = explain ? because(userId, id) : List.of();
            out[r] = new SearchHit(id, score[r], rel[j], pop[j], personal[j], matched, because);
        }
        return new SearchResults(out, parsed, source, relaxed, Math.max(hits.total(), size), notes);
    }

    /** Whether the recommender has history for this user. */
    private boolean knows(long userId) {
        if (userId == ANONYMOUS) {
            return false;
        }
        if (recommender instanceof AbstractRecommender ar) {
            RatingMatrix train = ar.trainingData();
            int u = train.users().indexOf(userId);
            return u >= 0 && train.userRatingCount(u) > 0;
        }
        return true;
    }

    private String personalScores(long userId, int[] cand, int size, boolean[] keep, double[] personal) {
        ItemFilter.Builder allow = ItemFilter.builder().excludeSeen(false);
        long[] ids = new long[size];
        int m = 0;
        for (int j = 0; j < size; j++) {
            if (keep[j]) {
                ids[m++] = index.ids().idAt(cand[j]);
            }
        }
        if (m == 0) {
            return recommender.toString();
        }
        allow.allow(Arrays.copyOf(ids, m));
        Recommendations recs = recommender.topN(userId, m, allow.build());
        Long2IntOpenHashMap position = new Long2IntOpenHashMap(size * 2);
        position.defaultReturnValue(-1);
        for (int j = 0; j < size; j++) {
            position.put(index.ids().idAt(cand[j]), j);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ScoredItem s : recs) {
            lo = Math.min(lo, s.score());
            hi = Math.max(hi, s.score());
        }
        for (ScoredItem s : recs) {
            int j = position.get(s.itemId());
            if (j >= 0 && Double.isFinite(s.score())) {
                personal[j] = hi > lo ? (s.score() - lo) / (hi - lo) : 1.0;
            }
        }
        return recs.source();
    }

    /**
     * The products the user bought that make the recommender score {@code itemId} ("because you bought
     * X"), strongest first, at most 3; empty if the recommender cannot explain (not {@link Explainable},
     * or the user or item is unknown to it).
     */
    public List<Long> becauseOf(long userId, long itemId) {
        if (!(recommender instanceof Explainable) || !knows(userId)) {
            return List.of();
        }
        return because(userId, itemId);
    }

    private List<Long> because(long userId, long itemId) {
        Explanation e = ((Explainable) recommender).explain(userId, itemId);
        List<Long> out = new ArrayList<>(2);
        for (Explanation.Contribution c : e.contributions()) {
            if (c.isItem() && c.weight() > 0 && out.size() < 3) {
                out.add(c.itemId());
            }
        }
        return out;
    }

    /** The sum of the unit vectors of the best {@code expansionSeeds} text matches (all zero if none has a vector). */
    private float[] centroid(int[] cand, int size) {
        float[] q = new float[dimension];
        int used = 0;
        for (int j = 0; j < size && used < expansionSeeds; j++) {
            if (vectorIndex.has(cand[j])) {
                vectorIndex.addTo(cand[j], q);
                used++;
            }
        }
        return q;
    }

    /** The price quantile that separates cheap (or dear) candidates, or NaN if no candidate has a price. */
    private double priceLimit(int[] cand, int size, ParsedQuery.PriceIntent intent) {
        double[] prices = new double[size];
        int m = 0;
        for (int j = 0; j < size; j++) {
            double p = index.item(cand[j]).price();
            if (!Double.isNaN(p)) {
                prices[m++] = p;
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(prices, 0, m);
        double q = intent == ParsedQuery.PriceIntent.CHEAP ? priceQuantile : 1 - priceQuantile;
        return prices[(int) Math.min(m - 1, Math.floor(q * (m - 1)))];
    }

    private void checkQueryVector(float[] q) {
        if (vectorIndex == null) {
            throw new IllegalArgumentException("a query vector was given but this search has no item vectors;"
                    + " set them with ProductSearch.Builder.vectors(...)");
        }
        if (q.length != dimension) {
            throw new IllegalArgumentException("query vector has " + q.length + " components, expected "
                    + dimension);
        }
        for (int d = 0; d < q.length; d++) {
            if (!Float.isFinite(q[d])) {
                throw new IllegalArgumentException("query vector has " + q[d] + " at component " + d
                        + "; values must be finite");
            }
        }
    }

    @Override
    public String toString() {
        return "ProductSearch[" + index + (recommender != null ? ", w=" + weight + " " + recommender : "")
                + (vectorIndex != null ? ", vectors " + vectorWeight + " " + vectorIndex : "") + "]";
    }

    /** Settings of a {@link ProductSearch}, checked where set. Not thread-safe. */
    public static final class Builder {
        /** The default catalogue size (products with vectors) from which the HNSW graph is used. */
        public static final int DEFAULT_HNSW_FROM = 20_000;
        /** The default number of neighbours an HNSW search collects at least. */
        public static final int DEFAULT_HNSW_WIDTH = 64;

        private final CatalogIndex index;
        private Recommender recommender;
        private double weight = 0.3;
        private RatingMatrix popularity;
        private double popularityWeight = 0.1;
        private DenseVectors vectors;
        private double vectorWeight = 0.3;
        private int expansionSeeds = 5;
        private int semanticCandidates = 20;
        private int hnswFrom = DEFAULT_HNSW_FROM;
        private int hnswWidth = DEFAULT_HNSW_WIDTH;
        private int candidates = 100;
        private boolean inStockOnly = true;
        private IntentMode brandMode = IntentMode.FILTER;
        private IntentMode categoryMode = IntentMode.BOOST;
        private double priceQuantile = 0.4;
        private boolean explanations = false;
        private int maxChars = QueryUnderstanding.DEFAULT_MAX_CHARS;
        private int maxTerms = QueryUnderstanding.DEFAULT_MAX_TERMS;

        private Builder(CatalogIndex index) {
            this.index = index;
        }

        /**
         * Personalises with {@code recommender}'s scores at blend weight {@code weight} in [0, 1] (default
         * 0.3; 0 = plain relevance, 1 = the recommender's order among the matches).
         *
         * @throws IllegalArgumentException if the weight is not in [0, 1]
         */
        public Builder recommender(Recommender recommender, double weight) {
            checkUnit("weight", weight);
            this.recommender = Objects.requireNonNull(recommender, "recommender");
            this.weight = weight;
            return this;
        }

        /**
         * Blends {@code log(1 + interactions)} per product into relevance at weight {@code weight} in
         * [0, 1] (default 0.1) for every user; for unknown and anonymous users it is the only signal
         * besides the text. Without this, an {@link AbstractRecommender}'s training data is used.
         *
         * @throws IllegalArgumentException if the weight is not in [0, 1]
         */
        public Builder popularity(RatingMatrix interactions, double weight) {
            checkUnit("popularity weight", weight);
            this.popularity = Objects.requireNonNull(interactions, "interactions");
            this.popularityWeight = weight;
            return this;
        }

        /**
         * Semantic retrieval: the products nearest to the query vector by cosine (the vector given to
         * {@code search}, or the sum of the unit vectors of the best text matches) join the candidates,
         * and relevance becomes {@code (1 - weight) * bm25 / max(bm25) + weight * cos+ / max(cos+)} with
         * {@code cos+ = max(0, cosine)}, both normalised over the query's candidates. {@code weight} in
         * [0, 1] (default 0.3); vectors of products not in the index are ignored, zero vectors count as
         * none. Building the search builds the vector index (an HNSW graph above {@link #hnsw}'s size).
         *
         * @throws IllegalArgumentException if the weight is not in [0, 1]
         */
        public Builder vectors(DenseVectors vectors, double weight) {
            checkUnit("vector weight", weight);
            this.vectors = Objects.requireNonNull(vectors, "vectors");
            this.vectorWeight = weight;
            return this;
        }

        /**
         * How many of the best text matches make the query vector when none is given ({@code seeds},
         * default 5) and how many products nearest to the query vector join the candidates
         * ({@code candidates}, default 20; 0 only re-scores the text matches).
         *
         * @throws IllegalArgumentException if {@code seeds < 1} or {@code candidates < 0}
         */
        public Builder expansion(int seeds, int candidates) {
            if (seeds < 1) {
                throw new IllegalArgumentException("expansion seeds must be >= 1, got " + seeds);
            }
            if (candidates < 0) {
                throw new IllegalArgumentException("expansion candidates must be >= 0, got " + candidates);
            }
            this.expansionSeeds = seeds;
            this.semanticCandidates = candidates;
            return this;
        }

        /**
         * Nearest products by Lucene's HNSW graph once at least {@code fromProducts} catalogue products
         * have vectors (default {@value #DEFAULT_HNSW_FROM}, where the graph became faster than the exact
         * scan in our measurement; 0 always uses it, {@link Integer#MAX_VALUE} never), collecting at least
         * {@code width} neighbours per search (Lucene's {@code k}, default {@value #DEFAULT_HNSW_WIDTH}:
         * wider finds more of the exact neighbours and costs more). Below the size, an exact scan.
         *
         * @throws IllegalArgumentException if {@code fromProducts < 0} or {@code width < 1}
         */
        public Builder hnsw(int fromProducts, int width) {
            if (fromProducts < 0) {
                throw new IllegalArgumentException("HNSW catalogue size must be >= 0, got " + fromProducts);
            }
            if (width < 1) {
                throw new IllegalArgumentException("HNSW search width must be >= 1, got " + width);
            }
            this.hnswFrom = fromProducts;
            this.hnswWidth = width;
            return this;
        }

        /**
         * How many text matches are re-ranked (default 100; at least {@code n} are).
         *
         * @throws IllegalArgumentException if {@code candidates < 1}
         */
        public Builder candidates(int candidates) {
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        /** Whether out-of-stock products are left out (default true). */
        public Builder inStockOnly(boolean inStockOnly) {
            this.inStockOnly = inStockOnly;
            return this;
        }

        /** What a brand named in the query does (default {@link IntentMode#FILTER}). */
        public Builder brandMode(IntentMode mode) {
            this.brandMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** What a category named in the query does (default {@link IntentMode#BOOST}). */
        public Builder categoryMode(IntentMode mode) {
            this.categoryMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The share of candidates "cheap" keeps, by price (default 0.4: the cheapest 40%); "luxury" keeps
         * the dearest share.
         *
         * @throws IllegalArgumentException if not in (0, 1]
         */
        public Builder priceQuantile(double quantile) {
            if (!(quantile > 0 && quantile <= 1)) {
                throw new IllegalArgumentException("price quantile must be in (0, 1], got " + quantile);
            }
            this.priceQuantile = quantile;
            return this;
        }

        /**
         * Whether every hit carries "because you bought X" from an {@link Explainable} recommender
         * (default false: on a 10^5-product shop with item-KNN it costs about 1.4 ms of CPU per search of
         * 10 hits, twice the rest of the search; {@link ProductSearch#becauseOf} explains one hit on demand).
         */
        public Builder explanations(boolean explanations) {
            this.explanations = explanations;
            return this;
        }

        /**
         * Queries are cut to {@code maxChars} characters (default 1,000) and to their first {@code maxTerms}
         * terms (default 32); the result notes either.
         *
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder limits(int maxChars, int maxTerms) {
            if (maxChars < 1 || maxTerms < 1) {
                throw new IllegalArgumentException("query limits must be >= 1, got " + maxChars + " characters and "
                        + maxTerms + " terms");
            }
            this.maxChars = maxChars;
            this.maxTerms = maxTerms;
            return this;
        }

        /** The search. */
        public ProductSearch build() {
            return new ProductSearch(this);
        }

        static void checkUnit(String name, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
            }
        }
    }
}
