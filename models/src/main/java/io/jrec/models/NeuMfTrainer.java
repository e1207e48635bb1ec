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
 * network (shared values, own gradients; the embedding rows' gradients recorded per example), the
 * shards spread over the threads. Then, again in parallel but per parameter, each layer parameter's
 * shard gradients are added to the master's in shard order, each embedding table's row gradients in
 * example order, and Adam updates that parameter. The shards do not depend on the thread count and every sum runs in a fixed
 * order, so the trained model is bit-for-bit the same with 1 thread or many. Owns its executor;
 * {@link #close()} shuts it down.
 */
final class NeuMfTrainer implements AutoCloseable {
    static final int SHARD = 64;

    private final NeuMfNetwork master;
    private final NeuMfNetwork[] shards;
    private final List<Parameter> masterParameters;
    private final List<List<Parameter>> shardParameters = new ArrayList<>();
    private final Optimizer optimizer;
    private final ExecutorService pool;
    private final List<Callable<Void>> gradientTasks = new ArrayList<>();
    private final List<Callable<Void>> updateTasks = new ArrayList<>();
    /** The parameter indices each worker reduces and updates, balanced by size. */
    private final int[][] owned;
    private final Future<?>[] futures;
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
        int workers = Math.max(1, Math.min(threads, count));
        owned = balance(masterParameters, workers);
        futures = new Future<?>[workers];
        if (workers > 1) {
            // the calling thread runs worker 0's share itself: one hand-off fewer per phase
            pool = Executors.newFixedThreadPool(workers - 1, r -> {
                Thread t = new Thread(r, "jrec-neumf");
                t.setDaemon(true);
                return t;
            });
            for (int w = 0; w < workers; w++) {
                final int first = w;
                final int stride = workers;
                gradientTasks.add(() -> {
                    for (int s = first; s < activeShards; s += stride) {
                        losses[s] = shards[s].backpropagate(sizes[s], scale);
                    }
                    return null;
                });
                updateTasks.add(() -> {
                    update(owned[first]);
                    return null;
                });
            }
        } else {
            pool = null;
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
        if (pool == null) {
            for (int s = 0; s < activeShards; s++) {
                losses[s] = shards[s].backpropagate(sizes[s], scale);
            }
            update(owned[0]);
        } else {
            runAll(gradientTasks);
            runAll(updateTasks);
        }
        double loss = 0;
        for (int s = 0; s < activeShards; s++) {
            loss += losses[s];
        }
        return loss;
    }

    /** Runs tasks 1.. on the pool and task 0 on this thread; returns when all are done. */
    private void runAll(List<Callable<Void>> tasks) {
        for (int w = 1; w < tasks.size(); w++) {
            futures[w] = pool.submit(tasks.get(w));
        }
        try {
            tasks.get(0).call();
            for (int w = 1; w < tasks.size(); w++) {
                futures[w].get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("NeuMF training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("NeuMF training failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("NeuMF training failed: " + e, e);
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
