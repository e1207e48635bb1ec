package io.jrec.search;

import io.jrec.search.ParsedQuery.Correction;
import io.jrec.search.ParsedQuery.PriceIntent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a raw query into a {@link ParsedQuery}: clean it, take out price words and ranges, analyse,
 * correct misspellings against the vocabulary, then find brand and category phrases (longest first).
 * Stateless.
 *
 * <p>Price expressions (case-insensitive; an optional currency sign or word around the number):
 * {@code under|below|less than|cheaper than|up to|at most|max|<|<= N} (at most N);
 * {@code over|above|more than|at least|from|min|>|>= N} (at least N); {@code N-M}, {@code N to M},
 * {@code between N and M}; Chinese {@code N元以下}, {@code N以内}, {@code N元以上}, {@code N到M元}.
 * Price words: {@code cheap, cheapest, cheaper, affordable, inexpensive, budget, 便宜, 实惠, 低价} and
 * {@code luxury, expensive, high end, 高端, 奢侈}.
 */
final class QueryUnderstanding {
    /** Queries longer than this are cut (and the result notes it). */
    static final int DEFAULT_MAX_CHARS = 1_000;
    /** Terms after this many are ignored (and the result notes it). */
    static final int DEFAULT_MAX_TERMS = 32;

    private static final String NUM = "[$€£¥]?\\s*(\\d{1,9}(?:[.,]\\d{1,2})?)\\s*(?:\\$|€|£|usd|eur|dollars?|euros?|元|块)?";
    private static final Pattern RANGE = Pattern.compile(
            "(?:between\\s+)?" + NUM + "\\s*(?:-|–|~|to|到|至)\\s*" + NUM + "|between\\s+" + NUM + "\\s+and\\s+" + NUM);
    private static final Pattern AT_MOST = Pattern.compile(
            "(?:\\bunder|\\bbelow|\\bless than|\\bcheaper than|\\bup to|\\bat most|\\bmax|<=|<)\\s*" + NUM
                    + "|" + NUM + "\\s*(?:以下|以内)");
    private static final Pattern AT_LEAST = Pattern.compile(
            "(?:\\bover|\\babove|\\bmore than|\\bat least|\\bfrom|\\bmin|>=|>)\\s*" + NUM + "|" + NUM + "\\s*以上");
    private static final Pattern CHEAP = Pattern.compile(
            "\\b(?:cheap|cheapest|cheaper|affordable|inexpensive|budget)\\b|便宜|实惠|低价");
    private static final Pattern PREMIUM = Pattern.compile("\\b(?:luxury|expensive|high[ -]end)\\b|高端|奢侈");

    private QueryUnderstanding() {
    }

    static ParsedQuery parse(CatalogIndex index, String raw) {
        return parse(index, raw, IntentMode.FILTER, IntentMode.BOOST, DEFAULT_MAX_CHARS, DEFAULT_MAX_TERMS);
    }

    static ParsedQuery parse(CatalogIndex index, String raw, IntentMode brandMode, IntentMode categoryMode,
                             int maxChars, int maxTerms) {
        List<String> notes = new ArrayList<>();
        QueryText.Cleaned cleaned = QueryText.clean(raw, maxChars);
        if (cleaned.cut()) {
            notes.add("query cut to its first " + maxChars + " of " + raw.length() + " characters");
        }
        if (cleaned.hadControl()) {
            notes.add("control characters read as spaces");
        }
        String text = cleaned.text().toLowerCase(Locale.ROOT);

        // Prices first, so that their numbers and words are not searched as text.
        double min = Double.NaN;
        double max = Double.NaN;
        StringBuilder rest = new StringBuilder(text);
        Matcher m = RANGE.matcher(rest);
        if (m.find()) {
            double a = number(m.group(1) != null ? m.group(1) : m.group(3));
            double b = number(m.group(2) != null ? m.group(2) : m.group(4));
            min = Math.min(a, b);
            max = Math.max(a, b);
            blank(rest, m.start(), m.end());
        }
        m = AT_MOST.matcher(rest);
        if (m.find()) {
            double v = number(m.group(1) != null ? m.group(1) : m.group(2));
            max = Double.isNaN(max) ? v : Math.min(max, v);
            blank(rest, m.start(), m.end());
        }
        m = AT_LEAST.matcher(rest);
        if (m.find()) {
            double v = number(m.group(1) != null ? m.group(1) : m.group(2));
            min = Double.isNaN(min) ? v : Math.max(min, v);
            blank(rest, m.start(), m.end());
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
            notes.add("price range " + min + ".." + max + " is empty; ignored");
            min = Double.NaN;
            max = Double.NaN;
        }
        PriceIntent intent = PriceIntent.NONE;
        m = CHEAP.matcher(rest);
        if (m.find()) {
            intent = PriceIntent.CHEAP;
            blankAll(rest, m);
        }
        m = PREMIUM.matcher(rest);
        if (m.find()) {
            intent = intent == PriceIntent.CHEAP ? PriceIntent.NONE : PriceIntent.PREMIUM;
            blankAll(rest, m);
        }

        List<String> terms = index.analyze(rest.toString());
        if (terms.size() > maxTerms) {
            notes.add("only the first " + maxTerms + " of " + terms.size() + " terms used");
            terms = new ArrayList<>(terms.subList(0, maxTerms));
        }
        List<Correction> corrections = new ArrayList<>();
        Vocabulary vocabulary = index.vocabulary();
        for (int k = 0; k < terms.size(); k++) {
            String fixed = vocabulary.correct(terms.get(k));
            if (fixed != null) {
                corrections.add(new Correction(terms.get(k), fixed));
                terms.set(k, fixed);
            }
        }

        // Brand and category phrases, longest first, left to right.
        List<Integer> brandKeys = new ArrayList<>();
        List<Integer> categoryKeys = new ArrayList<>();
        List<String> brands = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        boolean[] filtered = new boolean[terms.size()];
        for (int i = 0; i < terms.size(); ) {
            int matched = 0;
            for (int len = Math.min(index.longestPhrase(), terms.size() - i); len >= 1 && matched == 0; len--) {
                String phrase = String.join(" ", terms.subList(i, i + len));
                int b = index.brandKey(phrase);
                int c = index.categoryKey(phrase);
                if (b >= 0) {
                    if (!brandKeys.contains(b)) {
                        brandKeys.add(b);
                        brands.add(index.brandName(b));
                    }
                    matched = len;
                    mark(filtered, i, len, brandMode == IntentMode.FILTER);
                } else if (c >= 0) {
                    if (!categoryKeys.contains(c)) {
                        categoryKeys.add(c);
                        categories.add(index.categoryName(c));
                    }
                    matched = len;
                    mark(filtered, i, len, categoryMode == IntentMode.FILTER);
                }
            }
            i += Math.max(1, matched);
        }
        List<String> textTerms = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            if (!filtered[k]) {
                textTerms.add(terms.get(k));
            }
        }
        return new ParsedQuery(cleaned.text(), terms, textTerms, brandKeys, categoryKeys, brands, categories,
                brandMode, categoryMode, min, max, intent, corrections, notes);
    }

    private static void mark(boolean[] filtered, int from, int len, boolean value) {
        for (int k = from; k < from + len; k++) {
            filtered[k] = value;
        }
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }

    private static void blank(StringBuilder sb, int from, int to) {
        for (int k = from; k < to; k++) {
            sb.setCharAt(k, ' ');
        }
    }

    private static void blankAll(StringBuilder sb, Matcher m) {
        do {
            blank(sb, m.start(), m.end());
        } while (m.find());
    }
}
