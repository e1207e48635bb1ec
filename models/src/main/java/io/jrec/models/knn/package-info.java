/**
 * Neighbourhood models: {@link io.jrec.models.knn.ItemKnnRecommender} and
 * {@link io.jrec.models.knn.UserKnnRecommender}, with their shared settings ({@code KnnBuilder},
 * {@code KnnSettings}, the public {@link io.jrec.models.knn.Centering}), the compact neighbour lists the
 * queries read ({@code NeighborLists}), the incremental updates ({@code KnnUpdates}) and the codecs
 * ({@code ItemKnnCodec}, {@code UserKnnCodec}).
 *
 * <p>May use {@code io.jrec.core}, {@code io.jrec.similarity} (the all-pairs neighbour search) and
 * {@link io.jrec.models.internal} (baseline estimates for baseline centring, the memory guard, session
 * checks). Other families may use its public API only.
 */
package io.jrec.models.knn;
