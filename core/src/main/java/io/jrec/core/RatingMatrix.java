package io.jrec.core;

import java.util.Arrays;
import java.util.BitSet;

/**
 * An immutable user x item matrix of ratings or interaction weights, stored once by user (CSR) and
 * once by item (CSC) in primitive arrays, with external {@code long} ids mapped to dense indices by
 * {@link #users()} and {@link #items()}.
 *
 * <pre>{@code
 * RatingMatrix m = RatingMatrix.builder()
 *         .add(42L, 1001L, 4.0)
 *         .add(42L, 1002L, 3.5, 1700000000L)   // optional timestamp (any unit, e.g. unix seconds)
 *         .build();
 * SparseVector row = m.userRow(m.users().indexOf(42L));
 * }</pre>
 *
 * <p>Values are finite {@code float}s (NaN and infinity are rejected when added). An absent entry
 * means "no interaction", not zero. Rows from {@link #userRow} / {@link #itemColumn} are zero-copy,
 * sorted {@link SparseVector} views. Per-user and per-item means are over stored entries and are
 * {@code NaN} for a user or item without entries (possible after {@link #select}).
 *
 * <p>Thread-safe: instances never change.
 *
 * @since 0.1.0
 */
public final class RatingMatrix {
    private final IdIndex users;
    private final IdIndex items;
    private final SparseMatrix byUser;
    private final SparseMatrix byItem;
    private final double globalMean;

    private RatingMatrix(IdIndex users, IdIndex items, SparseMatrix byUser) {
        this(users, items, byUser, byUser.transpose());
    }

    private RatingMatrix(IdIndex users, IdIndex items, SparseMatrix byUser, SparseMatrix byItem) {
        this.users = users;
        this.items = items;
        this.byUser = byUser;
        this.byItem = byItem;
        double sum = 0;
        for (int k = 0; k < byUser.size(); k++) {
            sum += byUser.value(k);
        }
        this.globalMean = byUser.size() == 0 ? Double.NaN : sum / byUser.size();
    }

    /** A builder with {@link DuplicatePolicy#LAST}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A matrix over the given id universes from a users x items CSR matrix; rows and columns with no
     * entries are allowed (users or items known but without interactions).
     *
     * @throws IllegalArgumentException if the shapes disagree
     */
    public static RatingMatrix of(IdIndex users, IdIndex items, SparseMatrix byUser) {
        if (byUser.rowCount() != users.size() || byUser.columnCount() != items.size()) {
            throw new IllegalArgumentException("matrix is " + byUser.rowCount() + " x " + byUser.columnCount()
                    + " but there are " + users.size() + " users and " + items.size() + " items");
        }
        return new RatingMatrix(users, items, byUser);
    }

    /** The users, in index order. */
    public IdIndex users() {
        return users;
    }

    /** The items, in index order. */
    public IdIndex items() {
        return items;
    }

    /** The number of users (rows), including any without entries. */
    public int userCount() {
        return users.size();
    }

    /** The number of items (columns), including any without entries. */
    public int itemCount() {
        return items.size();
    }

    /** The number of stored ratings. */
    public int size() {
        return byUser.size();
    }

    /** Whether there are no ratings. */
    public boolean isEmpty() {
        return byUser.size() == 0;
    }

    /** The ratings by user: users x items, CSR. */
    public SparseMatrix byUser() {
        return byUser;
    }

    /** The ratings by item: items x users (the CSC form of this matrix). */
    public SparseMatrix byItem() {
        return byItem;
    }

    /** The ratings of user index {@code u}, sorted by item index (zero-copy). */
    public SparseVector userRow(int u) {
        return byUser.row(u);
    }

    /** The ratings of item index {@code i}, sorted by user index (zero-copy). */
    public SparseVector itemColumn(int i) {
        return byItem.row(i);
    }

    /** The value for (user index, item index), or {@code NaN} if absent. */
    public double get(int u, int i) {
        return byUser.get(u, i);
    }

    /** The number of ratings of user index {@code u}. */
    public int userRatingCount(int u) {
        return byUser.rowSize(u);
    }

    /** The number of ratings of item index {@code i}. */
    public int itemRatingCount(int i) {
        return byItem.rowSize(i);
    }

    /** The mean of all values, or {@code NaN} when empty. */
    public double globalMean() {
        return globalMean;
    }

    /** The mean value of user index {@code u}, or {@code NaN} if the user has no ratings. */
    public double userMean(int u) {
        return byUser.row(u).mean();
    }

    /** The mean value of item index {@code i}, or {@code NaN} if the item has no ratings. */
    public double itemMean(int i) {
        return byItem.row(i).mean();
    }

    /** Whether every rating carries a timestamp. */
    public boolean hasTimestamps() {
        return byUser.hasTimestamps();
    }

    /**
     * This matrix without timestamps, sharing the ids, columns and values (no copy): 16 bytes of arrays per
     * stored rating (both orientations) instead of 24 (or 32 with timestamps beyond int range). Returns
     * this matrix when it has none.
     */
    public RatingMatrix withoutTimestamps() {
        if (!hasTimestamps()) {
            return this;
        }
        SparseMatrix rows = byUser.withoutTimestamps();
        SparseMatrix columns = byItem.withoutTimestamps();
        SparseMatrix.pair(rows, columns);
        return new RatingMatrix(users, items, rows, columns);
    }

    /**
     * The entries whose by-user position ({@code 0..size()-1}, i.e. CSR order) is set in {@code keep},
     * over the same user and item indices. Used by splits so that train and test share indices.
     *
     * @throws IllegalArgumentException if {@code keep} has a position {@code >= size()} set
     */
    public RatingMatrix select(BitSet keep) {
        if (keep.length() > size()) {   // would leave unfilled entries behind the last row
            throw new IllegalArgumentException("keep has position " + (keep.length() - 1) + " set but the matrix has "
                    + size() + " entries (positions 0.." + (size() - 1) + ")");
        }
        int n = keep.cardinality();
        int rows = users.size();
        int[] pointers = new int[rows + 1];
        int[] cols = new int[n];
        float[] vals = new float[n];
        int[] ts32 = null;
        long[] ts64 = null;
        boolean ts = byUser.hasTimestamps();
        long[] tsAll = ts ? new long[n] : null;
        int dst = 0;
        for (int u = 0; u < rows; u++) {
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                if (keep.get(k)) {
                    cols[dst] = byUser.column(k);
                    vals[dst] = byUser.value(k);
                    if (ts) {
                        tsAll[dst] = byUser.timestamp(k);
                    }
                    dst++;
                }
            }
            pointers[u + 1] = dst;
        }
        if (ts) {
            ts32 = SparseMatrix.narrowTimestamps(tsAll);
            ts64 = ts32 == null ? tsAll : null;
        }
        return new RatingMatrix(users, items,
                new SparseMatrix(rows, items.size(), pointers, cols, vals, ts32, ts64));
    }

    /**
     * This matrix plus the ratings of {@code batch}, as a new immutable matrix; this one is unchanged.
     * Users and items new in the batch are appended to the indices (existing indices are kept, so
     * fitted models' index arrays stay valid for old ids). Pairs present in both are combined by
     * {@code policy} ({@link DuplicatePolicy#LAST}: the batch wins). Costs O(size() + batch.size()
     * log) without re-hashing existing ids.
     *
     * @throws IllegalArgumentException if exactly one of the two has timestamps, or a pair repeats
     *                                  under {@link DuplicatePolicy#REJECT}
     */
    public RatingMatrix merge(RatingMatrix batch, DuplicatePolicy policy) {
        if (batch.isEmpty()) {
            return this;
        }
        if (!isEmpty() && hasTimestamps() != batch.hasTimestamps()) {
            throw new IllegalArgumentException("cannot merge: " + (hasTimestamps() ? "this matrix has" : "the batch has")
                    + " timestamps and the other has none");
        }
        boolean ts = batch.hasTimestamps();
        IdIndex mergedUsers = users.extend(batch.users.toArray());
        IdIndex mergedItems = items.extend(batch.items.toArray());
        int[] itemMap = new int[batch.itemCount()];
        for (int i = 0; i < itemMap.length; i++) {
            itemMap[i] = mergedItems.indexOf(batch.items.idAt(i));
        }
        int[] batchUserOf = new int[mergedUsers.size()];
        Arrays.fill(batchUserOf, -1);
        for (int b = 0; b < batch.userCount(); b++) {
            batchUserOf[mergedUsers.indexOf(batch.users.idAt(b))] = b;
        }
        int capacity = size() + batch.size();
        int[] pointers = new int[mergedUsers.size() + 1];
        int[] cols = new int[capacity];
        float[] vals = new float[capacity];
        long[] times = ts ? new long[capacity] : null;
        SparseMatrix newRows = batch.byUser;
        long[] rowKeys = new long[16];
        int n = 0;
        for (int u = 0; u < mergedUsers.size(); u++) {
            int a = u < userCount() ? byUser.rowStart(u) : 0;
            int aEnd = u < userCount() ? byUser.rowEnd(u) : 0;
            int b = batchUserOf[u];
            int m = b < 0 ? 0 : newRows.rowSize(b);
            if (rowKeys.length < m) {
                rowKeys = new long[Math.max(m, rowKeys.length * 2)];
            }
            for (int j = 0; j < m; j++) {   // merged item index << 32 | batch position
                int k = newRows.rowStart(b) + j;
                rowKeys[j] = ((long) itemMap[newRows.column(k)] << 32) | k;
            }
            Arrays.sort(rowKeys, 0, m);
            int j = 0;
            while (a < aEnd || j < m) {
                int itemA = a < aEnd ? byUser.column(a) : Integer.MAX_VALUE;
                int itemB = j < m ? (int) (rowKeys[j] >>> 32) : Integer.MAX_VALUE;
                if (itemA < itemB) {
                    cols[n] = itemA;
                    vals[n] = byUser.value(a);
                    if (ts) {
                        times[n] = byUser.timestamp(a);
                    }
                    a++;
                } else {
                    int k = (int) rowKeys[j++];
                    cols[n] = itemB;
                    float value = newRows.value(k);
                    long time = ts ? newRows.timestamp(k) : 0;
                    if (itemA == itemB) {
                        float old = byUser.value(a);
                        long oldTime = ts ? byUser.timestamp(a) : 0;
                        a++;
                        time = combinedTime(policy, old, value, oldTime, time);
                        value = combinedValue(policy, old, value, mergedUsers.idAt(u), mergedItems.idAt(itemB));
                    }
                    vals[n] = value;
                    if (ts) {
                        times[n] = time;
                    }
                }
                n++;
            }
            pointers[u + 1] = n;
        }
        return fromFilledCsr(mergedUsers, mergedItems, pointers, cols, vals, times, n);
    }

    /** A matrix from CSR arrays whose first {@code n} entries are filled (longer arrays are trimmed). */
    private static RatingMatrix fromFilledCsr(IdIndex users, IdIndex items, int[] pointers, int[] cols, float[] vals,
                                              long[] times, int n) {
        int[] ts32 = null;
        long[] ts64 = null;
        if (times != null) {
            times = Arrays.copyOf(times, n);
            ts32 = SparseMatrix.narrowTimestamps(times);
            ts64 = ts32 == null ? times : null;
        }
        return new RatingMatrix(users, items, new SparseMatrix(users.size(), items.size(), pointers,
                Arrays.copyOf(cols, n), Arrays.copyOf(vals, n), ts32, ts64));
    }

    /**
     * The value kept when {@code added} repeats a pair already holding {@code old}.
     *
     * @throws IllegalArgumentException under {@link DuplicatePolicy#REJECT}, or if a sum overflows a float
     */
    private static float combinedValue(DuplicatePolicy policy, float old, float added, long userId, long itemId) {
        float value = switch (policy) {
            case LAST -> added;
            case SUM -> old + added;
            case MAX -> Math.max(old, added);
            case REJECT -> throw new IllegalArgumentException("duplicate rating of user " + userId + " for item "
                    + itemId);
        };
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("summed rating of user " + userId + " for item " + itemId
                    + " overflows a float");
        }
        return value;
    }

    /** The timestamp kept with {@link #combinedValue}: of the value kept, or the latest for sums. */
    private static long combinedTime(DuplicatePolicy policy, float old, float added, long oldTime, long addedTime) {
        return switch (policy) {
            case LAST, REJECT -> addedTime;
            case SUM -> Math.max(oldTime, addedTime);
            case MAX -> added > old ? addedTime : oldTime;
        };
    }

    /** Approximate heap bytes held by both orientations' arrays (ids and hash maps not included). */
    public long memoryBytes() {
        return byUser.memoryBytes() + byItem.memoryBytes();
    }

    @Override
    public String toString() {
        return "RatingMatrix[" + userCount() + " users x " + itemCount() + " items, " + size() + " ratings]";
    }

    /**
     * Collects (user, item, value[, timestamp]) triples and builds an immutable {@link RatingMatrix}.
     * Ids are indexed in ascending order. Not thread-safe; reusable after {@link #build()} (it keeps its
     * entries).
     */
    public static final class Builder {
        private long[] userIds = new long[16];
        private long[] itemIds = new long[16];
        private float[] values = new float[16];
        private long[] timestamps = new long[16];
        private int size;
        private int timestamped;
        private DuplicatePolicy duplicates = DuplicatePolicy.LAST;

        private Builder() {
        }

        /** How repeated (user, item) pairs are combined; default {@link DuplicatePolicy#LAST}. */
        public Builder duplicates(DuplicatePolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("duplicate policy must not be null");
            }
            this.duplicates = policy;
            return this;
        }

        /**
         * Adds a rating without timestamp.
         *
         * @throws IllegalArgumentException if {@code value} is NaN or infinite (the message names the ids)
         */
        public Builder add(long userId, long itemId, double value) {
            return add(userId, itemId, value, Long.MIN_VALUE, false);
        }

        /**
         * Adds a rating with a timestamp. Either every rating has a timestamp or none has.
         *
         * @throws IllegalArgumentException if {@code value} is NaN or infinite (the message names the ids)
         */
        public Builder add(long userId, long itemId, double value, long timestamp) {
            return add(userId, itemId, value, timestamp, true);
        }

        private Builder add(long userId, long itemId, double value, long timestamp, boolean hasTimestamp) {
            if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
                throw new IllegalArgumentException("rating of user " + userId + " for item " + itemId
                        + " is " + value + "; values must be finite");
            }
            if (size == values.length) {
                int grown = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L));
                if (grown == size) {
                    throw new IllegalStateException("too many ratings: " + size);
                }
                userIds = Arrays.copyOf(userIds, grown);
                itemIds = Arrays.copyOf(itemIds, grown);
                values = Arrays.copyOf(values, grown);
                timestamps = Arrays.copyOf(timestamps, grown);
            }
            userIds[size] = userId;
            itemIds[size] = itemId;
            values[size] = (float) value;
            timestamps[size] = timestamp;
            size++;
            if (hasTimestamp) {
                timestamped++;
            }
            return this;
        }

        /** The number of triples added so far (before duplicates are merged). */
        public int size() {
            return size;
        }

        /**
         * Builds the matrix: ids indexed in ascending order, duplicates merged by the policy.
         *
         * @throws IllegalArgumentException if only some ratings have timestamps, or a duplicate is found
         *                                  under {@link DuplicatePolicy#REJECT}
         */
        public RatingMatrix build() {
            if (timestamped != 0 && timestamped != size) {
                throw new IllegalArgumentException("timestamps were given for " + timestamped + " of " + size
                        + " ratings; give one for every rating or for none");
            }
            boolean ts = timestamped > 0;
            IdIndex users = IdIndex.sortedDistinct(Arrays.copyOf(userIds, size));
            IdIndex items = IdIndex.sortedDistinct(Arrays.copyOf(itemIds, size));
            int nUsers = users.size();

            // Bucket entries by user in insertion order (counting sort), then sort each row by
            // (item, insertion order) so that duplicates sit together in the order they were added.
            int[] pointers = new int[nUsers + 1];
            int[] u = new int[size];
            for (int k = 0; k < size; k++) {
                u[k] = users.indexOf(userIds[k]);
                pointers[u[k] + 1]++;
            }
            for (int r = 0; r < nUsers; r++) {
                pointers[r + 1] += pointers[r];
            }
            int[] next = Arrays.copyOf(pointers, nUsers);
            long[] keys = new long[size];   // item index << 32 | insertion sequence within the row
            int[] source = new int[size];
            for (int k = 0; k < size; k++) {
                int dst = next[u[k]]++;
                source[dst] = k;
            }
            for (int r = 0; r < nUsers; r++) {
                for (int p = pointers[r]; p < pointers[r + 1]; p++) {
                    keys[p] = ((long) items.indexOf(itemIds[source[p]]) << 32) | (p - pointers[r]);
                }
                Arrays.sort(keys, pointers[r], pointers[r + 1]);
            }

            int[] outPointers = new int[nUsers + 1];
            int[] cols = new int[size];
            float[] vals = new float[size];
            long[] times = ts ? new long[size] : null;
            int n = 0;
            for (int r = 0; r < nUsers; r++) {
                int rowStart = pointers[r];
                for (int p = rowStart; p < pointers[r + 1]; p++) {
                    int item = (int) (keys[p] >>> 32);
                    int k = source[rowStart + (int) keys[p]];
                    if (n > outPointers[r] && cols[n - 1] == item) {
                        merge(n - 1, k, vals, times);
                    } else {
                        cols[n] = item;
                        vals[n] = values[k];
                        if (ts) {
                            times[n] = timestamps[k];
                        }
                        n++;
                    }
                }
                outPointers[r + 1] = n;
            }
            return fromFilledCsr(users, items, outPointers, cols, vals, times, n);
        }

        private void merge(int dst, int k, float[] vals, long[] times) {
            if (times != null) {
                times[dst] = combinedTime(duplicates, vals[dst], values[k], times[dst], timestamps[k]);
            }
            vals[dst] = combinedValue(duplicates, vals[dst], values[k], userIds[k], itemIds[k]);
        }
    }
}
