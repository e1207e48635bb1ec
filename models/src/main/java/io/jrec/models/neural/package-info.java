/**
 * Neural models built on the {@link io.jrec.models.nn} kit: {@link io.jrec.models.neural.NeuralCollaborativeFiltering}
 * (NeuMF; network, data-parallel trainer, training examples, validation and codec in the
 * {@code NeuMf*} classes) and the shop's {@link io.jrec.models.neural.PurchaseClassifier} (with
 * {@link io.jrec.models.neural.ShopEvents}, {@link io.jrec.models.neural.ProbabilityMetrics} and its
 * {@code PurchaseExamples} / {@code PurchaseHistory} feature builders).
 *
 * <p>May use {@code io.jrec.core}, {@link io.jrec.models.nn} and {@link io.jrec.models.internal}. Other
 * families may use its public API only.
 */
package io.jrec.models.neural;
