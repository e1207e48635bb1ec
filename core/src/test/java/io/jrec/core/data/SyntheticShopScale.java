package io.jrec.core.data;

import io.jrec.core.RatingMatrix;

/**
 * Not a test: measures build time and retained heap of a {@link SyntheticShop} at a given size.
 * Run: {@code java -Xmx2g -cp core/target/classes:core/target/test-classes:<fastutil.jar> io.jrec.core.data.SyntheticShopScale 10000000 1}
 * (arguments: events, threads; customers = events / 40, products = events / 200, at least 20).
 */
public final class SyntheticShopScale {
    private SyntheticShopScale() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int customers = Math.max(1, events / 40);
        int products = Math.max(20, events / 200);
        Runtime rt = Runtime.getRuntime();
        for (int run = 0; run < 3; run++) {
            gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            SyntheticShop shop = SyntheticShop.builder().customers(customers).products(products).events(events)
                    .threads(threads).seed(run).build();
            long t1 = System.nanoTime();
            long c1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            gc();
            long after = rt.totalMemory() - rt.freeMemory();
            RatingMatrix m = shop.interactions();
            System.out.printf("run %d: %s built in %.2f s wall, %.2f s CPU of the calling thread, with %d threads; retained heap %.1f MB "
                            + "(%.1f bytes/event); interactions %s (%d bytes of arrays), purchases %d pairs%n",
                    run, shop, (t1 - t0) / 1e9, (c1 - c0) / 1e9, threads, (after - before) / 1e6, (after - before) / (double) events,
                    m, m.memoryBytes(), shop.purchases().size());
        }
    }

    private static void gc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
    }
}
