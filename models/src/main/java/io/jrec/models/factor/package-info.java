/**
 * Latent-factor models: {@link io.jrec.models.factor.MatrixFactorizationRecommender} (biased MF and
 * SVD++, trained by SGD in {@code MatrixFactorizationFit}, new users folded in by {@code FoldIn}) and
 * {@link io.jrec.models.factor.ImplicitAlsRecommender} (implicit-feedback ALS), their shared factor
 * helpers ({@code FactorModels}) and codecs ({@code MatrixFactorizationCodec}, {@code ImplicitAlsCodec}).
 *
 * <p>May use {@code io.jrec.core} and {@link io.jrec.models.internal} (setting checks, memory guard,
 * worker pools, the dense solver). Other families may use its public API only.
 */
package io.jrec.models.factor;
