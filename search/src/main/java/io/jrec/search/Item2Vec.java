package io.jrec.search;

import io.jrec.core.DenseVectors;
import io.jrec.core.IdIndex;
import io.jrec.core.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Item embeddings learned from behaviour: skip-gram with negative sampling over customers' item
 * sequences (Mikolov et al., "Distributed representations of words and phrases", NIPS 2013; applied
 * to items as prod2vec by Grbovic et al., KDD 2015, and item2vec by Barkan and Koenigstein, 2016).
 * Written by hand, like jrec's neural kit.
 *
 * <pre>{@code
 * ItemEmbeddings e = Item2Vec.builder().dimension(32).window(5).negatives(5).epochs(5)
 *         .seed(42).threads(2).build().fit(ItemSequences.byTime(interactions));
 * e.similarItems(productId, 10);          // cosine of the input and output vectors
 * }</pre>
 *
 * <h2>Model and training</h2>
 * Every item has an input vector {@code v} and an output vector {@code u}. For each position of a
 * sequence (the centre {@code c}), a window {@code b} is drawn uniformly from {@code 1..window} and each
 * item {@code o} within {@code b} positions is a context; with {@code k} negatives {@code n_1..n_k}
 * drawn from the item frequencies to the power 0.75, the loss
 * <pre>
 *   L = -log sigma(u_o . v_c) - sum_j log sigma(-u_{n_j} . v_c)
 * </pre>
 * is lowered by one SGD step ({@link #step}; its gradient is checked against finite differences in the
 * tests). Frequent items are subsampled (an occurrence of an item with frequency share {@code f} is kept
 * with probability {@code (sqrt(f / t) + 1) t / f}, {@code t = subsample}). The learning rate falls
 * linearly from {@code learningRate} to {@code learningRate / 10^4} over all sequences of all epochs.
 * Input vectors start uniform in {@code [-0.5/d, 0.5/d]}, output vectors at 0 (as word2vec).
 *
 * <h2>Threads and determinism</h2>
 * Each sequence draws its randomness from its own stream of the seed (seed, epoch, sequence), so the
 * random choices never depend on the thread count. With {@code t} threads, sequences are processed in
 * rounds of {@code t x roundSize}; each thread trains its contiguous share on its own copy of the
 * vectors, and at the end of the round the threads' changes are added to the shared vectors in thread
 * order. So the result is the same on every run for a given thread count (bit for bit), and with one
 * thread it is plain sequential SGD.
 */
public final class Item2Vec {
    private final int dimension;
    private final int window;
    private final int negatives;
    private final int epochs;
    private final double learningRate;
    private final double subsample;
    private final int minCount;
    private final long seed;
    private final int threads;
    private final int roundSize;

    private Item2Vec(Builder b) {
        dimension = b.dimension;
        window = b.window;
        negatives = b.negatives;
        epochs = b.epochs;
        learningRate = b.learningRate;
        subsample = b.subsample;
        minCount = b.minCount;
        seed = b.seed;
        threads = b.threads;
        roundSize = b.roundSize;
    }

    /** A builder with the defaults: 32 dimensions, window 5, 5 negatives, 5 epochs, rate 0.025, seed 42, 1 thread. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains on {@code sequences}. */
    public ItemEmbeddings fit(ItemSequences sequences) {
        return fit(sequences, ProgressListener.NONE);
    }

    /**
     * Trains on {@code sequences}, reporting each epoch to {@code progress}. Items that occur fewer than
     * {@code minCount} times get no vector.
     *
     * @throws IllegalArgumentException if no item occurs {@code minCount} times
     */
    public ItemEmbeddings fit(ItemSequences sequences, ProgressListener progress) {
        int n = sequences.items().size();
        long[] count = new long[n];
        for (int v : sequences.values()) {
            count[v]++;
        }
        int keptItems = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] >= minCount) {
                keptItems++;
                total += count[i];
            }
        }
        if (keptItems == 0) {
            throw new IllegalArgumentException("no item occurs at least minCount = " + minCount
                    + " times in " + sequences + "; lower minCount or give more sequences");
        }
        // Keep-probabilities (subsampling) and the negative-sampling table over kept items.
        float[] keep = new float[n];
        for (int i = 0; i < n; i++) {
            if (count[i] < minCount) {
                keep[i] = 0;
            } else if (subsample <= 0) {
                keep[i] = 1;
            } else {
                double f = (double) count[i] / total;
                keep[i] = (float) Math.min(1, (Math.sqrt(f / subsample) + 1) * subsample / f);
            }
        }
        int[] table = negativeTable(count, minCount, keptItems);

        int d = dimension;
        float[] in = new float[n * d];
        float[] out = new float[n * d];
        Rng init = new Rng(mix(seed, -1, -1));
        for (int k = 0; k < in.length; k++) {
            in[k] = (float) ((init.nextDouble() - 0.5) / d);
        }
        for (int i = 0; i < n; i++) {
            if (count[i] < minCount) {
                Arrays.fill(in, i * d, (i + 1) * d, 0f);
            }
        }

        int sequencesCount = sequences.size();
        long work = (long) epochs * sequencesCount;
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(sequences, keep, table, threads == 1 ? in : in.clone(),
                    threads == 1 ? out : out.clone(), n);
        }
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread th = new Thread(r, "jrec-item2vec");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int e = 0; e < epochs; e++) {
                int round = threads * roundSize;
                for (int from = 0; from < sequencesCount; from += round) {
                    int to = Math.min(sequencesCount, from + round);
                    runRound(pool, workers, e, from, to, work);
                    if (threads > 1) {
                        merge(workers, in, out, d);
                    }
                }
                progress.progress("item2vec epochs", e + 1, epochs, "");
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        // The input vectors of kept items are the embeddings.
        long[] ids = new long[keptItems];
        float[] data = new float[keptItems * d];
        float[] context = new float[keptItems * d];
        int k = 0;
        IdIndex items = sequences.items();
        for (int i = 0; i < n; i++) {
            if (count[i] >= minCount) {
                ids[k] = items.idAt(i);
                System.arraycopy(in, i * d, data, k * d, d);
                System.arraycopy(out, i * d, context, k * d, d);
                k++;
            }
        }
        IdIndex kept = IdIndex.of(ids);
        return new ItemEmbeddings(DenseVectors.of(kept, d, data), DenseVectors.of(kept, d, context), toString());
    }

    private void runRound(ExecutorService pool, Worker[] workers, int epoch, int from, int to, long work) {
        int t = workers.length;
        if (t == 1) {
            workers[0].train(epoch, from, to, work);
            return;
        }
        List<Future<?>> done = new ArrayList<>(t - 1);
        for (int w = 1; w < t; w++) {
            int a = from + (int) ((long) (to - from) * w / t);
            int b = from + (int) ((long) (to - from) * (w + 1) / t);
            Worker worker = workers[w];
            done.add(pool.submit(() -> worker.train(epoch, a, b, work)));
        }
        workers[0].train(epoch, from, from + (to - from) / t, work);
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training item2vec", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("item2vec training failed", e.getCause());
        }
    }

    /** Adds each worker's changes of the round to the shared vectors, in worker order, then re-syncs the copies. */
    private static void merge(Worker[] workers, float[] in, float[] out, int d) {
        // shared = base + sum_w (local_w - base) on the rows any worker touched; base = shared before the round.
        for (Worker w : workers) {
            for (int k = 0; k < w.touchedCount; k++) {
                int off = w.touched[k] * d;
                for (int j = off; j < off + d; j++) {
                    in[j] += w.in[j] - w.baseIn[j];
                    out[j] += w.out[j] - w.baseOut[j];
                }
            }
        }
        for (Worker w : workers) {
            for (Worker other : workers) {
                for (int k = 0; k < other.touchedCount; k++) {
                    int off = other.touched[k] * d;
                    System.arraycopy(in, off, w.in, off, d);
                    System.arraycopy(out, off, w.out, off, d);
                    System.arraycopy(in, off, w.baseIn, off, d);
                    System.arraycopy(out, off, w.baseOut, off, d);
                }
            }
        }
        for (Worker w : workers) {
            w.clearTouched();
        }
    }

    /** One thread's state: its copy of the vectors (the shared ones with one thread) and scratch. */
    private final class Worker {
        final ItemSequences sequences;
        final float[] keep;
        final int[] table;
        final float[] in;
        final float[] out;
        final float[] baseIn;
        final float[] baseOut;
        final boolean[] isTouched;
        final int[] touched;
        int touchedCount;
        final float[] scratch = new float[dimension];
        final int[] kept;
        final int[] negs = new int[negatives];

        Worker(ItemSequences sequences, float[] keep, int[] table, float[] in, float[] out, int items) {
            this.sequences = sequences;
            this.keep = keep;
            this.table = table;
            this.in = in;
            this.out = out;
            boolean copies = threads > 1;
            this.baseIn = copies ? in.clone() : null;
            this.baseOut = copies ? out.clone() : null;
            this.isTouched = copies ? new boolean[items] : null;
            this.touched = copies ? new int[items] : null;
            int longest = 0;
            for (int s = 0; s < sequences.size(); s++) {
                longest = Math.max(longest, sequences.length(s));
            }
            this.kept = new int[longest];
        }

        void clearTouched() {
            for (int k = 0; k < touchedCount; k++) {
                isTouched[touched[k]] = false;
            }
            touchedCount = 0;
        }

        private void touch(int i) {
            if (isTouched != null && !isTouched[i]) {
                isTouched[i] = true;
                touched[touchedCount++] = i;
            }
        }

        void train(int epoch, int from, int to, long work) {
            final int[] values = sequences.values();
            for (int s = from; s < to; s++) {
                Rng rng = new Rng(mix(seed, epoch, s));
                double progress = ((double) epoch * sequences.size() + s) / work;
                float lr = (float) (learningRate * Math.max(1e-4, 1 - progress));
                // subsample
                int len = 0;
                for (int p = sequences.start(s), end = p + sequences.length(s); p < end; p++) {
                    int item = values[p];
                    if (keep[item] > 0 && (keep[item] >= 1 || rng.nextDouble() < keep[item])) {
                        kept[len++] = item;
                    }
                }
                for (int p = 0; p < len; p++) {
                    int centre = kept[p];
                    int b = 1 + rng.nextInt(window);
                    for (int q = Math.max(0, p - b); q <= Math.min(len - 1, p + b); q++) {
                        if (q == p) {
                            continue;
                        }
                        int context = kept[q];
                        for (int j = 0; j < negatives; j++) {
                            negs[j] = table[rng.nextInt(table.length)];
                        }
                        touch(centre);
                        touch(context);
                        for (int j = 0; j < negatives; j++) {
                            touch(negs[j]);
                        }
                        step(in, out, dimension, centre, context, negs, lr, scratch);
                    }
                }
            }
        }
    }

    /**
     * One SGD step on {@code L} for (centre, context, negatives) at rate {@code lr}, as word2vec does it:
     * each output vector moves by {@code -lr dL/du} computed at the current {@code v_c}, and {@code v_c}
     * moves by {@code -lr dL/dv_c} computed from the output vectors before they moved. A negative equal
     * to the context is skipped (as in word2vec). {@code scratch} holds {@code d} floats.
     */
    static void step(float[] in, float[] out, int d, int centre, int context, int[] negs, float lr, float[] scratch) {
        final int c = centre * d;
        Arrays.fill(scratch, 0, d, 0f);
        for (int j = -1; j < negs.length; j++) {
            int target = j < 0 ? context : negs[j];
            if (j >= 0 && target == context) {
                continue;
            }
            int label = j < 0 ? 1 : 0;
            int o = target * d;
            float dot = 0;
            for (int k = 0; k < d; k++) {
                dot += in[c + k] * out[o + k];
            }
            float g = (float) ((label - sigmoid(dot)) * lr);   // = -lr * dL/d(dot)
            for (int k = 0; k < d; k++) {
                scratch[k] += g * out[o + k];
                out[o + k] += g * in[c + k];
            }
        }
        for (int k = 0; k < d; k++) {
            in[c + k] += scratch[k];
        }
    }

    /** The loss {@code L} of one (centre, context, negatives) example (negatives equal to the context skipped). */
    static double loss(float[] in, float[] out, int d, int centre, int context, int[] negs) {
        double l = 0;
        for (int j = -1; j < negs.length; j++) {
            int target = j < 0 ? context : negs[j];
            if (j >= 0 && target == context) {
                continue;
            }
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += (double) in[centre * d + k] * out[target * d + k];
            }
            l += j < 0 ? softplus(-dot) : softplus(dot);   // -log sigma(x) = softplus(-x)
        }
        return l;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    /** Item indices laid out in proportion to {@code count^0.75} (kept items only), as word2vec's table. */
    private static int[] negativeTable(long[] count, int minCount, int kept) {
        int[] members = new int[kept];
        double[] cumulative = new double[kept];
        double total = 0;
        int m = 0;
        for (int i = 0; i < count.length; i++) {
            if (count[i] >= minCount) {
                total += Math.pow(count[i], 0.75);
                members[m] = i;
                cumulative[m++] = total;
            }
        }
        int size = (int) Math.min(1 << 26, Math.max(1 << 20, 64L * kept));
        int[] table = new int[size];
        int i = 0;
        for (int k = 0; k < size; k++) {
            double x = (k + 0.5) / size * total;
            while (i < kept - 1 && cumulative[i] < x) {
                i++;
            }
            table[k] = members[i];
        }
        return table;
    }

    static long mix(long seed, long a, long b) {
        long z = seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** SplitMix64: a small generator with a fixed algorithm, so results never depend on the JDK. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            state = seed;
        }

        long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) (((nextLong() >>> 33) * bound) >>> 31);
        }
    }

    @Override
    public String toString() {
        return "Item2Vec(d=" + dimension + ", window=" + window + ", negatives=" + negatives + ", subsample=" + subsample
                + ", epochs=" + epochs + ")";
    }

    /** Settings of {@link Item2Vec}, checked where set. Not thread-safe. */
    public static final class Builder {
        private int dimension = 32;
        private int window = 5;
        private int negatives = 5;
        private int epochs = 5;
        private double learningRate = 0.025;
        private double subsample = 1e-3;
        private int minCount = 1;
        private long seed = 42;
        private int threads = 1;
        private int roundSize = 64;

        private Builder() {
        }

        /** Vector length, >= 1 (default 32). */
        public Builder dimension(int dimension) {
            this.dimension = positive("dimension", dimension);
            return this;
        }

        /** The largest distance between centre and context in a sequence, >= 1 (default 5). */
        public Builder window(int window) {
            this.window = positive("window", window);
            return this;
        }

        /** Negatives per (centre, context) pair, >= 1 (default 5). */
        public Builder negatives(int negatives) {
            this.negatives = positive("negatives", negatives);
            return this;
        }

        /** Passes over the sequences, >= 1 (default 5). */
        public Builder epochs(int epochs) {
            this.epochs = positive("epochs", epochs);
            return this;
        }

        /** The starting learning rate, > 0 (default 0.025). */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        /** The subsampling threshold {@code t}, >= 0; 0 keeps every occurrence (default 1e-3). */
        public Builder subsample(double t) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("subsample must be >= 0 and finite, got " + t);
            }
            this.subsample = t;
            return this;
        }

        /** Items occurring fewer times get no vector, >= 1 (default 1). */
        public Builder minCount(int minCount) {
            this.minCount = positive("minCount", minCount);
            return this;
        }

        /** The seed (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training threads, >= 1 (default 1); the result depends on it (see the class comment). */
        public Builder threads(int threads) {
            this.threads = positive("threads", threads);
            return this;
        }

        /** Sequences per thread between two merges when {@code threads > 1}, >= 1 (default 64). */
        public Builder roundSize(int sequences) {
            this.roundSize = positive("roundSize", sequences);
            return this;
        }

        /** The algorithm. */
        public Item2Vec build() {
            return new Item2Vec(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
            return value;
        }
    }
}
