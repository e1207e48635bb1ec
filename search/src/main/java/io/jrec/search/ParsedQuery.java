package io.jrec.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a query asks for, as {@link CatalogIndex#parse} understood it with the catalogue's vocabulary:
 * the text terms (after spelling correction), the brands and categories it names, a price range or a
 * price intent ("cheap"), the corrections made and notes on anything cut or cleaned.
 *
 * <pre>{@code
 * ParsedQuery q = index.parse("velton runing shoes under 80");
 * q.brands();        // [Velton]          (a filter by default)
 * q.categories();    // [shoes]           (a boost by default)
 * q.maxPrice();      // 80.0
 * q.corrections();   // [runing -> running]
 * }</pre>
 * Immutable.
 */
public final class ParsedQuery {

    /** A price wish given in words rather than numbers. */
    public enum PriceIntent {
        /** No price word. */
        NONE,
        /** "cheap", "affordable", "budget", "便宜": the cheaper part of the matches. */
        CHEAP,
        /** "luxury", "expensive", "high end", "高端": the dearer part of the matches. */
        PREMIUM
    }

    /**
     * A query term replaced by the nearest catalogue term.
     *
     * @param from the term as typed (analysed: lower case, plural reduced)
     * @param to   the catalogue term used instead
     */
    public record Correction(String from, String to) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private final String text;
    private final List<String> terms;
    private final List<String> textTerms;
    private final List<Integer> brandKeys;
    private final List<Integer> categoryKeys;
    private final List<String> brands;
    private final List<String> categories;
    private final IntentMode brandMode;
    private final IntentMode categoryMode;
    private final double minPrice;
    private final double maxPrice;
    private final PriceIntent priceIntent;
    private final List<Correction> corrections;
    private final List<String> notes;

    ParsedQuery(String text, List<String> terms, List<String> textTerms, List<Integer> brandKeys,
                List<Integer> categoryKeys, List<String> brands, List<String> categories, IntentMode brandMode,
                IntentMode categoryMode, double minPrice, double maxPrice, PriceIntent priceIntent,
                List<Correction> corrections, List<String> notes) {
        this.text = text;
        this.terms = List.copyOf(terms);
        this.textTerms = List.copyOf(textTerms);
        this.brandKeys = List.copyOf(brandKeys);
        this.categoryKeys = List.copyOf(categoryKeys);
        this.brands = List.copyOf(brands);
        this.categories = List.copyOf(categories);
        this.brandMode = brandMode;
        this.categoryMode = categoryMode;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.priceIntent = priceIntent;
        this.corrections = List.copyOf(corrections);
        this.notes = List.copyOf(notes);
    }

    /** The query text after cleaning (control characters as spaces, cut at the length limit). */
    public String text() {
        return text;
    }

    /** Every term of the query after correction, price words removed, in order. */
    public List<String> terms() {
        return terms;
    }

    /**
     * The terms matched against the text fields: {@link #terms()} without those of a brand or category
     * used as a {@link IntentMode#FILTER filter}.
     */
    public List<String> textTerms() {
        return textTerms;
    }

    /** The brands named, as the catalogue spells them. */
    public List<String> brands() {
        return brands;
    }

    /** The categories named, as the catalogue spells them. */
    public List<String> categories() {
        return categories;
    }

    /** Whether named brands filter or boost. */
    public IntentMode brandMode() {
        return brandMode;
    }

    /** Whether named categories filter or boost. */
    public IntentMode categoryMode() {
        return categoryMode;
    }

    /** The lowest price asked for, or {@code NaN} if none. */
    public double minPrice() {
        return minPrice;
    }

    /** The highest price asked for, or {@code NaN} if none. */
    public double maxPrice() {
        return maxPrice;
    }

    /** A price wish in words. */
    public PriceIntent priceIntent() {
        return priceIntent;
    }

    /** The spelling corrections made, in query order. */
    public List<Correction> corrections() {
        return corrections;
    }

    /** What was changed to make the query usable (cut, control characters, too many terms); usually empty. */
    public List<String> notes() {
        return notes;
    }

    /** Whether the query asks for anything at all (terms, a brand or category, or a price). */
    public boolean isEmpty() {
        return terms.isEmpty() && brands.isEmpty() && categories.isEmpty() && Double.isNaN(minPrice)
                && Double.isNaN(maxPrice);
    }

    List<Integer> brandKeys() {
        return brandKeys;
    }

    List<Integer> categoryKeys() {
        return categoryKeys;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("terms=" + terms);
        if (!brands.isEmpty()) {
            parts.add("brands=" + brands + " (" + brandMode.name().toLowerCase(Locale.ROOT) + ")");
        }
        if (!categories.isEmpty()) {
            parts.add("categories=" + categories + " (" + categoryMode.name().toLowerCase(Locale.ROOT) + ")");
        }
        if (!Double.isNaN(minPrice) || !Double.isNaN(maxPrice)) {
            parts.add("price=" + (Double.isNaN(minPrice) ? "" : minPrice) + ".." + (Double.isNaN(maxPrice) ? "" : maxPrice));
        }
        if (priceIntent != PriceIntent.NONE) {
            parts.add("intent=" + priceIntent.name().toLowerCase(Locale.ROOT));
        }
        if (!corrections.isEmpty()) {
            parts.add("corrected=" + corrections);
        }
        if (!notes.isEmpty()) {
            parts.add("notes=" + notes);
        }
        return "ParsedQuery[" + String.join(", ", parts) + "]";
    }
}
