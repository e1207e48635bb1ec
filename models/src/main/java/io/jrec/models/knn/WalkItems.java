package io.jrec.models.knn;

import io.jrec.core.IdIndex;
import io.jrec.core.ItemFilter;
import io.jrec.core.TopN;

import java.util.Arrays;

/**
 * The items one top-N walk touches (the user's own items and the items met in the user's lists), each
 * with its partial sum, the lists it was met in and its marks, and the n-th largest partial sum among
 * the items the query accepts.
 *
 * <p>The items live in an open-addressing table sized by the items touched, not by the catalogue: a
 * walk meets a few thousand of 10^6 products, and with one slot per product nearly every term read
 * missed the cache. A slot is two longs, one cache line for all it holds: the item and its partial sum
 * (a float: the sum of at most m float terms, within the rounding room the walk's bounds allow for),
 * then the bits of the lists it was met in (the first 56 lists) and its marks. The n-th largest
 * accepted partial sum is kept without a scan of every item: partial sums only grow, so once it is
 * known to be at least {@code theta}, only the items whose sum has reached {@code theta} (the hot
 * items, noted as they cross it) can decide it again.
 *
 * <p>A query that touches more than {@code 2^14} items (its table would outgrow the cache anyway)
 * moves them to a dense index, one int per product, and the rest of it adds items without rehashing.
 *
 * <p>Not thread-safe: one per querying thread, emptied by {@link #clear} after each query. Memory: two
 * tables of up to four times the most items one query touched (16 bytes a slot), a bit filter of the
 * user's items and, once a query touched many items, 4 bytes per product.
 */
final class WalkItems {
    /** Lists with a bit of their own in a slot; an item met in a later list is bounded as if not met there. */
    static final int MARKED_LISTS = 56;
    private static final long USER = 1L << 56;
    private static final long CHECKED = 1L << 57;
    private static final long ACCEPTED = 1L << 58;
    private static final long LISTS = (1L << MARKED_LISTS) - 1;
    private static final long KEY = 0xFFFF_FFFFL;
    private static final int MIN_CAPACITY = 1 << 10;
    private static final int MIN_FILTER_WORDS = 64;
    private static final int DENSE_FROM = 1 << 14;

    private long[] table = new long[2 * MIN_CAPACITY];   // slot s: [2s] partial bits << 32 | item + 1 (0: empty),
    private long[] spare = new long[0];                  // [2s + 1] marks | lists; spare: all 0, for a growth
    private int[] used = new int[MIN_CAPACITY / 2];      // the occupied slots
    private int size;
    private int mask = MIN_CAPACITY - 1;
    private double typicalSize = MIN_CAPACITY / 2;       // about the median of the items queries touch
    private final int catalogue;
    private int[] slotOf;                                // dense: item -> slot + 1 (0: not touched)
    private boolean dense;                               // this query's items are in slotOf, slots 0..size-1

    private long[] userBits = new long[MIN_FILTER_WORDS];
    private int userWords = MIN_FILTER_WORDS;
    private int userBitMask = MIN_FILTER_WORDS * 64 - 1;

    private double theta = Double.POSITIVE_INFINITY;     // the n-th best is known to be at least this
    private int[] hot = new int[64];                     // items whose partial sum has reached theta
    private int hotCount;
    private TopN largest;                                // the n largest partial sums of a check
    private int scanned;

    /** A table for items {@code 0 <= item < catalogue}. */
    WalkItems(int catalogue) {
        this.catalogue = catalogue;
    }

    /** Prepares a query of a user with {@code userItems} items: sizes the bit filter of the user's items. */
    void begin(int userItems) {
        userWords = Math.max(MIN_FILTER_WORDS, Integer.highestOneBit(Math.max(1, userItems) - 1) << 1);
        if (userBits.length < userWords) {
            userBits = new long[userWords];
        }
        userBitMask = userWords * 64 - 1;
    }

    /** Marks {@code item} as one of the user's items. */
    void addUser(int item) {
        table[2 * slot(item) + 1] |= USER;
        int bit = hash(item) & userBitMask;
        userBits[bit >>> 6] |= 1L << bit;
    }

    /** Whether {@code item} is one of the user's items. */
    boolean isUser(int item) {
        int bit = hash(item) & userBitMask;
        if ((userBits[bit >>> 6] & (1L << bit)) == 0) {
            return false;   // the common case: no table probe
        }
        int s = find(item);
        return s >= 0 && (table[2 * s + 1] & USER) != 0;
    }

    /**
     * Adds {@code term}, read in the k-th list, to the partial sum of {@code item}, noting the item if its
     * sum reaches theta.
     */
    void add(int item, float term, int k) {
        update(2 * slot(item), item, term, k);
    }

    /** {@link #add} for an item already touched; an item not touched stays out of the table. */
    void addIfTouched(int item, float term, int k) {
        int s = find(item);
        if (s >= 0) {
            update(2 * s, item, term, k);
        }
    }

    private void update(int at, int item, float term, int k) {
        long entry = table[at];
        float before = Float.intBitsToFloat((int) (entry >>> 32));
        float after = before + term;
        table[at] = (long) Float.floatToRawIntBits(after) << 32 | entry & KEY;
        if (k < MARKED_LISTS) {
            table[at + 1] |= 1L << k;
        }
        if (after >= theta && before < theta) {
            noteHot(item);
        }
    }

    // the hot paths stay small enough for the JIT to inline them into the walk; the rarer steps are calls

    private void noteHot(int item) {
        if (hotCount == hot.length) {
            hot = Arrays.copyOf(hot, 2 * hotCount);
        }
        hot[hotCount++] = item;
    }

    /** The number of items touched. */
    int size() {
        return size;
    }

    /** The item in the {@code q}-th occupied slot, {@code 0 <= q < size()}. */
    int item(int q) {
        return (int) table[2 * used[q]] - 1;
    }

    /** The partial sum of the item in the {@code q}-th occupied slot. */
    float partial(int q) {
        return partialIn(used[q]);
    }

    private float partialIn(int s) {
        return Float.intBitsToFloat((int) (table[2 * s] >>> 32));
    }

    /** The lists the item in the {@code q}-th occupied slot was met in (bit k: list k, for k < 56). */
    long listsAt(int q) {
        return table[2 * used[q] + 1] & LISTS;
    }

    /** Whether the item in the {@code q}-th occupied slot is one of the user's items. */
    boolean isUserAt(int q) {
        return (table[2 * used[q] + 1] & USER) != 0;
    }

    /** Whether the query may list the item in the {@code q}-th occupied slot. */
    boolean acceptsAt(int q, ItemFilter filter, IdIndex ids) {
        return accepts(used[q], filter, ids);
    }

    /**
     * Whether the query may list the item in slot {@code s}: the filter's rules, asked once per item, and
     * the seen-exclusion.
     */
    private boolean accepts(int s, ItemFilter filter, IdIndex ids) {
        long marks = table[2 * s + 1];
        if (filter.excludesSeen() && (marks & USER) != 0) {
            return false;
        }
        if (!filter.hasRules()) {
            return true;
        }
        if ((marks & CHECKED) == 0) {
            marks |= filter.accepts(ids.idAt((int) table[2 * s] - 1)) ? CHECKED | ACCEPTED : CHECKED;
            table[2 * s + 1] = marks;
        }
        return (marks & ACCEPTED) != 0;
    }

    /**
     * The n-th largest partial sum among the touched items the query accepts, or -1 when fewer than n
     * are accepted. Reads only the hot items once a first answer is known.
     */
    double nthBest(int n, ItemFilter filter, IdIndex ids) {
        boolean all = theta == Double.POSITIVE_INFINITY;
        int candidates = all ? size : hotCount;
        scanned = candidates;
        if (largest == null || largest.capacity() != n) {
            largest = new TopN(n);
        } else {
            largest.clear();
        }
        for (int q = 0; q < candidates; q++) {
            int s = all ? used[q] : find(hot[q]);
            double v = partialIn(s);
            if (largest.wouldAccept(s, v) && accepts(s, filter, ids)) {
                largest.offer(s, v);
            }
        }
        if (largest.size() < n) {
            return -1;   // only when nothing was known: the hot items hold the n best found before
        }
        double nth = largest.worstScore();
        if (nth <= 0) {
            return nth;   // the user's own items, not met (0): no theta, as a new item would not cross it
        }
        int kept = 0;
        for (int q = 0; q < candidates; q++) {
            int s = all ? used[q] : find(hot[q]);
            if (partialIn(s) >= nth && accepts(s, filter, ids)) {
                if (kept == hot.length) {
                    hot = Arrays.copyOf(hot, 2 * kept);
                }
                hot[kept++] = (int) table[2 * s] - 1;   // kept <= q: no candidate is overwritten before it is read
            }
        }
        hotCount = kept;
        theta = nth;
        return nth;
    }

    /** The number of items the last {@link #nthBest} read. */
    int scanned() {
        return scanned;
    }

    /**
     * Empties the table for the next query (the bit filter and the running n-th best too); returns the
     * number of items the query met in a list (those with a positive partial sum).
     */
    int clear() {
        int met = 0;
        for (int q = 0; q < size; q++) {
            int at = 2 * used[q];
            if (dense) {
                slotOf[(int) table[at] - 1] = 0;
            }
            if (table[at] >>> 32 != 0) {
                met++;
            }
            table[at] = 0;
            table[at + 1] = 0;
        }
        // the arrays stay; the next query starts in their first slots, about as many as queries need
        typicalSize *= size > typicalSize ? 1.1 : 1 / 1.1;   // tracks the median: big queries grow their table
        int capacity = Integer.highestOneBit((int) Math.min(1 << 28, 4 * typicalSize + 1)) << 1;
        mask = Math.max(MIN_CAPACITY, Math.min(capacity, table.length / 2)) - 1;
        size = 0;
        dense = false;
        Arrays.fill(userBits, 0, userWords, 0L);
        hotCount = 0;
        theta = Double.POSITIVE_INFINITY;
        return met;
    }

    private static int hash(int item) {
        int h = item * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The slot of {@code item}, or -1. */
    private int find(int item) {
        if (dense) {
            return slotOf[item] - 1;
        }
        int s = probe(item);
        return s >= 0 ? s : -1;
    }

    /** The slot of {@code item}, taken if it is new. */
    private int slot(int item) {
        if (dense) {
            int s = slotOf[item] - 1;
            return s >= 0 ? s : take(item, size);
        }
        int s = probe(item);
        return s >= 0 ? s : insert(item, -s - 1);
    }

    /** In the hashed table: the slot of {@code item}, or {@code -(s + 1)} for the empty slot s it would take. */
    private int probe(int item) {
        int key = item + 1;
        for (int s = hash(item) & mask; ; s = (s + 1) & mask) {
            int k = (int) table[2 * s];
            if (k == key) {
                return s;
            }
            if (k == 0) {
                return -s - 1;
            }
        }
    }

    /** Puts new {@code item} into empty slot {@code s}, or grows the table first when it is half full. */
    private int insert(int item, int s) {
        if (2 * (size + 1) > mask + 1) {
            if (mask + 1 >= 2 * DENSE_FROM) {
                toDense();
            } else {
                grow();
            }
            return slot(item);
        }
        return take(item, s);
    }

    /** Puts new {@code item} into empty slot {@code s} (in the dense index: the next slot). */
    private int take(int item, int s) {
        if (dense) {
            if (2 * s + 2 > table.length) {
                table = Arrays.copyOf(table, 2 * table.length);
            }
            slotOf[item] = s + 1;
        }
        table[2 * s] = item + 1;
        if (size == used.length) {
            used = Arrays.copyOf(used, 2 * size);
        }
        used[size++] = s;
        return s;
    }

    /** Moves every item to the dense index: slot q for the q-th item touched. */
    private void toDense() {
        if (slotOf == null) {
            slotOf = new int[catalogue];
        }
        if (spare.length < 4 * size) {
            spare = new long[Math.max(4 * size, table.length)];
        }
        for (int q = 0; q < size; q++) {
            int at = 2 * used[q];
            spare[2 * q] = table[at];
            spare[2 * q + 1] = table[at + 1];
            table[at] = 0;
            table[at + 1] = 0;
            used[q] = q;
            slotOf[(int) spare[2 * q] - 1] = q + 1;
        }
        long[] old = table;
        table = spare;
        spare = old;
        dense = true;
    }

    /** Doubles the table: moves every item into the spare array and swaps it in. */
    private void grow() {
        int capacity = 2 * (mask + 1);
        if (spare.length < 2 * capacity) {
            spare = new long[Math.max(2 * capacity, table.length)];
        }
        int newMask = capacity - 1;
        for (int q = 0; q < size; q++) {
            int at = 2 * used[q];
            int t = hash((int) table[at] - 1) & newMask;
            while (spare[2 * t] != 0) {
                t = (t + 1) & newMask;
            }
            spare[2 * t] = table[at];
            spare[2 * t + 1] = table[at + 1];
            table[at] = 0;
            table[at + 1] = 0;
            used[q] = t;
        }
        long[] old = table;
        table = spare;
        spare = old;
        mask = newMask;
    }
}
