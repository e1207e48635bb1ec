/**
 * <b>Internal, not part of jrec's API:</b> helpers shared by more than one model family, public only
 * because Java has no access level between package-private and public. They may change or disappear in
 * any release; applications must not use them.
 * <ul>
 *   <li>{@link io.jrec.models.internal.Baselines}: the {@code mu + b_u + b_i} estimates of
 *       {@code baseline} and of {@code knn}'s baseline centring;</li>
 *   <li>{@link io.jrec.models.internal.MemoryGuard}: memory estimates checked before large fits
 *       ({@code knn}, {@code factor}, {@code linear});</li>
 *   <li>{@link io.jrec.models.internal.Sessions}: session-query argument checks;</li>
 *   <li>{@link io.jrec.models.internal.Checks}, {@link io.jrec.models.internal.Workers},
 *       {@link io.jrec.models.internal.DenseSolver}: builder checks, worker pools, a dense linear solver.</li>
 * </ul>
 *
 * <p>May use {@code io.jrec.core} only, never a family package: a helper that needs a model does not
 * belong here. A helper used by one family stays package-private in that family.
 */
package io.jrec.models.internal;
