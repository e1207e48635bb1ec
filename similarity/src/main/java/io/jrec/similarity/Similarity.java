package io.jrec.similarity;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseVector;

/**
 * A similarity measure between two sparse vectors (two items' rating columns, or two users' rating
 * rows). The same measure drives pairwise scoring ({@link #between}) and bulk neighbour computation
 * ({@link Neighbors}); both give the same value for the same pair up to float rounding.
 *
 * <p>Measures, with {@code A}, {@code B} the stored entries of {@code a} and {@code b} and {@code C}
 * the co-rated indices (stored in both):
 * <ul>
 *   <li>{@link #cosine()}: {@code a.b / (|a| |b|)}, norms over all stored entries; in {@code [-1, 1]}
 *       ({@code [0, 1]} for non-negative values).</li>
 *   <li>{@link #adjustedCosine(double[])}: cosine of the vectors after subtracting {@code means[index]}
 *       from every stored value (Sarwar et al., "Item-based collaborative filtering recommendation
 *       algorithms", WWW 2001: item vectors centred by each user's mean). Norms are over all stored
 *       entries of each centred vector, not only the co-rated ones (as in LensKit), which damps pairs
 *       with few co-raters; in {@code [-1, 1]}.</li>
 *   <li>{@link #pearson()}: Pearson correlation over the co-rated entries only, each side centred by its
 *       mean over the co-rated entries:
 *       {@code sum_C (a_c - ma)(b_c - mb) / sqrt(sum_C (a_c - ma)^2 * sum_C (b_c - mb)^2)}; in
 *       {@code [-1, 1]}. Computed from one-pass sums; a co-rated variance below {@code 1e-12} of the
 *       co-rated sum of squares counts as zero.</li>
 *   <li>{@link #jaccard()}: {@code |A and B| / |A or B|} on the supports (values ignored); in {@code [0, 1]}.</li>
 *   <li>{@link #weightedJaccard()}: {@code sum_c min(a_c, b_c) / sum_c max(a_c, b_c)} over the union
 *       (absent = 0); values must be non-negative; in {@code [0, 1]}.</li>
 * </ul>
 *
 * <p>Never NaN: whenever a denominator is zero (an empty vector, no co-rated entries, a zero norm or a
 * zero variance) the similarity is 0. Vectors that share no index have similarity 0 under every measure.
 *
 * <p>Optional damping by the co-rated count {@code n = |C|}, applied after the measure, in this order:
 * shrinkage {@code s * n / (n + lambda)} ({@link #withShrinkage}) and significance weighting
 * {@code s * min(n, gamma) / gamma} (Herlocker et al., SIGIR 1999; {@link #withSignificanceWeighting}).
 *
 * <p>Instances are immutable and thread-safe. The interface is sealed: {@link Neighbors} computes every
 * measure with one sparse-product kernel, so the set of measures is closed.
 *
 * @since 0.1.0
 */
public sealed interface Similarity permits Measure {

    /**
     * The similarity of {@code a} and {@code b}; symmetric, never NaN, allocation-free.
     *
     * @throws IllegalArgumentException for {@link #weightedJaccard()} if a value is negative, and for
     *                                  {@link #adjustedCosine(double[])} if an index has no mean
     */
    double between(SparseVector a, SparseVector b);

    /** A short name with the settings, e.g. {@code "pearson shrinkage=10.0"}. */
    String name();

    /**
     * This measure multiplied by {@code n / (n + lambda)}, {@code n} the co-rated count; {@code lambda = 0}
     * means no shrinkage.
     *
     * @throws IllegalArgumentException if {@code lambda} is negative, NaN or infinite
     */
    Similarity withShrinkage(double lambda);

    /**
     * This measure multiplied by {@code min(n, gamma) / gamma}, {@code n} the co-rated count;
     * {@code gamma = 1} leaves every pair with a co-rated entry unchanged.
     *
     * @throws IllegalArgumentException if {@code gamma < 1}
     */
    Similarity withSignificanceWeighting(int gamma);

    /**
     * Whether this measure centres the values before comparing them: true for {@link #pearson()} and
     * {@link #adjustedCosine(double[])}. A centred measure reaches (nearly) 1 on pairs that share only one
     * or two entries, so neighbour models that rank by it damp it by the co-rated count by default.
     */
    boolean centred();

    /**
     * Whether this measure is damped by the co-rated count: {@link #withShrinkage} with {@code lambda > 0}
     * or {@link #withSignificanceWeighting} with {@code gamma > 1}.
     */
    boolean supportWeighted();

    /** Cosine similarity: {@code a.b / (|a| |b|)}. */
    static Similarity cosine() {
        return Measure.COSINE;
    }

    /**
     * Adjusted cosine: cosine of the vectors after subtracting {@code means[index]} from each stored value.
     * For item-item similarity (vectors indexed by user) pass the user means.
     *
     * @param means one finite mean per vector index (copied); vectors may only use indices below
     *              {@code means.length}. Use 0 for an index that has no entries.
     * @throws IllegalArgumentException if a mean is NaN or infinite
     */
    static Similarity adjustedCosine(double[] means) {
        return Measure.adjustedCosine(means);
    }

    /**
     * Adjusted cosine for item-item similarity on {@code ratings}: item vectors (rows of
     * {@link RatingMatrix#byItem()}) centred by each user's mean rating in {@code ratings}.
     */
    static Similarity adjustedCosine(RatingMatrix ratings) {
        double[] means = new double[ratings.userCount()];
        for (int u = 0; u < means.length; u++) {
            double mean = ratings.userMean(u);
            means[u] = Double.isNaN(mean) ? 0.0 : mean;   // a user without ratings is never co-rated
        }
        return Measure.adjustedCosine(means);
    }

    /** Pearson correlation over the co-rated entries, with means over the co-rated entries. */
    static Similarity pearson() {
        return Measure.PEARSON;
    }

    /** Jaccard index of the supports: {@code |A and B| / |A or B|}. */
    static Similarity jaccard() {
        return Measure.JACCARD;
    }

    /** Weighted (Ruzicka) Jaccard: {@code sum min(a, b) / sum max(a, b)}, for non-negative values. */
    static Similarity weightedJaccard() {
        return Measure.WEIGHTED_JACCARD;
    }
}
