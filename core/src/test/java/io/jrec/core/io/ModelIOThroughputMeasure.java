package io.jrec.core.io;

import io.jrec.core.Recommender;

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
        if (args.length > 1 && args[1].equals("big")) {
            big(Path.of(args[0]), Double.parseDouble(args[2]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target");
        long mb = args.length > 1 ? Long.parseLong(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(dir);
        Path file = dir.resolve("throughput.jrec");
        ArrayModel model = ArrayModel.ofSize(1, mb * 1_000_000);
        double payloadMb = model.payloadBytes() / 1e6;
        double[] save = new double[runs];
        double[] load = new double[runs];
        double[] saveCpu = new double[runs];
        double[] loadCpu = new double[runs];
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] saveHeap = new long[runs];
        long[] loadHeap = new long[runs];
        for (int r = 0; r < runs; r++) {
            System.gc();
            long base = used();
            resetPeaks();
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ModelIO.save(model, file);
            save[r] = (System.nanoTime() - t0) / 1e9;
            saveCpu[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            saveHeap[r] = peak() - base;

            System.gc();
            base = used();
            resetPeaks();
            c0 = cpu.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            ArrayModel loaded = ModelIO.load(file, ArrayModel.class);
            load[r] = (System.nanoTime() - t0) / 1e9;
            loadCpu[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            loadHeap[r] = peak() - base;
            if (loaded.generation != 1 || loaded.floats.length != model.floats.length) {
                throw new AssertionError("loaded a different model");
            }
            loaded = null;
            System.out.printf("run %d: save %.2f s (%.0f MB/s; thread CPU %.2f s; peak heap +%d MiB), load %.2f s"
                            + " (%.0f MB/s; thread CPU %.2f s; peak heap +%d MiB)%n", r, save[r], payloadMb / save[r],
                    saveCpu[r], saveHeap[r] >> 20, load[r], payloadMb / load[r], loadCpu[r], loadHeap[r] >> 20);
        }
        Arrays.sort(save);
        Arrays.sort(load);
        System.out.printf("payload %.1f MB, file %d bytes; save best %.2f s = %.0f MB/s (median %.2f s); "
                        + "load best %.2f s = %.0f MB/s (median %.2f s)%n", payloadMb, Files.size(file),
                save[0], payloadMb / save[0], save[runs / 2], load[0], payloadMb / load[0], load[runs / 2]);
        Files.delete(file);
    }

    /**
     * A model of {@code gb} GB nested in a chain (so both the file and the nested payload pass 2 GiB when
     * gb > 2.15): save, drop, load, check every element. Needs a heap of about gb + 1 GB.
     */
    private static void big(Path dir, double gb) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("big.jrec");
        ArrayModel model = ArrayModel.ofSize(9, (long) (gb * 1e9));
        int[] lengths = {model.floats.length, model.ints.length, model.longs.length, model.doubles.length};
        long payload = model.payloadBytes();
        Recommender chain = new NestedModelTest.Chain(model, ArrayModel.of(1, 1, 1, 1, 1));
        long t0 = System.nanoTime();
        ModelIO.save(chain, file);
        double save = (System.nanoTime() - t0) / 1e9;
        model = null;
        chain = null;
        System.gc();
        t0 = System.nanoTime();
        NestedModelTest.Chain loaded = (NestedModelTest.Chain) ModelIO.load(file);
        double load = (System.nanoTime() - t0) / 1e9;
        String problem = ((ArrayModel) loaded.first()).check(lengths[0], lengths[1], lengths[2], lengths[3]);
        System.out.printf("nested payload %,d bytes, file %,d bytes: save %.1f s (%.0f MB/s), load %.1f s (%.0f MB/s),"
                        + " every element checked: %s%n", payload, Files.size(file), save, payload / 1e6 / save, load,
                payload / 1e6 / load, problem == null ? "equal" : problem);
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
