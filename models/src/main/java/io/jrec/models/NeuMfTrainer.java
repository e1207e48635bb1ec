package io.jrec.models;

import io.jrec.models.nn.Optimizer;
import io.jrec.models.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic data-parallel mini-batch training of a {@link NeuMfNetwork}. Each mini-batch is cut into
 * shards of {@value #SHARD} examples; each shard's gradient is accumulated in a worker copy of the
 * network (shared values, own gradients); the shards' gradients are then added to the master in shard
 * order and Adam takes one step. The shards do not depend on the thread count, so the trained model is
 * bit-for-bit the same with 1 thread or many. Owns its executor; {@link #close()} shuts it down.
 */
final class NeuMfTrainer implements AutoCloseable {
    static final int SHARD = 64;

    private final NeuMfNetwork master;
    private final NeuMfNetwork[] shards;
    private final List<Parameter> masterParameters;
    private final List<List<Parameter>> shardParameters = new ArrayList<>();
    private final Optimizer optimizer;
    private final ExecutorService pool;
    private final List<Callable<Void>> tasks = new ArrayList<>();
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
        this.optimizer = Optimizer.adam(masterParameters, learningRate, l2);
        this.losses = new double[count];
        this.sizes = new int[count];
        int workers = Math.min(threads, count);
        if (workers > 1) {
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "jrec-neumf");
                t.setDaemon(true);
                return t;
            });
            for (int w = 0; w < workers; w++) {
                final int first = w;
                final int stride = workers;
                tasks.add(() -> {
                    for (int s = first; s < activeShards; s += stride) {
                        losses[s] = shards[s].accumulateGradients(sizes[s], scale);
                    }
                    return null;
                });
            }
        } else {
            pool = null;
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
        if (pool == null || activeShards == 1) {
            for (int s = 0; s < activeShards; s++) {
                losses[s] = shards[s].accumulateGradients(sizes[s], scale);
            }
        } else {
            runAll();
        }
        double loss = 0;
        for (int s = 0; s < activeShards; s++) {
            loss += losses[s];
            List<Parameter> shard = shardParameters.get(s);
            for (int p = 0; p < shard.size(); p++) {
                shard.get(p).addGradientTo(masterParameters.get(p));
            }
        }
        optimizer.step();
        return loss;
    }

    private void runAll() {
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("NeuMF training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("NeuMF training failed: " + e.getCause(), e.getCause());
        }
    }

    NeuMfNetwork network() {
        return master;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
