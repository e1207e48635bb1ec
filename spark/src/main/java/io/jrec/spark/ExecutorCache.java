package io.jrec.spark;

import java.util.function.Supplier;

/**
 * What an executor JVM builds once from a broadcast value and reuses in every task of the same job (a
 * jrec {@code SparseMatrix} from broadcast CSR arrays, a model from broadcast file bytes): one slot per
 * purpose, keyed by the broadcast id, so that a new broadcast replaces the old object. Thread-safe; tasks
 * that arrive together build it once.
 */
final class ExecutorCache<T> {
    private long key = -1;
    private T value;

    /** The cached object for {@code broadcastId}, built by {@code build} if absent or for another id. */
    synchronized T get(long broadcastId, Supplier<T> build) {
        if (key != broadcastId || value == null) {
            value = null;   // let the old object go before building the new one
            value = build.get();
            key = broadcastId;
        }
        return value;
    }
}
