package io.jrec.core;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of dense {@code float} vectors of one dimension, one per id: item embeddings learned
 * from behaviour (item2vec) or computed elsewhere (a language or vision model's vectors of product
 * descriptions and images), or user vectors.
 *
 * <pre>{@code
 * DenseVectors v = DenseVectors.builder(3)
 *         .add(1001L, new float[] {0.1f, 0.7f, -0.2f})
 *         .add(1002L, new float[] {0.0f, 0.9f, 0.1f})
 *         .normalize(true)                      // unit length (a zero vector stays zero)
 *         .build();
 * v.cosine(1001L, 1002L);
 * v.nearest(v.vectorOf(1001L), 5, 1001L);      // exact cosine search, excluding 1001
 * }</pre>
 *
 * <p>Every vector has {@link #dimension()} finite components; the builder rejects anything else with
 * the id and the reason. Vectors are stored row by row in one {@code float[]} (index {@code k} at
 * {@code k * dimension}); ids keep the order they were added in ({@link #ids()}).
 *
 * <p>Thread-safe: instances never change; accessors return copies or read-only views.
 */
public final class DenseVectors {
    private final IdIndex ids;
    private final int dimension;
    private final float[] data;
    private final float[] norms;

    private DenseVectors(IdIndex ids, int dimension, float[] data) {
        this.ids = ids;
        this.dimension = dimension;
        this.data = data;
        this.norms = new float[ids.size()];
        for (int k = 0; k < norms.length; k++) {
            double s = 0;
            for (int d = k * dimension, end = d + dimension; d < end; d++) {
                s += (double) data[d] * data[d];
            }
            norms[k] = (float) Math.sqrt(s);
        }
    }

    /**
     * Vectors from their parts (copied): {@code data} holds {@code ids.size()} rows of
     * {@code dimension} floats.
     *
     * @throws IllegalArgumentException if the dimension is not positive, the array length does not
     *                                  match, or a value is NaN or infinite (naming the id)
     */
    public static DenseVectors of(IdIndex ids, int dimension, float[] data) {
        checkDimension(dimension);
        if ((long) ids.size() * dimension != data.length) {
            throw new IllegalArgumentException("vector data has " + data.length + " values, expected "
                    + ids.size() + " ids x " + dimension + " dimensions");
        }
        for (int k = 0; k < data.length; k++) {
            if (!Float.isFinite(data[k])) {
                throw new IllegalArgumentException("vector of id " + ids.idAt(k / dimension) + " has "
                        + data[k] + " at component " + (k % dimension) + "; values must be finite");
            }
        }
        return new DenseVectors(ids, dimension, data.clone());
    }

    /**
     * A builder for vectors of {@code dimension} components.
     *
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public static Builder builder(int dimension) {
        checkDimension(dimension);
        return new Builder(dimension);
    }

    /** The ids, in the order they were added; vector {@code k} belongs to {@code ids().idAt(k)}. */
    public IdIndex ids() {
        return ids;
    }

    /** The number of vectors. */
    public int size() {
        return ids.size();
    }

    /** The number of components of every vector. */
    public int dimension() {
        return dimension;
    }

    /** Whether there is a vector for {@code id}. */
    public boolean contains(long id) {
        return ids.indexOf(id) >= 0;
    }

    /** A copy of the vector of {@code id}, or {@code null} if there is none. */
    public float[] vectorOf(long id) {
        int k = ids.indexOf(id);
        return k < 0 ? null : vector(k);
    }

    /**
     * A copy of vector {@code k}.
     *
     * @throws IndexOutOfBoundsException if {@code k} is not in {@code 0..size()-1}
     */
    public float[] vector(int k) {
        Objects.checkIndex(k, ids.size());
        return Arrays.copyOfRange(data, k * dimension, (k + 1) * dimension);
    }

    /** Component {@code d} of vector {@code k} (no copy). */
    public float get(int k, int d) {
        Objects.checkIndex(d, dimension);
        return data[k * dimension + d];
    }

    /** The Euclidean length of vector {@code k}. */
    public double norm(int k) {
        return norms[k];
    }

    /** The dot product of vector {@code k} with {@code query} (of length {@link #dimension()}). */
    public double dot(int k, float[] query) {
        double s = 0;
        for (int d = 0, off = k * dimension; d < dimension; d++) {
            s += data[off + d] * query[d];
        }
        return s;
    }

    /**
     * The cosine of the vectors of two ids: in [-1, 1], 0 if either vector is zero, {@code NaN} if an id
     * has no vector.
     */
    public double cosine(long a, long b) {
        int i = ids.indexOf(a);
        int j = ids.indexOf(b);
        if (i < 0 || j < 0) {
            return Double.NaN;
        }
        return cosine(i, j);
    }

    /** The cosine of vectors {@code i} and {@code j} (0 if either is zero). */
    public double cosine(int i, int j) {
        if (norms[i] == 0 || norms[j] == 0) {
            return 0;
        }
        double s = 0;
        for (int d = 0, a = i * dimension, b = j * dimension; d < dimension; d++) {
            s += data[a + d] * data[b + d];
        }
        return Math.max(-1, Math.min(1, s / ((double) norms[i] * norms[j])));
    }

    /**
     * The {@code n} vectors with the largest cosine to {@code query} by exact search (a scan of every
     * vector: {@code size() x dimension()} multiply-adds), best first, ties by ascending index; the
     * score is the cosine. Ids in {@code exclude} are left out. A zero query gives an empty list.
     *
     * @throws IllegalArgumentException if the query has the wrong length or non-finite values, or {@code n < 0}
     */
    public Recommendations nearest(float[] query, int n, long... exclude) {
        checkQuery(query, n);
        double qn = 0;
        for (float x : query) {
            qn += (double) x * x;
        }
        if (qn == 0) {
            return Recommendations.empty("DenseVectors (zero query)");
        }
        qn = Math.sqrt(qn);
        float[] scores = new float[ids.size()];
        final int dim = dimension;
        final float[] v = data;
        for (int k = 0; k < scores.length; k++) {
            if (norms[k] == 0) {
                scores[k] = 0;
                continue;
            }
            float s = 0;
            for (int d = 0, off = k * dim; d < dim; d++) {
                s += v[off + d] * query[d];
            }
            scores[k] = (float) (s / (qn * norms[k]));
        }
        for (long id : exclude) {
            int k = ids.indexOf(id);
            if (k >= 0) {
                scores[k] = Float.NaN;
            }
        }
        TopN top = new TopN(Math.min(n, scores.length));
        top.offerAll(scores);
        return top.drain(ids, "DenseVectors (exact cosine)");
    }

    /** These vectors scaled to unit length (zero vectors stay zero); {@code this} if already so. */
    public DenseVectors normalized() {
        boolean unit = true;
        for (float norm : norms) {
            unit &= norm == 0 || Math.abs(norm - 1f) < 1e-6f;
        }
        if (unit) {
            return this;
        }
        float[] out = data.clone();
        for (int k = 0; k < norms.length; k++) {
            if (norms[k] > 0) {
                double scale = 1.0 / norms[k];
                for (int d = k * dimension, end = d + dimension; d < end; d++) {
                    out[d] = (float) (out[d] * scale);
                }
            }
        }
        return new DenseVectors(ids, dimension, out);
    }

    /** A copy of all vectors, row by row ({@code size() x dimension()}). */
    public float[] toArray() {
        return data.clone();
    }

    @Override
    public String toString() {
        return "DenseVectors[" + ids.size() + " x " + dimension + "]";
    }

    private void checkQuery(float[] query, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (query == null || query.length != dimension) {
            throw new IllegalArgumentException("query vector has " + (query == null ? "no" : query.length)
                    + " components, expected " + dimension);
        }
        for (int d = 0; d < query.length; d++) {
            if (!Float.isFinite(query[d])) {
                throw new IllegalArgumentException("query vector has " + query[d] + " at component " + d
                        + "; values must be finite");
            }
        }
    }

    private static void checkDimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
    }

    /**
     * Collects vectors of one dimension; rejects wrong lengths, non-finite values and repeated ids at
     * {@link #add}, naming the id. Not thread-safe.
     */
    public static final class Builder {
        private final int dimension;
        private long[] ids = new long[16];
        private float[] data;
        private int size;
        private boolean normalize;
        private final LongOpenHashSet seen = new LongOpenHashSet();

        private Builder(int dimension) {
            this.dimension = dimension;
            this.data = new float[16 * dimension];
        }

        /** The dimension every vector must have. */
        public int dimension() {
            return dimension;
        }

        /**
         * Adds the vector of {@code id} (copied).
         *
         * @throws IllegalArgumentException if the id was given before, the vector is null or has the
         *                                  wrong number of components, or a component is NaN or infinite
         */
        public Builder add(long id, float[] vector) {
            if (vector == null) {
                throw new IllegalArgumentException("vector of id " + id + " is null");
            }
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector of id " + id + " has " + vector.length
                        + " components, expected " + dimension + " (all vectors have one dimension)");
            }
            for (int d = 0; d < vector.length; d++) {
                if (!Float.isFinite(vector[d])) {
                    throw new IllegalArgumentException("vector of id " + id + " has " + vector[d]
                            + " at component " + d + "; values must be finite");
                }
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("id " + id + " has two vectors");
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                data = Arrays.copyOf(data, 2 * size * dimension);
            }
            ids[size] = id;
            System.arraycopy(vector, 0, data, size * dimension, dimension);
            size++;
            return this;
        }

        /** Adds every vector of {@code vectors} (which must have this dimension). */
        public Builder addAll(DenseVectors vectors) {
            for (int k = 0; k < vectors.size(); k++) {
                add(vectors.ids().idAt(k), vectors.vector(k));
            }
            return this;
        }

        /** Whether {@link #build()} scales every vector to unit length (default false). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** The number of vectors added so far. */
        public int size() {
            return size;
        }

        /** The vectors, in the order added. */
        public DenseVectors build() {
            DenseVectors v = new DenseVectors(IdIndex.of(Arrays.copyOf(ids, size)), dimension,
                    Arrays.copyOf(data, size * dimension));
            return normalize ? v.normalized() : v;
        }
    }
}
