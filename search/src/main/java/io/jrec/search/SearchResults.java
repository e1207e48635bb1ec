package io.jrec.search;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The answer to a search: an immutable list of {@link SearchHit}s, best first, with how the query was
 * understood ({@link #query()}: corrections, brands, prices), how the list was ranked ({@link #source()})
 * and whether the query had to be relaxed (not every term matched together). An empty list is a valid
 * answer (nothing matched, or the query was empty), never an exception.
 */
public final class SearchResults extends AbstractList<SearchHit> implements RandomAccess {
    private final SearchHit[] hits;
    private final ParsedQuery query;
    private final String source;
    private final boolean relaxed;
    private final int matches;
    private final List<String> notes;

    SearchResults(SearchHit[] hits, ParsedQuery query, String source, boolean relaxed, int matches, List<String> notes) {
        this.hits = hits;
        this.query = query;
        this.source = source;
        this.relaxed = relaxed;
        this.matches = matches;
        this.notes = List.copyOf(notes);
    }

    /** How the query was understood. */
    public ParsedQuery query() {
        return query;
    }

    /** How the list was ranked, e.g. {@code "BM25 + popularity 0.10 + personal 0.50 (ItemKNN...)"} or {@code "BM25 + popularity 0.10 (anonymous)"}. */
    public String source() {
        return source;
    }

    /** Whether fewer than the requested products matched every term, so products matching any term were added. */
    public boolean relaxed() {
        return relaxed;
    }

    /** How many products matched the query and its filters in all (before the candidate cut). */
    public int matches() {
        return matches;
    }

    /** Notes for the user: the query's own notes plus what the search did (e.g. "cheap: price {@literal <=} 31.99"). */
    public List<String> notes() {
        return notes;
    }

    /** The product ids, best first. */
    public long[] itemIds() {
        long[] ids = new long[hits.length];
        for (int k = 0; k < hits.length; k++) {
            ids[k] = hits[k].itemId();
        }
        return ids;
    }

    @Override
    public SearchHit get(int index) {
        return hits[index];
    }

    @Override
    public int size() {
        return hits.length;
    }

    @Override
    public String toString() {
        return source + " " + query + " " + super.toString();
    }
}
