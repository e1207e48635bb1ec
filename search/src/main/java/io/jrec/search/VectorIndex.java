package io.jrec.search;

import io.jrec.core.DenseVectors;
import io.jrec.core.TopN;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The catalogue products nearest to a query vector by cosine, under a query's hard filters (named
 * brand, price range, stock): an exact scan of every product's unit vector for small catalogues, Lucene's
 * HNSW graph ({@link KnnFloatVectorField}, {@link KnnFloatVectorQuery} with the filters as its filter
 * query) from {@code hnswFrom} products with vectors on. Both return the exact cosine of what they
 * find (HNSW may miss a few true neighbours; the exact scan never does).
 *
 * <p>Immutable and thread-safe once built; the semantic retrieval of {@link ProductSearch}.
 */
final class VectorIndex {
    private static final String FIELD = "vec";
    private static final String INDEX = "idx";

    private final CatalogIndex index;
    private final int dimension;
    private final float[] unit;         // catalogue index k -> unit vector at k * dimension (0 if none)
    private final boolean[] present;    // whether product k has a non-zero vector
    private final int count;
    private final int searchWidth;
    private final IndexSearcher hnsw;   // null: exact scan
    private final int[] docToItem;

    /**
     * @param index       the catalogue
     * @param vectors     vectors by product id (ids not in the catalogue are ignored; zero vectors count
     *                    as none)
     * @param hnswFrom    the number of products with vectors from which the HNSW graph is used
     * @param searchWidth how many neighbours the graph search collects at least (Lucene's {@code k}, a
     *                    beam width: more finds more of the true neighbours and costs more)
     */
    VectorIndex(CatalogIndex index, DenseVectors vectors, int hnswFrom, int searchWidth) {
        this.index = index;
        this.dimension = vectors.dimension();
        this.searchWidth = searchWidth;
        int size = index.size();
        unit = new float[size * dimension];
        present = new boolean[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int row = vectors.ids().indexOf(index.ids().idAt(k));
            if (row >= 0 && vectors.norm(row) > 0) {
                double scale = 1.0 / vectors.norm(row);
                for (int d = 0; d < dimension; d++) {
                    unit[k * dimension + d] = (float) (vectors.get(row, d) * scale);
                }
                present[k] = true;
                n++;
            }
        }
        count = n;
        if (n >= hnswFrom && n > 0) {
            try {
                ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                        .setRAMBufferSizeMB(512);
                try (IndexWriter writer = new IndexWriter(directory, config)) {
                    for (int k = 0; k < size; k++) {
                        if (present[k]) {
                            Document doc = new Document();
                            doc.add(new NumericDocValuesField(INDEX, k));
                            doc.add(new KnnFloatVectorField(FIELD, vectorOf(k), VectorSimilarityFunction.DOT_PRODUCT));
                            index.addFilterFields(doc, k);
                            writer.addDocument(doc);
                        }
                    }
                    writer.forceMerge(1);
                }
                DirectoryReader reader = DirectoryReader.open(directory);
                hnsw = new IndexSearcher(reader);
                hnsw.setQueryCache(null);
                docToItem = new int[reader.maxDoc()];
                for (var leaf : reader.leaves()) {
                    LeafReader lr = leaf.reader();
                    NumericDocValues idx = lr.getNumericDocValues(INDEX);
                    for (int d = 0; d < lr.maxDoc(); d++) {
                        if (idx.advanceExact(d)) {
                            docToItem[leaf.docBase + d] = (int) idx.longValue();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("building the in-memory vector index failed", e);
            }
        } else {
            hnsw = null;
            docToItem = null;
        }
    }

    /** Whether searches use the HNSW graph (else an exact scan). */
    boolean isHnsw() {
        return hnsw != null;
    }

    /** The number of catalogue products with a (non-zero) vector. */
    int count() {
        return count;
    }

    /** Whether product {@code k} has a vector. */
    boolean has(int k) {
        return present[k];
    }

    /** The cosine of product {@code k}'s vector with the unit vector {@code q}; 0 if it has none. */
    double cosine(int k, float[] q) {
        if (!present[k]) {
            return 0;
        }
        float s = 0;
        for (int d = 0, off = k * dimension; d < dimension; d++) {
            s += unit[off + d] * q[d];
        }
        return Math.max(-1, Math.min(1, s));
    }

    /** Adds product {@code k}'s unit vector (zero if none) to {@code sum}. */
    void addTo(int k, float[] sum) {
        for (int d = 0, off = k * dimension; d < dimension; d++) {
            sum[d] += unit[off + d];
        }
    }

    /** {@code q} scaled to unit length, or null if it is zero. */
    static float[] unit(float[] q) {
        double s = 0;
        for (float x : q) {
            s += (double) x * x;
        }
        if (s == 0) {
            return null;
        }
        float[] out = new float[q.length];
        double scale = 1 / Math.sqrt(s);
        for (int d = 0; d < q.length; d++) {
            out[d] = (float) (q[d] * scale);
        }
        return out;
    }

    /**
     * The {@code k} products with the largest cosine to the unit vector {@code q} that pass the query's
     * hard filters (and the stock rule if asked), best first, ties by ascending catalogue index; the
     * score is the cosine.
     */
    CatalogIndex.Hits nearest(float[] q, ParsedQuery parsed, boolean inStockOnly, int k) {
        TopN top = new TopN(Math.min(k, count));
        if (hnsw == null) {
            for (int c = 0; c < present.length; c++) {
                if (present[c]) {
                    double s = cosine(c, q);
                    if (top.wouldAccept(c, s) && index.passes(parsed, c, inStockOnly)) {
                        top.offer(c, s);
                    }
                }
            }
        } else {
            Query filter = index.filterQuery(parsed, inStockOnly);
            try {
                TopDocs found = hnsw.search(new KnnFloatVectorQuery(FIELD, q, Math.max(k, searchWidth), filter),
                        Math.max(k, searchWidth));
                for (ScoreDoc sd : found.scoreDocs) {
                    int c = docToItem[sd.doc];
                    top.offer(c, cosine(c, q));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("searching the in-memory vector index failed", e);
            }
        }
        int[] order = new int[top.size()];
        double[] score = new double[order.length];
        top.drainTo(order, score);
        float[] cos = new float[order.length];
        for (int j = 0; j < cos.length; j++) {
            cos[j] = (float) score[j];
        }
        return new CatalogIndex.Hits(order, cos, order.length);
    }

    private float[] vectorOf(int k) {
        float[] v = new float[dimension];
        System.arraycopy(unit, k * dimension, v, 0, dimension);
        return v;
    }

    @Override
    public String toString() {
        return (hnsw != null ? "HNSW" : "exact") + " over " + count + " product vectors";
    }
}
