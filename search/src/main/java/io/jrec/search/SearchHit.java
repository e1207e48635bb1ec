package io.jrec.search;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One product in a {@link SearchResults} list, with the parts of its score and why it is there.
 *
 * @param itemId     the product id
 * @param score      the blended score {@code (1 - w) * ((1 - p) * relevance + p * popularity) + w * personal},
 *                   in [0, 1] (see {@link ProductSearch})
 * @param relevance  the text (and vector) relevance normalised per query to [0, 1] (1 for the best match)
 * @param popularity the product's popularity normalised per query to [0, 1] (0 without popularity data)
 * @param personal   the recommender's score for this user normalised per query to [0, 1] (0 for unknown
 *                   and anonymous users)
 * @param matched    which query terms matched in which fields (unmodifiable, fields in declaration order;
 *                   empty for products found only by filters or vectors)
 * @param becauseOf  products the user bought that made the recommender score this one ("because you
 *                   bought X"), strongest first (unmodifiable; empty when not known)
 */
public record SearchHit(long itemId, double score, double relevance, double popularity, double personal,
                        Map<SearchField, List<String>> matched, List<Long> becauseOf) {

    public SearchHit {
        EnumMap<SearchField, List<String>> fields = new EnumMap<>(SearchField.class);
        for (Map.Entry<SearchField, List<String>> e : matched.entrySet()) {
            fields.put(e.getKey(), List.copyOf(e.getValue()));
        }
        matched = Collections.unmodifiableMap(fields);
        becauseOf = List.copyOf(becauseOf);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d score %.3f (relevance %.3f, popularity %.3f, personal %.3f) matched %s%s",
                itemId, score, relevance, popularity, personal, matched, becauseOf.isEmpty() ? "" : " because of " + becauseOf);
    }
}
