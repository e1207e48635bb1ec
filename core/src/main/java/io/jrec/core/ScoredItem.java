package io.jrec.core;

/**
 * One recommended item: its external id and the score the model ranked it by. Scores are comparable
 * only within one list from one model; higher is better.
 */
public record ScoredItem(long itemId, double score) {
}
