/**
 * The small baselines: {@link io.jrec.models.baseline.PopularityRecommender} (interaction counts,
 * optionally weighted and time-decayed) and {@link io.jrec.models.baseline.BaselinePredictor}
 * ({@code mu + b_u + b_i}), with their codecs ({@code PopularityCodec}, {@code BaselineCodec}) and
 * incremental updates ({@code update} on each model).
 *
 * <p>May use {@code io.jrec.core} and {@link io.jrec.models.internal} (the shared
 * {@link io.jrec.models.internal.Baselines} estimator, session checks). Other families may use its public
 * API only.
 */
package io.jrec.models.baseline;
