package io.jrec.search;

/** What a brand or category named in a query does to the results. */
public enum IntentMode {
    /** Only products of the named brand(s) / category(ies) are returned. */
    FILTER,
    /** Products of the named brand(s) / category(ies) get a relevance bonus; others may still match. */
    BOOST
}
