package io.jrec.core.io;

import io.jrec.core.RatingMatrix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: measures loading and building MovieLens 100K (u.data) and the memory of the result.
 * Run from the worktree root after {@code mvn -pl core test-compile}:
 * {@code java -cp core/target/classes:core/target/test-classes:<fastutil>:<slf4j-api> io.jrec.core.io.MovieLensLoadMeasure ../shared/data/ml-100k/u.data 20}
 */
public final class MovieLensLoadMeasure {
    private MovieLensLoadMeasure() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/ml-100k/u.data");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpuMs = new double[runs];
        RatingMatrix m = null;
        for (int r = 0; r < runs; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            m = MovieLens.ratings(file);
            wall[r] = (System.nanoTime() - t0) / 1e6;
            cpuMs[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        System.out.printf("%s: %s%n", file, m);
        System.out.printf("wall ms by run: %s%n", Arrays.toString(round(wall)));
        System.out.printf("cpu ms by run:  %s%n", Arrays.toString(round(cpuMs)));
        Arrays.sort(wall);
        Arrays.sort(cpuMs);
        System.out.printf("wall: best %.1f ms, median %.1f ms; CPU best %.1f ms, median %.1f ms%n",
                wall[0], wall[runs / 2], cpuMs[0], cpuMs[runs / 2]);
        System.out.printf("memoryBytes %d = %.2f bytes/rating (both orientations, arrays only)%n",
                m.memoryBytes(), m.memoryBytes() / (double) m.size());

        m = null;
        long before = usedAfterGc();
        RatingMatrix held = MovieLens.ratings(file);
        long after = usedAfterGc();
        System.out.printf("retained heap %d bytes = %.2f bytes/rating (incl. id indices and hash maps; %d ratings)%n",
                after - before, (after - before) / (double) held.size(), held.size());
    }

    private static double[] round(double[] xs) {
        double[] out = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            out[k] = Math.round(xs[k] * 10) / 10.0;
        }
        return out;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int k = 0; k < 5; k++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
