/**
 * The core of jrec: external ids mapped to dense indices ({@link io.jrec.core.IdIndex}), the immutable
 * sparse {@link io.jrec.core.RatingMatrix} (CSR by user and CSC by item), zero-copy
 * {@link io.jrec.core.SparseVector} views, the {@link io.jrec.core.Recommender} /
 * {@link io.jrec.core.Algorithm} API, bounded {@link io.jrec.core.TopN} selection and query-time
 * {@link io.jrec.core.ItemFilter}s.
 *
 * <p>Naming convention used throughout: {@code userId}/{@code itemId} are external {@code long} ids,
 * {@code u}/{@code i} (or {@code user}/{@code item} of type {@code int}) are dense indices.
 */
package io.jrec.core;
