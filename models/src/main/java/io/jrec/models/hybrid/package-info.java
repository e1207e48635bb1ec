/**
 * {@link io.jrec.models.hybrid.HybridRecommender}: a weighted blend of other recommenders with an
 * optional switching fallback chain, its fit ({@code HybridFit}), candidate accumulator
 * ({@code HybridCandidates}) and codec ({@code HybridCodec}, which saves the members through their own
 * codecs).
 *
 * <p>May use {@code io.jrec.core} and {@link io.jrec.models.internal}; it sees its members only as
 * {@link io.jrec.core.Recommender}s, never as a particular family's model.
 */
package io.jrec.models.hybrid;
