package io.jrec.models.knn;

/**
 * What a neighbourhood model subtracts from each rating before averaging over neighbours, and adds
 * back to the prediction (see {@link ItemKnnRecommender} and {@link UserKnnRecommender} for the
 * formulas).
 *
 * @since 0.1.0
 */
public enum Centering {
    /** No centring: a plain similarity-weighted average of the neighbours' ratings (Sarwar et al. 2001). */
    NONE,
    /** Subtract the mean rating of the neighbour (item mean for item-KNN, user mean for user-KNN). */
    MEAN,
    /** Subtract the baseline {@code b_uj = mu + b_u + b_j} (Koren 2010, equation 3). */
    BASELINE
}
