/**
 * Linear item-item models: {@link io.jrec.models.linear.EaseRecommender} (EASE, a closed-form ridge
 * regression of every item on the others), the blocked symmetric inverse it solves with
 * ({@code SymmetricInverse}) and its codec ({@code EaseCodec}). Sparse linear models belong here too.
 *
 * <p>May use {@code io.jrec.core} and {@link io.jrec.models.internal} (setting checks, memory units,
 * worker pools). Other families may use its public API only.
 */
package io.jrec.models.linear;
