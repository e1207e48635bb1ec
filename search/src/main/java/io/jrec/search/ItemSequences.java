package io.jrec.search;

import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;

/**
 * Customers' item sequences (what each one viewed or bought, in time order), the training data of
 * {@link Item2Vec}. Stored as one {@code int[]} of dense item indices with sequence offsets (CSR).
 *
 * <pre>{@code
 * ItemSequences s = ItemSequences.builder().add(1001L, 1002L, 1005L).add(1002L, 1003L).build();
 * ItemSequences fromLog = ItemSequences.byTime(interactions);   // each user's items by timestamp
 * }</pre>
 * Immutable; thread-safe.
 */
public final class ItemSequences {
    private final IdIndex items;
    private final int[] offsets;
    private final int[] values;

    private ItemSequences(IdIndex items, int[] offsets, int[] values) {
        this.items = items;
        this.offsets = offsets;
        this.values = values;
    }

    /** A builder with no sequences. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One sequence per user of {@code m}: the user's items in ascending timestamp order (ties, and
     * matrices without timestamps, by ascending item index). Users without items are left out.
     */
    public static ItemSequences byTime(RatingMatrix m) {
        SparseMatrix rows = m.byUser();
        int[] offsets = new int[m.userCount() + 1];
        int[] values = new int[m.size()];
        int[] order = new int[0];
        boolean times = rows.hasTimestamps();
        int s = 0;
        int k = 0;
        for (int u = 0; u < m.userCount(); u++) {
            int from = rows.rowStart(u);
            int len = rows.rowEnd(u) - from;
            if (len == 0) {
                continue;
            }
            if (order.length < len) {
                order = new int[len];
            }
            for (int p = 0; p < len; p++) {
                order[p] = from + p;      // positions are in ascending item index order
            }
            if (times) {
                IntArrays.stableSort(order, 0, len, (a, b) -> Long.compare(rows.timestamp(a), rows.timestamp(b)));
            }
            for (int p = 0; p < len; p++) {
                values[k++] = rows.column(order[p]);
            }
            offsets[++s] = k;
        }
        return new ItemSequences(m.items(), Arrays.copyOf(offsets, s + 1), values);
    }

    /** The items, dense index {@code i} being {@code items().idAt(i)}. */
    public IdIndex items() {
        return items;
    }

    /** The number of sequences. */
    public int size() {
        return offsets.length - 1;
    }

    /** The total number of entries over all sequences. */
    public int totalLength() {
        return values.length;
    }

    /** The length of sequence {@code s}. */
    public int length(int s) {
        return offsets[s + 1] - offsets[s];
    }

    /** The dense item index at position {@code p} of sequence {@code s}. */
    public int item(int s, int p) {
        return values[offsets[s] + p];
    }

    int start(int s) {
        return offsets[s];
    }

    int[] values() {
        return values;
    }

    @Override
    public String toString() {
        return "ItemSequences[" + size() + " sequences, " + values.length + " entries, " + items.size() + " items]";
    }

    /** Collects sequences of item ids. Not thread-safe. */
    public static final class Builder {
        private final Long2IntOpenHashMap indexOf = new Long2IntOpenHashMap();
        private long[] ids = new long[16];
        private int itemCount;
        private int[] offsets = new int[16];
        private int[] values = new int[64];
        private int sequences;
        private int length;

        private Builder() {
            indexOf.defaultReturnValue(-1);
        }

        /** Adds one sequence of item ids in order (repeats allowed; an empty sequence is ignored). */
        public Builder add(long... itemIds) {
            if (itemIds.length == 0) {
                return this;
            }
            if (length + itemIds.length > values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, length + itemIds.length));
            }
            for (long id : itemIds) {
                int i = indexOf.get(id);
                if (i < 0) {
                    i = itemCount++;
                    indexOf.put(id, i);
                    if (i == ids.length) {
                        ids = Arrays.copyOf(ids, 2 * i);
                    }
                    ids[i] = id;
                }
                values[length++] = i;
            }
            if (sequences + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * offsets.length);
            }
            offsets[++sequences] = length;
            return this;
        }

        /** The sequences; items are indexed in order of first appearance. */
        public ItemSequences build() {
            return new ItemSequences(IdIndex.of(Arrays.copyOf(ids, itemCount)), Arrays.copyOf(offsets, sequences + 1),
                    Arrays.copyOf(values, length));
        }
    }
}
