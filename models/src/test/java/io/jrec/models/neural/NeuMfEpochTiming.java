package io.jrec.models.neural;

import io.jrec.core.RatingMatrix;
import io.jrec.models.Ml100k;

import java.io.IOException;
import java.util.Locale;

/**
 * Times one NeuMF training epoch (the builder's defaults, 4 negatives per positive) on all 100,000
 * MovieLens ratings, as the JMH {@code NeuralBenchmark.epoch} does, and prints each repetition with the
 * load average (not a unit test; run by hand with the test classpath):
 * {@code java -cp ... io.jrec.models.neural.NeuMfEpochTiming [threads] [repetitions]}.
 */
public final class NeuMfEpochTiming {

    private NeuMfEpochTiming() {
    }

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RatingMatrix all = NeuMfMovieLensTest.load(Ml100k.dir().resolve("u.data"));
        NeuralCollaborativeFiltering.Config oneEpoch = NeuralCollaborativeFiltering.builder().epochs(1)
                .threads(threads).seed(42).build();
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            long cpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            oneEpoch.fit(all);
            System.out.printf(Locale.ROOT, "threads %d: epoch %.3f s wall, %.3f s CPU (load average %.2f)%n",
                    threads, (System.nanoTime() - start) / 1e9,
                    (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu) / 1e9,
                    os.getSystemLoadAverage());
        }
    }
}
