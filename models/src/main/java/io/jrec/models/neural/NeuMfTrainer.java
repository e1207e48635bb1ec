package io.jrec.models.neural;

import io.jrec.models.nn.Optimizer;
import io.jrec.models.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deterministic data-parallel mini-batch training of a {@link NeuMfNetwork}. Each mini-batch is cut into
 * shards of {@value #SHARD} examples; each shard's gradient is accumulated in a worker copy of the
 * network (shared values, own gradients; the embedding rows' gradients recorded per example), the
 * shards spread over the threads. Then, again in parallel but per parameter, each layer parameter's
 * shard gradients are added to the master's in shard order, each embedding table's row gradients in
 * example order, and Adam updates that parameter. The shards do not depend on the thread count and every sum runs in a fixed
 * order, so the trained model is bit-for-bit the same with 1 thread or many. Owns its worker threads
 * (daemons; the calling thread is worker 0); {@link #close()} ends them.
 */
final class NeuMfTrainer implements AutoCloseable {
    static final int SHARD = 64;

    private final NeuMfNetwork master;
    private final NeuMfNetwork[] shards;
    private final List<Parameter> masterParameters;
    private final List<List<Parameter>> shardParameters = new ArrayList<>();
    private final Optimizer optimizer;
    /** Spins before a waiting thread falls back to sleeping / yielding (phases last well under a ms). */
    private static final int SPINS = 1 << 14;

    private final int workers;
    /** The parameter indices each worker reduces and updates, balanced by size. */
    private final int[][] owned;
    /** Workers 1..workers-1; the calling thread is worker 0. */
    private final Thread[] helpers;
    /** Bumped by the calling thread to start a phase; the volatile write publishes the phase's inputs. */
    private volatile long generation;
    private volatile boolean gradientPhase;
    private volatile boolean closed;
    private volatile Throwable failure;
    private final AtomicInteger pending = new AtomicInteger();
    private final double[] losses;
    private final int[] sizes;
    private int activeShards;
    private double scale;

    NeuMfTrainer(NeuMfNetwork master, int batchSize, double learningRate, double l2, int threads) {
        this.master = master;
        int count = (batchSize + SHARD - 1) / SHARD;
        this.shards = new NeuMfNetwork[count];
        for (int s = 0; s < count; s++) {
            shards[s] = new NeuMfNetwork(master, Math.min(SHARD, batchSize));
            shardParameters.add(shards[s].parameters());
        }
        this.masterParameters = master.parameters();
        this.optimizer = Optimizer.denseAdam(masterParameters, learningRate, l2);
        this.losses = new double[count];
        this.sizes = new int[count];
        workers = Math.max(1, Math.min(threads, count));
        owned = balance(masterParameters, workers);
        helpers = new Thread[workers - 1];
        for (int w = 1; w < workers; w++) {
            final int worker = w;
            helpers[w - 1] = new Thread(() -> helperLoop(worker), "jrec-neumf-" + w);
            helpers[w - 1].setDaemon(true);
            helpers[w - 1].start();
        }
    }

    /** Deals the parameters to workers, largest first, each to the worker with the least so far. */
    private static int[][] balance(List<Parameter> parameters, int workers) {
        Integer[] order = new Integer[parameters.size()];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(parameters.get(b).value().length,
                parameters.get(a).value().length));
        long[] load = new long[workers];
        List<List<Integer>> lists = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            lists.add(new ArrayList<>());
        }
        for (int p : order) {
            int least = 0;
            for (int w = 1; w < workers; w++) {
                if (load[w] < load[least]) {
                    least = w;
                }
            }
            lists.get(least).add(p);
            load[least] += parameters.get(p).value().length;
        }
        int[][] owned = new int[workers][];
        for (int w = 0; w < workers; w++) {
            owned[w] = lists.get(w).stream().mapToInt(Integer::intValue).toArray();
        }
        return owned;
    }

    /** Adds the shards' gradients of the given parameters to the master's in shard order, then updates them. */
    private void update(int[] parameters) {
        for (int p : parameters) {
            Parameter target = masterParameters.get(p);
            for (int s = 0; s < activeShards; s++) {
                if (p < 4) { // an embedding table: the shard recorded per-example row gradients
                    shards[s].addRowGradients(p, target, sizes[s]);
                } else {
                    shardParameters.get(s).get(p).addGradientTo(target);
                }
            }
            optimizer.update(p);
        }
    }

    /**
     * One optimiser step on examples {@code [from, from + batch)} of the given arrays; returns the summed
     * binary cross-entropy of those examples (before the step).
     */
    double step(int[] users, int[] items, byte[] labels, int from, int batch) {
        activeShards = (batch + SHARD - 1) / SHARD;
        scale = 1.0 / batch;
        for (int s = 0; s < activeShards; s++) {
            NeuMfNetwork net = shards[s];
            int start = from + s * SHARD;
            int size = Math.min(SHARD, from + batch - start);
            sizes[s] = size;
            System.arraycopy(users, start, net.users, 0, size);
            System.arraycopy(items, start, net.items, 0, size);
            for (int e = 0; e < size; e++) {
                net.labels[e] = labels[start + e];
            }
        }
        optimizer.advance();
        runPhase(true);
        runPhase(false);
        double loss = 0;
        for (int s = 0; s < activeShards; s++) {
            loss += losses[s];
        }
        return loss;
    }

    /** Worker {@code w}'s share of the current phase: every workers-th shard, or its own parameters. */
    private void runShare(int w, boolean gradients) {
        if (gradients) {
            for (int s = w; s < activeShards; s += workers) {
                losses[s] = shards[s].backpropagate(sizes[s], scale);
            }
        } else {
            update(owned[w]);
        }
    }

    /**
     * Runs one phase on all workers, this thread being worker 0, and returns when all are done. The
     * hand-off spins (a phase lasts a fraction of a millisecond, less than parking and waking a thread)
     * and falls back to yielding.
     */
    private void runPhase(boolean gradients) {
        if (helpers.length == 0) {
            runShare(0, gradients);
            return;
        }
        gradientPhase = gradients;
        pending.set(helpers.length);
        generation++;
        runShare(0, gradients);
        for (int spins = 0; pending.get() != 0; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException("NeuMF training failed: " + t, t);
        }
    }

    /** A helper thread: waits for the next generation, runs its share, counts down; exits on close. */
    private void helperLoop(int w) {
        long seen = 0;
        while (true) {
            long current;
            for (int spins = 0; (current = generation) == seen; spins++) {
                if (closed) {
                    return;
                }
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 100_000); // idle (e.g. between epochs): poll gently
                }
            }
            seen = current;
            try {
                runShare(w, gradientPhase);
            } catch (Throwable t) {
                failure = t;
            }
            pending.decrementAndGet();
        }
    }

    NeuMfNetwork network() {
        return master;
    }

    @Override
    public void close() {
        closed = true;
    }
}
