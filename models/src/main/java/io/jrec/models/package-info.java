/**
 * jrec's recommender models, one package per model family. This package itself holds no classes; it
 * is the root of:
 * <ul>
 *   <li>{@link io.jrec.models.baseline}: {@code PopularityRecommender}, {@code BaselinePredictor};</li>
 *   <li>{@link io.jrec.models.knn}: {@code ItemKnnRecommender}, {@code UserKnnRecommender}, {@code Centering};</li>
 *   <li>{@link io.jrec.models.factor}: {@code MatrixFactorizationRecommender} (also SVD++),
 *       {@code ImplicitAlsRecommender};</li>
 *   <li>{@link io.jrec.models.linear}: {@code EaseRecommender};</li>
 *   <li>{@link io.jrec.models.neural}: {@code NeuralCollaborativeFiltering}, {@code PurchaseClassifier},
 *       {@code ShopEvents}, {@code ProbabilityMetrics};</li>
 *   <li>{@link io.jrec.models.content}: {@code ContentBasedRecommender};</li>
 *   <li>{@link io.jrec.models.hybrid}: {@code HybridRecommender};</li>
 *   <li>{@link io.jrec.models.nn}: the hand-written neural-network kit the neural models use;</li>
 *   <li>{@link io.jrec.models.internal}: helpers shared by several families (not API).</li>
 * </ul>
 *
 * <p>Each family package holds its models, their settings and builders, their {@link io.jrec.core.io.ModelCodec}s
 * (registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}) and their incremental updates. A
 * family package may use {@code io.jrec.core}, {@code io.jrec.similarity}, {@link io.jrec.models.internal}
 * and the public API of other families; it never reads another family's package-private state.
 *
 * <p>To add a model: a new class (plus its {@code ModelCodec} if it can be saved) in the family package
 * it belongs to, or a new family package with a {@code package-info.java}; then one line in the
 * services file. Nothing central changes.
 */
package io.jrec.models;
