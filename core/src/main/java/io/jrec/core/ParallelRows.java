package io.jrec.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a task once for every row {@code 0..rows-1} on a caller-chosen number of threads: the calling
 * thread and {@code threads - 1} daemon threads started and joined here (the common pool is never
 * used). Rows are handed out {@code block} at a time from a shared counter. When each row's result
 * depends only on the row (each worker writes its own rows from shared read-only inputs), the output is
 * the same for every thread count. The first failure stops the other workers and is rethrown.
 */
public final class ParallelRows {
    /** The work of one worker thread: called for the rows it is handed, in ascending order per block. */
    @FunctionalInterface
    public interface RowTask {
        void row(int row);
    }

    private ParallelRows() {
    }

    /**
     * Runs {@code worker.get().row(r)} for every row, each worker with its own task (scratch arrays),
     * reporting {@code stage} progress after each block.
     *
     * @throws IllegalArgumentException if {@code rows < 0}, {@code threads < 1} or {@code block < 1}
     * @throws IllegalStateException    if the calling thread is interrupted (after all workers stopped)
     */
    public static void run(int rows, int threads, int block, Supplier<RowTask> worker, ProgressListener progress,
                           String stage) {
        if (rows < 0 || threads < 1 || block < 1) {
            throw new IllegalArgumentException("rows must be >= 0, threads and block >= 1; got rows=" + rows
                    + ", threads=" + threads + ", block=" + block);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        int workers = Math.max(1, Math.min(threads, (rows + block - 1) / block));
        Runnable body = () -> {
            RowTask task = worker.get();
            int start;
            while ((start = next.getAndAdd(block)) < rows) {
                int end = Math.min(start + block, rows);
                for (int r = start; r < end; r++) {
                    task.row(r);
                }
                progress.progress(stage, done.addAndGet(end - start), rows, "");
            }
        };
        if (workers == 1) {
            body.run();
            return;
        }
        Thread[] pool = new Thread[workers - 1];
        Throwable[] failure = new Throwable[1];
        Thread.UncaughtExceptionHandler onFailure = (thread, e) -> {
            next.set(rows);   // stop the other workers early
            synchronized (failure) {
                if (failure[0] == null) {
                    failure[0] = e;
                }
            }
        };
        for (int t = 0; t < pool.length; t++) {
            pool[t] = new Thread(body, "jrec-" + stage + "-" + (t + 1));
            pool[t].setDaemon(true);
            pool[t].setUncaughtExceptionHandler(onFailure);
            pool[t].start();
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            onFailure.uncaughtException(Thread.currentThread(), e);
        }
        boolean interrupted = false;
        for (Thread thread : pool) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;   // finish joining so no worker outlives the call, then re-flag
                    next.set(rows);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + stage);
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failure[0] instanceof Error e) {
                throw e;
            }
        }
    }
}
