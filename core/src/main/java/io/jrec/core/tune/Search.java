package io.jrec.core.tune;

import java.util.Objects;

/**
 * How a {@link Tuner} walks a {@link SearchSpace}.
 *
 * <ul>
 *   <li>{@link #grid()}: every grid point (see {@link SearchSpace#grid}), in order.</li>
 *   <li>{@link #random(long)}: independent random points; trial {@code t}'s point depends only on the
 *       seed and {@code t}, so a longer search extends a shorter one.</li>
 *   <li>{@link #successiveHalving(String, int, int, long)} (Jamieson and Talwalkar, "Non-stochastic Best
 *       Arm Identification and Hyperparameter Optimization", AISTATS 2016): {@code arms} random points
 *       are trained with the smallest resource (epochs or iterations, the setting named
 *       {@code resource}); the best {@code 1/eta} (at least one) go on with {@code eta} times the
 *       resource, and so on until the largest resource, which the last rung always uses. Each rung
 *       fits from scratch. With resources 5..80 and eta 3: 27 arms x 5, 9 x 15, 3 x 45, 1 x 80 epochs,
 *       485 epochs instead of 27 x 80 = 2160.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Search {
    enum Kind { GRID, RANDOM, HALVING }

    private final Kind kind;
    private final long seed;
    private final String resource;
    private final int minResource;
    private final int maxResource;
    private final int eta;
    private final int arms;

    private Search(Kind kind, long seed, String resource, int minResource, int maxResource, int eta, int arms) {
        this.kind = kind;
        this.seed = seed;
        this.resource = resource;
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.eta = eta;
        this.arms = arms;
    }

    /** Every point of the space's grid. */
    public static Search grid() {
        return new Search(Kind.GRID, 0, null, 0, 0, 0, 0);
    }

    /** Seeded random points; needs a trial count or a time budget on the tuner. */
    public static Search random(long seed) {
        return new Search(Kind.RANDOM, seed, null, 0, 0, 0, 0);
    }

    /**
     * Successive halving over the integer setting {@code resource} from {@code minResource} to
     * {@code maxResource}, with eta 3 and {@code eta^(rungs - 1)} arms (one survivor reaches the last
     * rung); change them with {@link #eta(int)} and {@link #arms(int)}.
     *
     * @throws IllegalArgumentException if the resource name is blank or not {@code 1 <= min <= max}
     */
    public static Search successiveHalving(String resource, int minResource, int maxResource, long seed) {
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("successive halving needs the name of its resource setting,"
                    + " e.g. \"epochs\"");
        }
        if (minResource < 1 || minResource > maxResource) {
            throw new IllegalArgumentException("successive halving needs 1 <= minResource <= maxResource, got "
                    + minResource + ".." + maxResource);
        }
        return new Search(Kind.HALVING, seed, resource, minResource, maxResource, 3, 0);
    }

    /**
     * This successive-halving search with another reduction factor (and, unless {@link #arms} was set,
     * {@code eta^(rungs - 1)} arms).
     *
     * @throws IllegalArgumentException if not successive halving or {@code eta < 2}
     */
    public Search eta(int eta) {
        requireHalving("eta");
        if (eta < 2) {
            throw new IllegalArgumentException("successive halving needs eta >= 2, got " + eta);
        }
        return new Search(kind, seed, resource, minResource, maxResource, eta, arms);
    }

    /**
     * This successive-halving search with {@code arms} starting points.
     *
     * @throws IllegalArgumentException if not successive halving or {@code arms < 1}
     */
    public Search arms(int arms) {
        requireHalving("arms");
        if (arms < 1) {
            throw new IllegalArgumentException("successive halving needs arms >= 1, got " + arms);
        }
        return new Search(kind, seed, resource, minResource, maxResource, eta, arms);
    }

    Kind kind() {
        return kind;
    }

    long seed() {
        return seed;
    }

    /** The resource setting of successive halving, or null. */
    public String resource() {
        return resource;
    }

    int arms() {
        return arms > 0 ? arms : pow(eta, rungs() - 1);
    }

    int eta() {
        return eta;
    }

    /** The resource of rung {@code r} (0-based): min x eta^r, the last rung at max. */
    int resourceOf(int rung) {
        return rung >= rungs() - 1 ? maxResource : (int) Math.min(maxResource, (long) minResource * pow(eta, rung));
    }

    /** The number of rungs: resources min, min x eta, ... below max, then max. */
    int rungs() {
        int rungs = 1;
        long r = minResource;
        while (r < maxResource) {
            r *= eta;
            rungs++;
        }
        return rungs;
    }

    private void requireHalving(String what) {
        if (kind != Kind.HALVING) {
            throw new IllegalArgumentException(what + " applies to successive halving only, not to " + this);
        }
    }

    private static int pow(int base, int exp) {
        long v = 1;
        for (int e = 0; e < exp; e++) {
            v = Math.min(Integer.MAX_VALUE, v * base);
        }
        return (int) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Search s && kind == s.kind && seed == s.seed && Objects.equals(resource, s.resource)
                && minResource == s.minResource && maxResource == s.maxResource && eta == s.eta && arms == s.arms;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, seed, resource, minResource, maxResource, eta, arms);
    }

    /** E.g. {@code "random (seed 42)"} or {@code "successive halving on epochs 5..80, eta 3, 27 arms (seed 42)"}. */
    @Override
    public String toString() {
        return switch (kind) {
            case GRID -> "grid";
            case RANDOM -> "random (seed " + seed + ")";
            case HALVING -> "successive halving on " + resource + " " + minResource + ".." + maxResource + ", eta "
                    + eta + ", " + arms() + " arms (seed " + seed + ")";
        };
    }
}
