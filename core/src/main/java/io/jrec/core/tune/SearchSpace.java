package io.jrec.core.tune;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The settings a {@link Tuner} may try: each named parameter is a list of choices, an integer range or
 * a real range, either range uniform or log-uniform. Values are text (see {@link Settings}).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *         .choice("similarity", "cosine", "pearson")
 *         .logIntRange("k", 10, 400)
 *         .logRange("lambda", 10, 5000)
 *         .build();
 * }</pre>
 *
 * <p>Random search draws every parameter independently: a choice uniformly, a range uniformly or (log)
 * so that {@code log(value)} is uniform; reals are rounded to 4 significant digits so that the text a
 * report shows is the value the model got. A grid takes every choice and {@link Builder#gridPoints}
 * evenly spaced (geometric for log ranges) values of each range, rounded and without duplicates.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SearchSpace {
    private final List<Parameter> parameters;
    private final int gridPoints;

    private SearchSpace(Builder b) {
        this.parameters = List.copyOf(b.parameters.values());
        this.gridPoints = b.gridPoints;
    }

    /** An empty builder; the default number of grid points per range is 5. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters, in the order they were added. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameter called {@code name}, or null. */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the space has no parameter (then a search tries the defaults once). */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    /** One random point: every parameter drawn from {@code random}, in order. */
    public Settings sample(SplittableRandom random) {
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), p.sample(random));
        }
        return Settings.of(values);
    }

    /**
     * Every point of the grid, the last parameter varying fastest.
     *
     * @throws IllegalArgumentException if the grid has more than {@code maxPoints} points
     */
    public List<Settings> grid(int maxPoints) {
        List<List<String>> axes = new ArrayList<>();
        long size = 1;
        for (Parameter p : parameters) {
            List<String> axis = p.grid(gridPoints);
            axes.add(axis);
            size *= axis.size();
            if (size > maxPoints) {
                throw new IllegalArgumentException("the grid has more than " + maxPoints + " points; use fewer"
                        + " choices, fewer gridPoints, or a random search");
            }
        }
        List<Settings> points = new ArrayList<>((int) size);
        int[] at = new int[axes.size()];
        for (long n = 0; n < size; n++) {
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                values.put(parameters.get(a).name(), axes.get(a).get(at[a]));
            }
            points.add(Settings.of(values));
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++at[a] < axes.get(a).size()) {
                    break;
                }
                at[a] = 0;
            }
        }
        return points;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Parameter p : parameters) {
            s.append(s.length() == 0 ? "" : ", ").append(p);
        }
        return s.length() == 0 ? "(empty)" : s.toString();
    }

    /** The kind of a {@link Parameter}. */
    public enum Kind {
        /** A list of values given as text. */
        CHOICE,
        /** Integers in {@code [low, high]}. */
        INT,
        /** Reals in {@code [low, high]}. */
        REAL
    }

    /**
     * One named dimension of a search space. Immutable.
     *
     * @param name    the setting it sets
     * @param kind    choice, integer or real
     * @param choices the values of a choice (empty for ranges)
     * @param low     the lowest value of a range (0 for a choice)
     * @param high    the highest value of a range, inclusive (0 for a choice)
     * @param log     whether a range is log-uniform
     */
    public record Parameter(String name, Kind kind, List<String> choices, double low, double high, boolean log) {

        /** Creates a parameter; {@link Builder} checks the values. */
        public Parameter {
            choices = List.copyOf(choices);
        }

        /** Whether every value is a number (ranges, and choices that all parse as numbers). */
        public boolean isNumeric() {
            if (kind != Kind.CHOICE) {
                return true;
            }
            for (String c : choices) {
                try {
                    if (!Double.isFinite(Double.parseDouble(c))) {
                        return false;
                    }
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return true;
        }

        String sample(SplittableRandom random) {
            switch (kind) {
                case CHOICE -> {
                    return choices.get(random.nextInt(choices.size()));
                }
                case INT -> {
                    if (log) {
                        double u = Math.log(low) + random.nextDouble() * (Math.log(high + 1) - Math.log(low));
                        return Long.toString(Math.min((long) high, Math.max((long) low, (long) Math.floor(Math.exp(u)))));
                    }
                    return Long.toString((long) low + random.nextLong((long) high - (long) low + 1));
                }
                default -> {
                    double u = random.nextDouble();
                    double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                            : low + u * (high - low);
                    return format(Math.min(high, Math.max(low, v)));
                }
            }
        }

        List<String> grid(int points) {
            if (kind == Kind.CHOICE) {
                return choices;
            }
            Set<String> values = new LinkedHashSet<>();
            for (int g = 0; g < points; g++) {
                double t = points == 1 ? 0.5 : (double) g / (points - 1);
                double v = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
                values.add(kind == Kind.INT ? Long.toString(Math.round(v)) : format(v));
            }
            return List.copyOf(values);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case CHOICE -> name + " in " + choices;
                case INT -> name + " in " + (long) low + ".." + (long) high + (log ? " (log)" : "");
                case REAL -> name + " in " + format(low) + ".." + format(high) + (log ? " (log)" : "");
            };
        }
    }

    /** A real rounded to 4 significant digits, as plain text without trailing zeros ({@code 523.4}, {@code 0.01}). */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Builds a {@link SearchSpace}; each method checks its arguments. Not thread-safe. */
    public static final class Builder {
        private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
        private int gridPoints = 5;

        private Builder() {
        }

        /**
         * A list of values.
         *
         * @throws IllegalArgumentException if the name is blank or taken, there is no value, or a value is
         *                                  blank or repeated
         */
        public Builder choice(String name, String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("choice '" + name + "' needs at least one value");
            }
            Set<String> seen = new HashSet<>();
            for (String v : values) {
                if (v == null || v.isBlank()) {
                    throw new IllegalArgumentException("choice '" + name + "' has a blank value");
                }
                if (!seen.add(v)) {
                    throw new IllegalArgumentException("choice '" + name + "' lists '" + v + "' twice");
                }
            }
            return add(new Parameter(name, Kind.CHOICE, List.of(values), 0, 0, false));
        }

        /** A list of integer values; see {@link #choice(String, String...)}. */
        public Builder choice(String name, int... values) {
            String[] text = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                text[i] = Integer.toString(values[i]);
            }
            return choice(name, text);
        }

        /** A list of real values (written with up to 4 significant digits); see {@link #choice(String, String...)}. */
        public Builder choice(String name, double... values) {
            String[] text = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("choice '" + name + "' has a non-finite value " + values[i]);
                }
                text[i] = format(values[i]);
            }
            return choice(name, text);
        }

        /**
         * Integers uniform in {@code [low, high]}.
         *
         * @throws IllegalArgumentException if {@code low > high}
         */
        public Builder intRange(String name, int low, int high) {
            requireOrder(name, low, high);
            return add(new Parameter(name, Kind.INT, List.of(), low, high, false));
        }

        /**
         * Integers in {@code [low, high]} with {@code log(value)} uniform (as many draws between 10 and 100
         * as between 100 and 1000).
         *
         * @throws IllegalArgumentException if {@code low < 1} or {@code low > high}
         */
        public Builder logIntRange(String name, int low, int high) {
            if (low < 1) {
                throw new IllegalArgumentException("log range '" + name + "' must start at >= 1, got " + low);
            }
            requireOrder(name, low, high);
            return add(new Parameter(name, Kind.INT, List.of(), low, high, true));
        }

        /**
         * Reals uniform in {@code [low, high]}.
         *
         * @throws IllegalArgumentException if a bound is not finite or {@code low > high}
         */
        public Builder range(String name, double low, double high) {
            requireFinite(name, low, high);
            requireOrder(name, low, high);
            return add(new Parameter(name, Kind.REAL, List.of(), low, high, false));
        }

        /**
         * Reals in {@code [low, high]} with {@code log(value)} uniform.
         *
         * @throws IllegalArgumentException if a bound is not finite, {@code low <= 0} or {@code low > high}
         */
        public Builder logRange(String name, double low, double high) {
            requireFinite(name, low, high);
            if (!(low > 0)) {
                throw new IllegalArgumentException("log range '" + name + "' must start above 0, got " + low);
            }
            requireOrder(name, low, high);
            return add(new Parameter(name, Kind.REAL, List.of(), low, high, true));
        }

        /**
         * How many values of each range a grid takes, >= 1; default 5.
         *
         * @throws IllegalArgumentException if {@code points < 1}
         */
        public Builder gridPoints(int points) {
            if (points < 1) {
                throw new IllegalArgumentException("gridPoints must be >= 1, got " + points);
            }
            this.gridPoints = points;
            return this;
        }

        /** The space. An empty space is allowed: a search then tries the defaults once. */
        public SearchSpace build() {
            return new SearchSpace(this);
        }

        private Builder add(Parameter p) {
            if (p.name() == null || p.name().isBlank()) {
                throw new IllegalArgumentException("a parameter name must not be blank");
            }
            if (parameters.containsKey(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is defined twice");
            }
            parameters.put(p.name(), p);
            return this;
        }

        private static void requireFinite(String name, double low, double high) {
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("range '" + name + "' needs finite bounds, got " + low + ".." + high);
            }
        }

        private static void requireOrder(String name, double low, double high) {
            if (low > high) {
                throw new IllegalArgumentException("range '" + name + "' has low " + low + " > high " + high);
            }
        }
    }
}
