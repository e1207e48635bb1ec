package io.jrec.core.io;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: measures {@link ModelIO} save and load throughput of an array-only model of about
 * {@code MB} megabytes ({@link ArrayModel}), and the peak heap of each step above the model itself.
 * Run from the worktree root after {@code mvn -pl core test-compile}:
 * {@code java -Xmx3g -cp core/target/classes:core/target/test-classes:<fastutil>:<slf4j-api>
 * io.jrec.core.io.ModelIOThroughputMeasure DIR [MB] [runs]}
 */
public final class ModelIOThroughputMeasure {
    private ModelIOThroughputMeasure() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target");
        long mb = args.length > 1 ? Long.parseLong(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(dir);
        Path file = dir.resolve("throughput.jrec");
        ArrayModel model = ArrayModel.ofSize(1, mb * 1_000_000);
        double payloadMb = model.payloadBytes() / 1e6;
        double[] save = new double[runs];
        double[] load = new double[runs];
        long[] saveHeap = new long[runs];
        long[] loadHeap = new long[runs];
        for (int r = 0; r < runs; r++) {
            System.gc();
            long base = used();
            resetPeaks();
            long t0 = System.nanoTime();
            ModelIO.save(model, file);
            save[r] = (System.nanoTime() - t0) / 1e9;
            saveHeap[r] = peak() - base;

            System.gc();
            base = used();
            resetPeaks();
            t0 = System.nanoTime();
            ArrayModel loaded = ModelIO.load(file, ArrayModel.class);
            load[r] = (System.nanoTime() - t0) / 1e9;
            loadHeap[r] = peak() - base;
            if (loaded.generation != 1 || loaded.floats.length != model.floats.length) {
                throw new AssertionError("loaded a different model");
            }
            loaded = null;
            System.out.printf("run %d: save %.2f s (%.0f MB/s, peak heap +%d MiB), load %.2f s (%.0f MB/s,"
                            + " peak heap +%d MiB)%n", r, save[r], payloadMb / save[r], saveHeap[r] >> 20,
                    load[r], payloadMb / load[r], loadHeap[r] >> 20);
        }
        Arrays.sort(save);
        Arrays.sort(load);
        System.out.printf("payload %.1f MB, file %d bytes; save best %.2f s = %.0f MB/s (median %.2f s); "
                        + "load best %.2f s = %.0f MB/s (median %.2f s)%n", payloadMb, Files.size(file),
                save[0], payloadMb / save[0], save[runs / 2], load[0], payloadMb / load[0], load[runs / 2]);
        Files.delete(file);
    }

    private static long used() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum over heap pools of each pool's peak (an upper bound of the simultaneous peak). */
    private static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
