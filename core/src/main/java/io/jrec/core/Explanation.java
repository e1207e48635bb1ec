package io.jrec.core;

import java.util.List;

/**
 * Why a model scored an item for a user: the contributions (items the user has, or item features)
 * that add up to {@link #score()}, largest first.
 *
 * @param userId        the user explained
 * @param itemId        the item explained
 * @param score         the model's score for the pair ({@code NaN} if it cannot score it)
 * @param contributions the parts of the score, largest absolute weight first
 * @since 0.1.0
 */
public record Explanation(long userId, long itemId, double score, List<Contribution> contributions) {

    /** Keeps an unmodifiable copy of {@code contributions}. */
    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * One part of a score: either an item the user interacted with ("because you bought X",
     * {@link #feature()} is null) or an item feature ("brand=acme", {@link #itemId()} is meaningless).
     *
     * @param itemId  the contributing item, when {@link #isItem()}
     * @param feature the contributing feature name, or null for an item contribution
     * @param weight  how much this part adds to the score
     */
    public record Contribution(long itemId, String feature, double weight) {

        /** A contribution of item {@code itemId}. */
        public static Contribution item(long itemId, double weight) {
            return new Contribution(itemId, null, weight);
        }

        /** A contribution of feature {@code name}. */
        public static Contribution feature(String name, double weight) {
            return new Contribution(0L, name, weight);
        }

        /** Whether this part is an item (else a feature). */
        public boolean isItem() {
            return feature == null;
        }
    }
}
