package io.jrec.core;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;

/**
 * An immutable two-way mapping between external {@code long} ids and dense {@code int} indices
 * {@code 0..size()-1}.
 *
 * <p>Ids may be any {@code long} values (negative, sparse, as large as 10^12 or more); indices are
 * assigned in the order the ids were given. {@link RatingMatrix.Builder} gives ids in ascending order,
 * so for matrices it builds, ascending index order is ascending id order.
 *
 * <p>Thread-safe: instances never change after construction.
 *
 * @since 0.1.0
 */
public final class IdIndex {
    private static final IdIndex EMPTY = new IdIndex(new long[0]);

    private final long[] ids;
    private final Long2IntOpenHashMap indexOf;

    private IdIndex(long[] ids) {
        this.ids = ids;
        this.indexOf = new Long2IntOpenHashMap(ids.length);
        indexOf.defaultReturnValue(-1);
        for (int i = 0; i < ids.length; i++) {
            int previous = indexOf.putIfAbsent(ids[i], i);
            if (previous != -1) {
                throw new IllegalArgumentException("duplicate id " + ids[i] + " at positions " + previous + " and " + i);
            }
        }
    }

    /** An index with no ids. */
    public static IdIndex empty() {
        return EMPTY;
    }

    /**
     * An index over the given distinct ids; id {@code ids[k]} gets index {@code k}.
     *
     * @throws IllegalArgumentException if an id occurs twice
     */
    public static IdIndex of(long... ids) {
        return ids.length == 0 ? EMPTY : new IdIndex(ids.clone());
    }

    /** An index over the distinct values of {@code ids} (duplicates allowed), in ascending id order. */
    public static IdIndex sortedDistinct(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[n++] = sorted[k];
            }
        }
        return n == 0 ? EMPTY : new IdIndex(Arrays.copyOf(sorted, n));
    }

    /** The number of ids. */
    public int size() {
        return ids.length;
    }

    /** The dense index of {@code id}, or {@code -1} when the id is unknown. */
    public int indexOf(long id) {
        return indexOf.get(id);
    }

    /**
     * The dense index of {@code id}.
     *
     * @throws IllegalArgumentException if the id is unknown
     */
    public int require(long id) {
        int index = indexOf.get(id);
        if (index < 0) {
            throw new IllegalArgumentException("unknown id " + id);
        }
        return index;
    }

    /** Whether {@code id} is in this index. */
    public boolean contains(long id) {
        return indexOf.containsKey(id);
    }

    /**
     * The external id at dense index {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..size()-1}
     */
    public long idAt(int index) {
        return ids[index];
    }

    /** A copy of all ids, by index. */
    public long[] toArray() {
        return ids.clone();
    }

    /**
     * A new index holding these ids followed by those ids of {@code more} that are not here yet, in
     * their order of first appearance. Existing ids keep their indices.
     */
    public IdIndex extend(long[] more) {
        long[] grown = Arrays.copyOf(ids, ids.length + more.length);
        Long2IntOpenHashMap seen = new Long2IntOpenHashMap(more.length);
        seen.defaultReturnValue(-1);
        int n = ids.length;
        for (long id : more) {
            if (indexOf.get(id) < 0 && seen.putIfAbsent(id, n) == -1) {
                grown[n++] = id;
            }
        }
        return n == ids.length ? this : new IdIndex(Arrays.copyOf(grown, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdIndex other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + ids.length + "]";
    }
}
