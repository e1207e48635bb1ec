package io.jrec.core.eval;

/**
 * A figure the {@link Evaluator} computes per split: either an {@link ErrorMetric} over predicted
 * ratings (RMSE, MAE) or a {@link TopNMetric} over top-N lists. Create them with {@link Metrics}.
 * Metrics are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Metric permits ErrorMetric, TopNMetric {

    /** The label in reports, e.g. {@code "NDCG@10"}; unique within one evaluation. */
    String name();
}
