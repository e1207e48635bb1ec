package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.data.SyntheticShop;
import io.jrec.similarity.NeighborTable;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;
import org.apache.mahout.cf.taste.impl.similarity.GenericItemSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;

import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Explicit heap accounting: how many bytes a structure retains, measured as the growth of the used
 * heap after full collections while {@code copies} instances are held, divided by {@code copies}.
 * Compared with each structure's own {@code memoryBytes()} estimate where it has one.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar memory</pre>
 */
public final class Footprint {
    private Footprint() {
    }

    /** Measures jrec's and Mahout's main structures on MovieLens and prints/writes a table. */
    public static void run() throws IOException {
        BenchmarkData data = BenchmarkData.get();
        RatingMatrix all = data.all();
        RatingMatrix train = data.train(1);
        StringBuilder s = new StringBuilder();
        s.append("# Memory (retained heap, explicit accounting)\n\n").append(Machine.describe()).append("\n\ndata: ")
                .append(data.description()).append("\n\n");
        s.append("| structure | entries | retained bytes | bytes per entry | own estimate |\n|---|---|---|---|---|\n");

        long matrix = retained(() -> rebuild(all), 5);
        row(s, "jrec RatingMatrix (u.data without timestamps, CSR + CSC + id indices)", all.size(), matrix,
                rebuild(all).memoryBytes());
        DataModel mahoutModel = Taste.dataModel(all);  // loads Mahout's classes and statics before measuring
        long mahout = retained(() -> Taste.dataModel(all), 5);
        row(s, "Mahout GenericDataModel (u.data)", all.size(), mahout, -1);
        Reference.reachabilityFence(mahoutModel);

        NeighborTable k50 = Neighbors.allPairs(train.byItem(), Similarity.cosine(), 50, 1);
        long t50 = retained(() -> Neighbors.allPairs(train.byItem(), Similarity.cosine(), 50, 1), 3);
        row(s, "jrec NeighborTable, items, cosine, k=50 (u1.base)", k50.entryCount(), t50, k50.memoryBytes());
        NeighborTable full = Neighbors.allPairs(train.byItem(), Similarity.pearson(), train.itemCount() - 1, 1);
        long tFull = retained(
                () -> Neighbors.allPairs(train.byItem(), Similarity.pearson(), train.itemCount() - 1, 1), 2);
        row(s, "jrec NeighborTable, items, Pearson, all positive (u1.base)", full.entryCount(), tFull,
                full.memoryBytes());
        DataModel model = Taste.dataModel(train);
        GenericItemSimilarity precomputed = Taste.precomputeItemSimilarities(model, Taste.Kernel.PEARSON);
        long mahoutSim = retained(() -> Taste.precomputeItemSimilarities(model, Taste.Kernel.PEARSON), 1);
        long pairs = countPairs(precomputed, model);
        row(s, "Mahout GenericItemSimilarity, Pearson, all pairs (u1.base)", pairs, mahoutSim, -1);
        s.append("\nRetained bytes = growth of the used heap (after repeated System.gc()) while holding the "
                + "copies, divided by the number of copies; the shared input matrix is not counted. Own "
                + "estimate = the structure's memoryBytes() (arrays only). Entries: ratings; for jrec's "
                + "NeighborTable directed (item, neighbour) entries, so each unordered pair counts twice; for "
                + "Mahout's GenericItemSimilarity unordered item pairs with a defined (also negative) "
                + "similarity, each stored once.\n");
        shopAllPairs(s);
        System.out.println(s);
        Path out = Results.dir().resolve("memory.md");
        Files.writeString(out, s);
        System.out.println("written to " + out);
    }

    /**
     * Item-item cosine, k = 50, over a synthetic shop of {@value #SHOP_EVENTS} events and
     * {@value #SHOP_PRODUCTS} products: wall time (best of three after three warm-up calls), peak heap above the input while it
     * runs, and the table's retained bytes against the bound of 8 bytes x k x rows.
     */
    private static void shopAllPairs(StringBuilder s) {
        RatingMatrix shop = SyntheticShop.builder().customers(25_000).products(SHOP_PRODUCTS).events(SHOP_EVENTS)
                .seed(42).build().interactions();
        int k = 50;
        s.append("\n## All-pairs on a synthetic shop\n\n").append(String.format(Locale.ROOT,
                "%,d customers, %,d products, %,d events (%,d stored interactions), seed 42; item-item cosine, "
                        + "k = %d.%n%n", shop.userCount(), shop.itemCount(), SHOP_EVENTS, shop.size(), k));
        s.append("| threads | time (best of 3, after 3 warm-up calls) | peak heap above the input | NeighborTable arrays (memoryBytes) "
                + "| NeighborTable retained heap | bound 8 x k x rows |\n|---|---|---|---|---|---|\n");
        for (int threads = 1; threads <= 2; threads++) {
            final int t = threads;
            Peak<NeighborTable> best = null;
            for (int warm = 0; warm < 3; warm++) {   // let the JIT compile the kernel first
                Neighbors.allPairs(shop.byItem(), Similarity.cosine(), k, t);
            }
            for (int rep = 0; rep < 3; rep++) {
                Peak<NeighborTable> run = peak(() -> Neighbors.allPairs(shop.byItem(), Similarity.cosine(), k, t));
                if (best == null || run.millis() < best.millis()) {
                    best = run;
                }
            }
            long retained = retained(() -> Neighbors.allPairs(shop.byItem(), Similarity.cosine(), k, t), 2);
            NeighborTable table = best.result();
            s.append(String.format(Locale.ROOT, "| %d | %.0f ms | %.1f MiB | %,d B (%,d entries) | %,d B | %,d B |%n",
                    t, best.millis(), best.peakBytes() / (double) (1 << 20), table.memoryBytes(),
                    table.entryCount(), retained, 8L * k * shop.itemCount()));
            System.out.printf(Locale.ROOT, "  shop all-pairs, %d thread(s): %.0f ms, peak %.1f MiB%n", t,
                    best.millis(), best.peakBytes() / (double) (1 << 20));
        }
        s.append("\nPeak heap = highest used heap sampled every 5 ms while the call runs, minus the used heap "
                + "after full collections before it (so it includes garbage not yet collected). Retained heap "
                + "counts whole G1 regions for arrays above half a region, hence above the arrays' own size.\n");
    }

    static final int SHOP_EVENTS = 1_000_000;
    static final int SHOP_PRODUCTS = 50_000;

    /** What {@link #peak} measured: the call's result, its wall time and the peak heap above the start. */
    record Peak<T>(T result, double millis, long peakBytes) {
    }

    /**
     * Runs {@code work} while a daemon thread samples the used heap every 5 ms; the peak is relative to the
     * used heap after full collections just before the call.
     */
    static <T> Peak<T> peak(Supplier<T> work) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long base = usedAfterGc();
        AtomicLong peak = new AtomicLong(base);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jrec-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        T result = work.get();
        double millis = (System.nanoTime() - t0) / 1e6;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Peak<>(result, millis, peak.get() - base);
    }

    private static RatingMatrix rebuild(RatingMatrix m) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < m.userCount(); u++) {
            for (int p = m.byUser().rowStart(u); p < m.byUser().rowEnd(u); p++) {
                b.add(m.users().idAt(u), m.items().idAt(m.byUser().column(p)), m.byUser().value(p));
            }
        }
        return b.build();
    }

    private static long countPairs(GenericItemSimilarity similarity, DataModel model) {
        try {
            long n = 0;
            var ids = model.getItemIDs();
            long[] items = new long[model.getNumItems()];
            for (int k = 0; ids.hasNext(); k++) {
                items[k] = ids.nextLong();
            }
            for (int a = 0; a < items.length; a++) {
                for (int b = a + 1; b < items.length; b++) {
                    if (!Double.isNaN(similarity.itemSimilarity(items[a], items[b]))) {
                        n++;
                    }
                }
            }
            return n;
        } catch (org.apache.mahout.cf.taste.common.TasteException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(StringBuilder s, String what, long entries, long bytes, long estimate) {
        s.append("| ").append(what).append(" | ").append(entries).append(" | ")
                .append(String.format(Locale.ROOT, "%,d", bytes)).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", (double) bytes / entries)).append(" | ")
                .append(estimate < 0 ? "—" : String.format(Locale.ROOT, "%,d", estimate)).append(" |\n");
        System.out.println("  " + what + ": " + bytes + " bytes");
    }

    /** Bytes retained per instance made by {@code make}, averaged over {@code copies} held instances. */
    static long retained(Supplier<?> make, int copies) {
        Object[] keep = new Object[copies];
        long before = usedAfterGc();
        for (int c = 0; c < copies; c++) {
            keep[c] = make.get();
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(keep);
        return Math.max(0, (after - before) / copies);
    }

    /** Used heap after full collections, once it has stopped shrinking. */
    static long usedAfterGc() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = bean.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
