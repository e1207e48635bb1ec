/**
 * Content-based filtering: {@link io.jrec.models.content.ContentBasedRecommender} (cosine between a
 * user's or session's feature profile and the items' features, blended with the cosine of dense vectors
 * when given), its fit-time preparation ({@code ContentFit}), the items' side and scoring kernels
 * ({@code ContentScorer}), per-thread profiles ({@code ContentProfile}) and codec ({@code ContentBasedCodec}).
 *
 * <p>May use {@code io.jrec.core} and {@link io.jrec.models.internal} (session checks). Other families
 * may use its public API only.
 */
package io.jrec.models.content;
