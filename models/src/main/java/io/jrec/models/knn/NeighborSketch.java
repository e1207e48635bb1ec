package io.jrec.models.knn;

/**
 * Per item {@code i}, a Bloom filter of its top-N neighbours {@code N_k(i)}: whether {@code j} may be
 * one of them, with no false negatives and about 2% false positives. The threshold walk
 * ({@link ThresholdTopN}) asks it in which of the user's lists an item it met may still be; in none,
 * the item's score is what the walk already read, and its neighbour row (up to ten cache misses at
 * 10^6 products) is not read.
 *
 * <p>A blocked filter (Putze, Sanders and Singler, "Cache-, hash- and space-efficient Bloom filters",
 * WEA 2007): per item a power of two of 64-bit words, at least 10 bits per neighbour; a neighbour sets
 * three bits of one word, so a question reads one word. With k = 50: 8 words per item, one cache line
 * when the array's object is line-aligned, as G1 places an array larger than half a region (its data
 * then starts 16 bytes in, hence {@code OFFSET}); otherwise an item's words may span two lines. Built
 * only up to {@link #MAX_WORDS} words per item (k up to 204).
 * Memory: 64 bytes per item at k = 50, at most 20 bits per top-N neighbour for k >= 4 (the power of two
 * rounds up), against the 8 bytes each takes in each of the model's two neighbour lists. Immutable and
 * thread-safe.
 */
final class NeighborSketch {
    /** The most words an item's filter may take; above it (k over 204) no filter is built. */
    static final int MAX_WORDS = 32;
    private static final long BITS_PER_NEIGHBOR = 10;
    private static final int OFFSET = 6;   // 16 + 6 * 8 = 64: item 0's words start a cache line

    private final long[] words;
    private final int shift;               // log2 of the words per item

    private NeighborSketch(long[] words, int shift) {
        this.words = words;
        this.shift = shift;
    }

    /**
     * The filters of the first {@code neighbors} entries of each row of {@code model} ({@code N_k(i)}),
     * or {@code null} when they would take more than {@link #MAX_WORDS} words per item.
     */
    static NeighborSketch of(NeighborLists model, int neighbors) {
        int rows = model.start.length - 1;
        int shift = shift(rows, neighbors);
        if (shift < 0) {
            return null;
        }
        NeighborSketch sketch = new NeighborSketch(new long[OFFSET + Math.multiplyExact(rows, 1 << shift)], shift);
        for (int i = 0; i < rows; i++) {
            for (int p = model.start[i], end = model.prefixEnd(i, neighbors); p < end; p++) {
                long h = hash(model.neighbor[p]);
                sketch.words[sketch.word(i, h)] |= bits(h);
            }
        }
        return sketch;
    }

    /** The bytes of the filters of {@code rows} items with {@code neighbors} top-N neighbours each (0: none). */
    static long bytes(long rows, int neighbors) {
        int shift = shift(rows, neighbors);
        return shift < 0 ? 0 : 8 * (OFFSET + (rows << shift));
    }

    /** log2 of the words per item, or -1 when that is more than {@link #MAX_WORDS}. */
    private static int shift(long rows, int neighbors) {
        long perItem = Math.max(1, (BITS_PER_NEIGHBOR * Math.min(neighbors, rows) + 63) / 64);
        return perItem > MAX_WORDS ? -1 : 64 - Long.numberOfLeadingZeros(perItem - 1);   // ceil(log2)
    }

    /** Whether {@code j} may be in {@code N_k(i)}: {@code false} means it is not. */
    boolean mayContain(int i, int j) {
        return mayContain(i, hash(j));
    }

    /** {@link #mayContain(int, int)} for the {@code j} of {@code hash(j)} (hashed once per query). */
    boolean mayContain(int i, long hash) {
        long b = bits(hash);
        return (words[word(i, hash)] & b) == b;
    }

    /** A word of item {@code i}'s filter, to bring its line into the cache ahead of the questions. */
    long firstWord(int i) {
        return words[OFFSET + (i << shift)];
    }

    /** The hash of item {@code j} (SplitMix64's finaliser: every output bit depends on every input bit). */
    static long hash(int j) {
        long z = (j + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int word(int i, long h) {
        return OFFSET + (i << shift) + (shift == 0 ? 0 : (int) (h >>> (64 - shift)));   // top bits: the word
    }

    private static long bits(long h) {
        return 1L << h | 1L << (h >>> 6) | 1L << (h >>> 12);   // a shift takes its distance's low six bits
    }
}
