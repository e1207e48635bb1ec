package io.jrec.core;

/**
 * One recommended item: its external id and the score the model ranked it by. Scores are comparable
 * only within one list from one model; higher is better.
 *
 * @since 0.1.0
 */
public record ScoredItem(long itemId, double score) {
}
