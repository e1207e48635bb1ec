package io.jrec.search;

import io.jrec.core.IdIndex;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, in-memory full-text index of a product catalogue (Apache Lucene 9.12, BM25), with the
 * catalogue's own vocabulary for query understanding: which words are brands and categories, and which
 * terms exist at all (for spelling correction).
 *
 * <pre>{@code
 * CatalogIndex index = CatalogIndex.builder()
 *         .language(TextLanguage.ENGLISH)
 *         .weight(SearchField.TITLE, 3).weight(SearchField.BRAND, 2)
 *         .add(CatalogItem.builder(1001L).title("Trail Running Shoes").brand("Velton").category("shoes")
 *                 .price(59.99).build())
 *         .build();
 * ParsedQuery q = index.parse("velton runing shoes under 80");   // brand filter, corrected term, price <= 80
 * }</pre>
 *
 * <p><b>Relevance</b>: for each query term, the best of its per-field BM25 scores times the field's
 * weight plus 0.1 times the others (a disjunction-max over fields, so a term found in title and
 * description is not counted twice in full); a product's relevance is the sum over terms. BM25 with
 * Lucene's defaults ({@code k1 = 1.2, b = 0.75}), statistics per field.
 *
 * <p>Products keep the order they were added in (dense index {@code 0..size()-1}). Thread-safe: the
 * index never changes after {@link Builder#build()} and Lucene's searcher is safe to share.
 */
public final class CatalogIndex {
    static final String BRAND_KEY = "brand_key";
    static final String CATEGORY_KEY = "category_key";
    static final String PRICE = "price";
    static final String STOCK = "stock";
    private static final String INDEX = "idx";
    /** The tie-breaker of the per-term disjunction-max over fields. */
    static final float TIE = 0.1f;

    private final TextLanguage language;
    private final Analyzer analyzer;
    private final CatalogItem[] items;
    private final IdIndex ids;
    private final EnumMap<SearchField, Float> weights;
    private final IndexSearcher searcher;
    private final int[] docToItem;
    private final int[] brandOf;          // phrase key per item, -1 if none
    private final int[] categoryOf;
    private final String[] brandPhrases;  // key -> analysed phrase ("velton" or "huawei mate")
    private final String[] categoryPhrases;
    private final String[] brandNames;    // key -> the first spelling seen in the catalogue
    private final String[] categoryNames;
    private final Map<String, Integer> brandKeys;
    private final Map<String, Integer> categoryKeys;
    private final int longestPhrase;
    private final Vocabulary vocabulary;

    private CatalogIndex(Builder b) {
        this.language = b.language;
        this.analyzer = language.analyzer();
        this.items = b.items.toArray(new CatalogItem[0]);
        long[] idArray = new long[items.length];
        for (int k = 0; k < items.length; k++) {
            idArray[k] = items[k].id();
        }
        this.ids = IdIndex.of(idArray);
        this.weights = new EnumMap<>(b.weights);

        // Brand and category phrases: the analysed form of each distinct name.
        brandOf = new int[items.length];
        categoryOf = new int[items.length];
        Map<String, Integer> bk = new HashMap<>();
        Map<String, Integer> ck = new HashMap<>();
        List<String> bp = new ArrayList<>();
        List<String> cp = new ArrayList<>();
        List<String> bn = new ArrayList<>();
        List<String> cn = new ArrayList<>();
        int longest = 1;
        for (int k = 0; k < items.length; k++) {
            brandOf[k] = phraseKey(items[k].brand(), bk, bp, bn);
            categoryOf[k] = phraseKey(items[k].category(), ck, cp, cn);
        }
        for (String p : bp) {
            longest = Math.max(longest, p.split(" ").length);
        }
        for (String p : cp) {
            longest = Math.max(longest, p.split(" ").length);
        }
        brandKeys = Map.copyOf(bk);
        categoryKeys = Map.copyOf(ck);
        brandPhrases = bp.toArray(new String[0]);
        categoryPhrases = cp.toArray(new String[0]);
        brandNames = bn.toArray(new String[0]);
        categoryNames = cn.toArray(new String[0]);
        longestPhrase = Math.min(longest, 4);

        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int k = 0; k < items.length; k++) {
                    writer.addDocument(document(k));
                }
                writer.forceMerge(1);
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            searcher.setQueryCache(null);
            docToItem = new int[Math.max(reader.maxDoc(), 0)];
            Object2IntOpenHashMap<String> df = new Object2IntOpenHashMap<>();
            for (var leaf : reader.leaves()) {
                LeafReader lr = leaf.reader();
                NumericDocValues idx = lr.getNumericDocValues(INDEX);
                for (int d = 0; d < lr.maxDoc(); d++) {
                    if (idx != null && idx.advanceExact(d)) {
                        docToItem[leaf.docBase + d] = (int) idx.longValue();
                    }
                }
                for (SearchField f : SearchField.values()) {
                    Terms terms = lr.terms(f.luceneName());
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum te = terms.iterator();
                    for (BytesRef t = te.next(); t != null; t = te.next()) {
                        df.addTo(t.utf8ToString(), te.docFreq());
                    }
                }
            }
            vocabulary = new Vocabulary(df);
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory index failed", e);
        }
    }

    /** A builder: English, default field weights, no products. */
    public static Builder builder() {
        return new Builder();
    }

    private int phraseKey(String name, Map<String, Integer> keys, List<String> phrases, List<String> names) {
        if (name == null) {
            return -1;
        }
        String phrase = String.join(" ", analyze(name));
        if (phrase.isEmpty()) {
            return -1;
        }
        Integer key = keys.get(phrase);
        if (key == null) {
            key = phrases.size();
            keys.put(phrase, key);
            phrases.add(phrase);
            names.add(name.strip());
        }
        return key;
    }

    private Document document(int k) {
        CatalogItem item = items[k];
        Document doc = new Document();
        doc.add(new NumericDocValuesField(INDEX, k));
        for (SearchField f : SearchField.values()) {
            String text = f.textOf(item);
            if (text != null && !text.isBlank()) {
                doc.add(new TextField(f.luceneName(), QueryText.clean(text, Integer.MAX_VALUE).text(), Field.Store.NO));
            }
        }
        addFilterFields(doc, k);
        return doc;
    }

    /** Adds the fields {@link #filterQuery} reads (brand and category keys, price, stock) of product {@code k}. */
    void addFilterFields(Document doc, int k) {
        if (brandOf[k] >= 0) {
            doc.add(new StringField(BRAND_KEY, brandPhrases[brandOf[k]], Field.Store.NO));
        }
        if (categoryOf[k] >= 0) {
            doc.add(new StringField(CATEGORY_KEY, categoryPhrases[categoryOf[k]], Field.Store.NO));
        }
        if (items[k].hasPrice()) {
            doc.add(new DoublePoint(PRICE, items[k].price()));
        }
        if (items[k].inStock()) {
            doc.add(new StringField(STOCK, "1", Field.Store.NO));
        }
    }

    /** The text language of the index. */
    public TextLanguage language() {
        return language;
    }

    /** The number of products. */
    public int size() {
        return items.length;
    }

    /** The product ids in the order they were added (dense index {@code k} is the {@code k}-th product). */
    public IdIndex ids() {
        return ids;
    }

    /** The product with dense index {@code k}. */
    public CatalogItem item(int k) {
        return items[k];
    }

    /** The product with this id, or null if it is not in the catalogue. */
    public CatalogItem itemOf(long id) {
        int k = ids.indexOf(id);
        return k < 0 ? null : items[k];
    }

    /** The weight of a field. */
    public double weight(SearchField field) {
        return weights.get(field);
    }

    /** How many products contain {@code term} (an analysed term) summed over the fields; 0 if none. */
    public int documentFrequency(String term) {
        return vocabulary.frequency(term);
    }

    /**
     * The terms {@code text} gives under this index's language, in order (lower-cased, folded, plurals
     * reduced, stop words dropped). Control characters count as spaces; never throws for any string.
     */
    public List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("title", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return out;
    }

    /**
     * Understands {@code query} with the catalogue's vocabulary: price words and ranges, misspellings,
     * brand and category phrases. Never throws for any string (null counts as empty).
     */
    public ParsedQuery parse(String query) {
        return QueryUnderstanding.parse(this, query);
    }

    // ------------------------------------------------------------------ package-private, for the parser and search

    Vocabulary vocabulary() {
        return vocabulary;
    }

    int longestPhrase() {
        return longestPhrase;
    }

    /** The brand key of an analysed phrase, or -1. */
    int brandKey(String phrase) {
        Integer k = brandKeys.get(phrase);
        return k == null ? -1 : k;
    }

    int categoryKey(String phrase) {
        Integer k = categoryKeys.get(phrase);
        return k == null ? -1 : k;
    }

    String brandName(int key) {
        return brandNames[key];
    }

    String categoryName(int key) {
        return categoryNames[key];
    }

    int brandOf(int item) {
        return brandOf[item];
    }

    int categoryOf(int item) {
        return categoryOf[item];
    }

    /**
     * The best {@code k} products for the parsed query under its filters: their dense indices and BM25
     * relevance, best first (ties by ascending index). {@code all} requires every text term to match
     * (else any term may). A query without text terms but with filters matches every product that
     * passes them, with relevance 1.
     */
    Hits retrieve(ParsedQuery q, int k, boolean all, boolean inStockOnly) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (!q.textTerms().isEmpty()) {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            for (String term : q.textTerms()) {
                text.add(termQuery(term), all ? Occur.MUST : Occur.SHOULD);
            }
            text.setMinimumNumberShouldMatch(all ? 0 : 1);
            query.add(text.build(), Occur.MUST);
        }
        if (q.brandMode() != IntentMode.FILTER) {
            for (int b : q.brandKeys()) {
                query.add(new TermQuery(new Term(BRAND_KEY, brandPhrases[b])), Occur.SHOULD);
            }
        }
        if (q.categoryMode() != IntentMode.FILTER) {
            for (int c : q.categoryKeys()) {
                query.add(new TermQuery(new Term(CATEGORY_KEY, categoryPhrases[c])), Occur.SHOULD);
            }
        }
        boolean filtered = addFilters(query, q, false);
        if (q.textTerms().isEmpty()) {
            if (!filtered) {
                return Hits.EMPTY;
            }
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        if (inStockOnly) {
            query.add(new TermQuery(new Term(STOCK, "1")), Occur.FILTER);
        }
        try {
            TopDocs top = searcher.search(query.build(), Math.max(1, k));
            ScoreDoc[] docs = top.scoreDocs;
            int[] index = new int[docs.length];
            float[] score = new float[docs.length];
            for (int j = 0; j < docs.length; j++) {
                index[j] = docToItem[docs[j].doc];
                score[j] = docs[j].score;
            }
            return new Hits(index, score, Math.toIntExact(Math.min(top.totalHits.value, Integer.MAX_VALUE)));
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index failed", e);
        }
    }

    /**
     * Adds the query's hard filters (brands and categories in {@link IntentMode#FILTER} mode, the price
     * range) and, if asked, the stock rule as {@code FILTER} clauses; returns whether any was added
     * besides the stock rule.
     */
    private boolean addFilters(BooleanQuery.Builder query, ParsedQuery q, boolean inStockOnly) {
        boolean filtered = false;
        if (!q.brandKeys().isEmpty() && q.brandMode() == IntentMode.FILTER) {
            query.add(anyOf(BRAND_KEY, brandPhrases, q.brandKeys()), Occur.FILTER);
            filtered = true;
        }
        if (!q.categoryKeys().isEmpty() && q.categoryMode() == IntentMode.FILTER) {
            query.add(anyOf(CATEGORY_KEY, categoryPhrases, q.categoryKeys()), Occur.FILTER);
            filtered = true;
        }
        if (!Double.isNaN(q.minPrice()) || !Double.isNaN(q.maxPrice())) {
            double lo = Double.isNaN(q.minPrice()) ? Double.NEGATIVE_INFINITY : q.minPrice();
            double hi = Double.isNaN(q.maxPrice()) ? Double.POSITIVE_INFINITY : q.maxPrice();
            query.add(DoublePoint.newRangeQuery(PRICE, lo, hi), Occur.FILTER);
            filtered = true;
        }
        if (inStockOnly) {
            query.add(new TermQuery(new Term(STOCK, "1")), Occur.FILTER);
        }
        return filtered;
    }

    /**
     * The query's hard filters and the stock rule as one Lucene filter over documents that carry
     * {@link #addFilterFields}, or null if nothing is filtered; matches exactly the products
     * {@link #passes} accepts.
     */
    Query filterQuery(ParsedQuery q, boolean inStockOnly) {
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        boolean filtered = addFilters(f, q, inStockOnly);
        return filtered || inStockOnly ? f.build() : null;
    }

    /** Whether product {@code k} passes the query's hard filters and, if asked, the stock rule (as {@link #filterQuery}). */
    boolean passes(ParsedQuery q, int k, boolean inStockOnly) {
        CatalogItem item = items[k];
        if (inStockOnly && !item.inStock()) {
            return false;
        }
        if (q.brandMode() == IntentMode.FILTER && !q.brandKeys().isEmpty() && !q.brandKeys().contains(brandOf[k])) {
            return false;
        }
        if (q.categoryMode() == IntentMode.FILTER && !q.categoryKeys().isEmpty()
                && !q.categoryKeys().contains(categoryOf[k])) {
            return false;
        }
        if (!Double.isNaN(q.minPrice()) && !(item.price() >= q.minPrice())) {
            return false;
        }
        return Double.isNaN(q.maxPrice()) || item.price() <= q.maxPrice();
    }

    private Query termQuery(String term) {
        List<Query> perField = new ArrayList<>(weights.size());
        for (Map.Entry<SearchField, Float> e : weights.entrySet()) {
            if (e.getValue() > 0) {
                perField.add(new BoostQuery(new TermQuery(new Term(e.getKey().luceneName(), term)), e.getValue()));
            }
        }
        return new DisjunctionMaxQuery(perField, TIE);
    }

    private static Query anyOf(String field, String[] phrases, Collection<Integer> keys) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (int key : keys) {
            any.add(new TermQuery(new Term(field, phrases[key])), Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * Which query terms occur in which fields of product {@code k} (fields in declaration order, terms in
     * query order); used to explain a hit.
     */
    Map<SearchField, List<String>> matchedTerms(int k, List<String> queryTerms) {
        Map<SearchField, List<String>> out = new EnumMap<>(SearchField.class);
        if (queryTerms.isEmpty()) {
            return out;
        }
        for (SearchField f : SearchField.values()) {
            String text = f.textOf(items[k]);
            if (text == null || weights.get(f) <= 0) {
                continue;
            }
            List<String> terms = analyze(QueryText.clean(text, Integer.MAX_VALUE).text());
            List<String> hit = new ArrayList<>(2);
            for (String t : queryTerms) {
                if (terms.contains(t) && !hit.contains(t)) {
                    hit.add(t);
                }
            }
            if (!hit.isEmpty()) {
                out.put(f, List.copyOf(hit));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "CatalogIndex[" + items.length + " products, " + language + ", " + vocabulary.size() + " terms, "
                + brandPhrases.length + " brands, " + categoryPhrases.length + " categories]";
    }

    /** Dense indices and BM25 scores of retrieved products, best first, and how many matched in all. */
    record Hits(int[] index, float[] score, int total) {
        static final Hits EMPTY = new Hits(new int[0], new float[0], 0);

        int size() {
            return index.length;
        }
    }

    /** Collects products and settings; builds the {@link CatalogIndex}. Not thread-safe. */
    public static final class Builder {
        private TextLanguage language = TextLanguage.ENGLISH;
        private final EnumMap<SearchField, Float> weights = new EnumMap<>(SearchField.class);
        private final List<CatalogItem> items = new ArrayList<>();
        private final LongOpenHashSet seen = new LongOpenHashSet();

        private Builder() {
            for (SearchField f : SearchField.values()) {
                weights.put(f, (float) f.defaultWeight());
            }
        }

        /** How texts and queries are cut into terms (default {@link TextLanguage#ENGLISH}). */
        public Builder language(TextLanguage language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /**
         * The weight of a field in relevance (defaults: {@link SearchField#defaultWeight()}); 0 leaves the
         * field out of text matching.
         *
         * @throws IllegalArgumentException if the weight is negative, NaN or infinite
         */
        public Builder weight(SearchField field, double weight) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + field + " must be finite and >= 0, got " + weight);
            }
            weights.put(field, (float) weight);
            return this;
        }

        /**
         * Adds a product.
         *
         * @throws IllegalArgumentException if a product with this id was added before
         */
        public Builder add(CatalogItem item) {
            Objects.requireNonNull(item, "item");
            if (!seen.add(item.id())) {
                throw new IllegalArgumentException("product " + item.id() + " added twice");
            }
            items.add(item);
            return this;
        }

        /** Adds every product of {@code catalog}, as {@link #add} does. */
        public Builder addAll(Collection<CatalogItem> catalog) {
            for (CatalogItem item : catalog) {
                add(item);
            }
            return this;
        }

        /**
         * Builds the index.
         *
         * @throws IllegalStateException if every field weight is 0
         */
        public CatalogIndex build() {
            boolean any = false;
            for (float w : weights.values()) {
                any |= w > 0;
            }
            if (!any) {
                throw new IllegalStateException("every field weight is 0; give at least one field a positive weight");
            }
            return new CatalogIndex(this);
        }
    }
}
