package io.jrec.models.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pools of fits that run on a caller-set number of threads ({@code factor}, {@code linear}).
 * <b>Internal:</b> public only for that; not part of jrec's API, it may change without notice.
 *
 * @since 0.1.0
 */
public final class Workers {
    private Workers() {
    }

    /** A fixed pool of daemon threads named {@code jrec-<name>-N}; the caller shuts it down. */
    public static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "jrec-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
