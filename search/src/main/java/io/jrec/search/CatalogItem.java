package io.jrec.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One product as the search index sees it: its texts (title, description), its brand and category,
 * free attributes ({@code "colour" -> "red"}), a price and whether it is in stock.
 *
 * <p>Every field but the id may be missing (null, or {@code NaN} for the price): a missing text field
 * matches nothing, a missing price never passes a price constraint, a missing brand or category is
 * never a filter's match. Immutable.
 *
 * @param id          the product id (the item id the recommenders use)
 * @param title       the title, or null
 * @param description the description, or null
 * @param brand       the brand name, or null
 * @param category    the category name, or null
 * @param attributes  attribute name to value (unmodifiable, in the order given; empty if none)
 * @param price       the price, finite and >= 0, or {@code NaN} if unknown
 * @param inStock     whether it can be bought now
 */
public record CatalogItem(long id, String title, String description, String brand, String category,
                          Map<String, String> attributes, double price, boolean inStock) {

    /**
     * @throws IllegalArgumentException if the price is negative or infinite, or an attribute name or
     *                                  value is null
     */
    public CatalogItem {
        if (!Double.isNaN(price) && (price < 0 || Double.isInfinite(price))) {
            throw new IllegalArgumentException("price of product " + id + " is " + price
                    + "; give a finite price >= 0, or NaN if unknown");
        }
        if (attributes == null) {
            attributes = Map.of();
        } else {
            Map<String, String> copy = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("product " + id + " has an attribute with a null name or value");
                }
                copy.put(e.getKey(), e.getValue());
            }
            attributes = Collections.unmodifiableMap(copy);
        }
    }

    /** A builder for the product {@code id}: no fields, price unknown, in stock. */
    public static Builder builder(long id) {
        return new Builder(id);
    }

    /** Whether the price is known. */
    public boolean hasPrice() {
        return !Double.isNaN(price);
    }

    /** Builds a {@link CatalogItem}. Not thread-safe. */
    public static final class Builder {
        private final long id;
        private String title;
        private String description;
        private String brand;
        private String category;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private double price = Double.NaN;
        private boolean inStock = true;

        private Builder(long id) {
            this.id = id;
        }

        /** The title (may be null). */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The description (may be null). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The brand (may be null). */
        public Builder brand(String brand) {
            this.brand = brand;
            return this;
        }

        /** The category (may be null). */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** Adds an attribute, e.g. {@code ("colour", "red")}; a second value for a name replaces the first. */
        public Builder attribute(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        /** The price, finite and >= 0, or {@code NaN} if unknown (default). */
        public Builder price(double price) {
            this.price = price;
            return this;
        }

        /** Whether it can be bought now (default true). */
        public Builder inStock(boolean inStock) {
            this.inStock = inStock;
            return this;
        }

        /**
         * The product.
         *
         * @throws IllegalArgumentException if the price is negative or infinite, or an attribute is null
         */
        public CatalogItem build() {
            return new CatalogItem(id, title, description, brand, category, attributes, price, inStock);
        }
    }
}
