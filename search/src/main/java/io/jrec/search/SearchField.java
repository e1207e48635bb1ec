package io.jrec.search;

import java.util.Locale;

/** The text fields of a {@link CatalogItem} that the index scores with BM25, each with its own weight. */
public enum SearchField {
    /** The title; default weight 3. */
    TITLE(3.0),
    /** The description; default weight 1. */
    DESCRIPTION(1.0),
    /** The brand name; default weight 2. */
    BRAND(2.0),
    /** The category name; default weight 2. */
    CATEGORY(2.0),
    /** The attribute values, all in one field; default weight 1. */
    ATTRIBUTES(1.0);

    private final double defaultWeight;
    private final String luceneName;

    SearchField(double defaultWeight) {
        this.defaultWeight = defaultWeight;
        this.luceneName = name().toLowerCase(Locale.ROOT);
    }

    /** The weight a field gets unless {@link CatalogIndex.Builder#weight} says otherwise. */
    public double defaultWeight() {
        return defaultWeight;
    }

    /** The name of the Lucene field (lower case). */
    String luceneName() {
        return luceneName;
    }

    /** The text of this field in {@code item}, or null if missing. */
    String textOf(CatalogItem item) {
        return switch (this) {
            case TITLE -> item.title();
            case DESCRIPTION -> item.description();
            case BRAND -> item.brand();
            case CATEGORY -> item.category();
            case ATTRIBUTES -> item.attributes().isEmpty() ? null : String.join(" ", item.attributes().values());
        };
    }
}
