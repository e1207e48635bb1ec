package io.jrec.core.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a {@link SearchSpace}: setting names mapped to values, in the space's order, written
 * as text exactly as a user would type them ({@code k=50}, {@code lambda=523.4},
 * {@code similarity=cosine}). Text keeps one representation from the search to the model factory, the
 * report and a command line's {@code --set k=v}; the typed getters parse it and say which setting was
 * bad.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Settings {
    private static final Settings EMPTY = new Settings(new LinkedHashMap<>());

    private final Map<String, String> values;

    private Settings(LinkedHashMap<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No settings. */
    public static Settings empty() {
        return EMPTY;
    }

    /**
     * Settings from a map, in its iteration order.
     *
     * @throws IllegalArgumentException if a name is blank or a value is null
     */
    public static Settings of(Map<String, String> values) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            requireName(name);
            if (value == null) {
                throw new IllegalArgumentException("setting '" + name + "' has no value");
            }
            copy.put(name, value);
        });
        return new Settings(copy);
    }

    /** These settings with {@code name} set to {@code value} (replaced in place if present, else appended). */
    public Settings with(String name, String value) {
        requireName(name);
        Objects.requireNonNull(value, "value");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Settings(copy);
    }

    /** These settings with {@code name} set to the integer {@code value}. */
    public Settings with(String name, int value) {
        return with(name, Integer.toString(value));
    }

    /** Whether {@code name} is set. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The text of a setting.
     *
     * @throws IllegalArgumentException if it is not set
     */
    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + name + "' is not set; set: " + values.keySet());
        }
        return v;
    }

    /** The text of a setting, or {@code fallback} when it is not set. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * A setting as an int.
     *
     * @throws IllegalArgumentException if it is not set or not an integer
     */
    public int getInt(String name) {
        String v = get(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /**
     * A setting as a long.
     *
     * @throws IllegalArgumentException if it is not set or not an integer
     */
    public long getLong(String name) {
        String v = get(name);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /**
     * A setting as a finite double.
     *
     * @throws IllegalArgumentException if it is not set, not a number, or not finite
     */
    public double getDouble(String name) {
        String v = get(name);
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' must be a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("setting '" + name + "' must be a finite number, got '" + v + "'");
        }
        return d;
    }

    /**
     * A setting as a boolean ({@code true/false}, {@code yes/no}, {@code 1/0}, any case).
     *
     * @throws IllegalArgumentException if it is not set or none of these
     */
    public boolean getBoolean(String name) {
        String v = get(name).trim().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "true", "yes", "1" -> {
                return true;
            }
            case "false", "no", "0" -> {
                return false;
            }
            default -> throw new IllegalArgumentException("setting '" + name + "' must be true or false, got '"
                    + get(name) + "'");
        }
    }

    /** The settings as a read-only map, in order. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The number of settings. */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code "k=50, lambda=500"}; {@code "(defaults)"} when empty. */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "(defaults)";
        }
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a setting name must not be blank");
        }
    }
}
