package io.jrec.core;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The result of a top-N query: an immutable list of {@link ScoredItem}s, best first, that also says
 * which model produced it ({@link #source()}), e.g. {@code "ItemKNN"} or
 * {@code "Popularity (unknown user)"} when a fallback served the request.
 *
 * <p>It is a {@code List<ScoredItem>}; applications that do not care about provenance use it as one.
 *
 * @since 0.1.0
 */
public final class Recommendations extends AbstractList<ScoredItem> implements RandomAccess {
    private final ScoredItem[] items;
    private final String source;

    private Recommendations(ScoredItem[] items, String source) {
        this.items = items;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A list of the given items (copied), best first, served by {@code source}. */
    public static Recommendations of(List<ScoredItem> items, String source) {
        return new Recommendations(items.toArray(new ScoredItem[0]), source);
    }

    /** An empty list served by {@code source}. */
    public static Recommendations empty(String source) {
        return new Recommendations(new ScoredItem[0], source);
    }

    static Recommendations wrap(ScoredItem[] items, String source) {
        return new Recommendations(items, source);
    }

    /** Which model (and which path, e.g. a fallback) produced this list. */
    public String source() {
        return source;
    }

    /** The item ids, best first. */
    public long[] itemIds() {
        long[] ids = new long[items.length];
        for (int k = 0; k < items.length; k++) {
            ids[k] = items[k].itemId();
        }
        return ids;
    }

    @Override
    public ScoredItem get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public String toString() {
        return source + super.toString();
    }
}
