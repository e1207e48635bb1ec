package io.jrec.search;

/**
 * Makes any string safe to analyse: control characters and unpaired surrogates become spaces, and the
 * text is cut at a length limit (never inside a surrogate pair). Stateless.
 */
final class QueryText {
    private QueryText() {
    }

    /** The cleaned text and what was changed. */
    record Cleaned(String text, boolean cut, boolean hadControl) {
    }

    static Cleaned clean(String raw, int maxChars) {
        if (raw == null) {
            return new Cleaned("", false, false);
        }
        boolean cut = raw.length() > maxChars;
        int end = cut ? maxChars : raw.length();
        if (cut && end > 0 && Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        StringBuilder sb = null;
        boolean control = false;
        for (int p = 0; p < end; p++) {
            char c = raw.charAt(p);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = p + 1 >= end || !Character.isLowSurrogate(raw.charAt(p + 1));
                if (!bad) {
                    if (sb != null) {
                        sb.append(c).append(raw.charAt(p + 1));
                    }
                    p++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT || c == '\uFFFD' || c == '\uFFFF' || c == '\uFFFE';
            }
            if (bad) {
                control |= !(c == '\t' || c == '\n' || c == '\r');
                if (sb == null) {
                    sb = new StringBuilder(end).append(raw, 0, p);
                }
                sb.append(' ');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String text = sb != null ? sb.toString() : raw.substring(0, end);
        return new Cleaned(text, cut, control);
    }
}
