package io.jrec.search;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * Reduces English plurals to the singular, and nothing else, for lower-case ASCII words of at least 4
 * letters: {@code -ies -> -y} (batteries), {@code -ses -xes -zes -ches -shes -> } without {@code -es}
 * (glasses, boxes, watches), {@code -oes -> -oe} (shoes), words ending in {@code -ss -us -is} unchanged
 * (dress, bus, analysis), otherwise a final {@code -s} dropped (boots). Other tokens pass unchanged.
 * Product words are mostly nouns, so plurals are what a shopper's query and a title disagree on most.
 */
final class PluralFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    PluralFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        term.setLength(singular(term.buffer(), term.length()));
        return true;
    }

    /** The length of the singular of {@code s[0..len)} (letters may be rewritten in place). */
    static int singular(char[] s, int len) {
        if (len < 4 || s[len - 1] != 's') {
            return len;
        }
        for (int k = 0; k < len; k++) {
            if (s[k] < 'a' || s[k] > 'z') {
                return len;
            }
        }
        char p = s[len - 2];
        if (p == 's' || p == 'u' || p == 'i') {
            return len;
        }
        if (p == 'e') {
            char q = s[len - 3];
            if (q == 'i' && len > 4) {
                s[len - 3] = 'y';
                return len - 2;
            }
            if (q == 's' || q == 'x' || q == 'z') {
                return len - 2;
            }
            if (q == 'h' && (s[len - 4] == 'c' || s[len - 4] == 's')) {
                return len - 2;
            }
        }
        return len - 1;
    }
}
