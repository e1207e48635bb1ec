package io.jrec.core.data;

/**
 * A small, fast pseudo-random generator (SplitMix64, Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) written out here so that generated data sets are the
 * same on every JVM and version. Not thread-safe; give each thread or stream its own seed.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator for sub-stream {@code stream} of {@code seed}, independent of the other sub-streams. */
    static SplitMix64 stream(long seed, long stream) {
        return new SplitMix64(mix(seed ^ mix(stream + 0x632BE59BD9B4E019L)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), {@code bound > 0} (multiply-shift; bias below 2^-32 for bounds used here). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Standard normal (Box-Muller; one of the pair is discarded for simplicity). */
    double nextGaussian() {
        double u = 1.0 - nextDouble();   // (0, 1]
        double v = nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
