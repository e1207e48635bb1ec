package io.jrec.core.data;

/**
 * Draws from a fixed discrete distribution in constant time (Walker's alias method, as set out by
 * Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE 1991).
 * Immutable; thread-safe (the generator is the caller's).
 */
final class AliasTable {
    private final int[] values;
    private final double[] probability;
    private final int[] alias;

    /**
     * @param values  the outcomes
     * @param weights their non-negative weights, not all zero, same length
     */
    AliasTable(int[] values, double[] weights) {
        int n = weights.length;
        this.values = values;
        this.probability = new double[n];
        this.alias = new int[n];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int s = 0;
        int l = 0;
        for (int k = 0; k < n; k++) {
            scaled[k] = weights[k] * n / total;
            if (scaled[k] < 1) {
                small[s++] = k;
            } else {
                large[l++] = k;
            }
        }
        while (s > 0 && l > 0) {
            int less = small[--s];
            int more = large[--l];
            probability[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            if (scaled[more] < 1) {
                small[s++] = more;
            } else {
                large[l++] = more;
            }
        }
        while (l > 0) {
            probability[large[--l]] = 1;
        }
        while (s > 0) {                 // only through rounding
            probability[small[--s]] = 1;
        }
    }

    /** Number of outcomes. */
    int size() {
        return values.length;
    }

    /** One outcome. */
    int sample(SplitMix64 random) {
        int k = random.nextInt(values.length);
        return values[random.nextDouble() < probability[k] ? k : alias[k]];
    }
}
