package io.jrec.search;

/**
 * A search from a shop's log that ended in a purchase: who searched, what they typed and what they
 * bought. {@link SearchEvaluation} measures and tunes a {@link ProductSearch} on such logs.
 *
 * @param userId       the customer (or {@link ProductSearch#ANONYMOUS})
 * @param query        the query as typed
 * @param boughtItemId the product bought after the search
 */
public record LoggedSearch(long userId, String query, long boughtItemId) {
}
