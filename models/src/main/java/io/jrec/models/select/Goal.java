package io.jrec.models.select;

/**
 * What a model is selected for: predicting ratings ({@code predict}) or ranking items ({@code topN}).
 *
 * @since 0.1.0
 */
public enum Goal {
    /** Rating prediction, judged by an error such as RMSE. */
    RATING,
    /** Top-N lists, judged by a ranking metric such as NDCG@10. */
    TOP_N
}
