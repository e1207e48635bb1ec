package io.jrec.search;

import io.jrec.core.DenseVectors;
import io.jrec.core.Recommendations;
import io.jrec.core.TopN;

import java.util.Objects;

/**
 * Item vectors learned by {@link Item2Vec}: items bought or viewed in the same sessions get near vectors.
 * Use them for "similar items" by behaviour, for semantic retrieval in {@link ProductSearch} (its
 * {@code vectors(...)} setting), or as dense item features
 * ({@code ItemFeatures.builder().vectors(embeddings.vectors())}).
 *
 * <p>Immutable; thread-safe.
 */
public final class ItemEmbeddings {
    private final DenseVectors vectors;
    private final DenseVectors context;
    private final DenseVectors both;      // [v / |v|, u / |u|] per item, for similarItems
    private final String name;

    ItemEmbeddings(DenseVectors vectors, DenseVectors context, String name) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        this.context = Objects.requireNonNull(context, "context");
        this.name = name;
        int d = vectors.dimension();
        float[] data = new float[vectors.size() * 2 * d];
        for (int k = 0; k < vectors.size(); k++) {
            double sv = vectors.norm(k) > 0 ? 1 / vectors.norm(k) : 0;
            double su = context.norm(k) > 0 ? 1 / context.norm(k) : 0;
            for (int j = 0; j < d; j++) {
                data[k * 2 * d + j] = (float) (vectors.get(k, j) * sv);
                data[k * 2 * d + d + j] = (float) (context.get(k, j) * su);
            }
        }
        this.both = DenseVectors.of(vectors.ids(), 2 * d, data);
    }

    /** The output ("context") vectors, same items and order as {@link #vectors()}. */
    public DenseVectors contextVectors() {
        return context;
    }

    /** The item vectors (raw, not normalised). */
    public DenseVectors vectors() {
        return vectors;
    }

    /** The number of dimensions. */
    public int dimension() {
        return vectors.dimension();
    }

    /**
     * The {@code n} items most similar to {@code itemId} by both its vectors: the largest cosine of the
     * concatenated unit input and unit output vectors, {@code (cos(v_i, v_j) + cos(u_i, u_j)) / 2} (a
     * zero output vector, for an item never trained as a context, leaves the input cosine), best first,
     * without the item itself; empty (source says so) if the item has no vector. On the synthetic shop's
     * validation split this found the next purchase more often than the cosine of the input vectors
     * alone (0.172 against 0.154 HR@10) with a long fit: window 30, subsample 1e-4, 60 epochs (see the
     * README, "Product search").
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Recommendations similarItems(long itemId, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        float[] q = both.vectorOf(itemId);
        if (q == null) {
            return Recommendations.empty(name + " (unknown item " + itemId + ")");
        }
        Recommendations near = both.nearest(q, n, itemId);
        return Recommendations.of(near, name);
    }

    /**
     * The {@code n} items the model expects most near {@code itemId} in a sequence: the largest
     * {@code v_item . u_j} (input vector of the item, output vector of the candidate; this keeps the
     * popularity the output vectors learn), best first, without the item itself; empty (source says so)
     * if the item has no vector.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Recommendations nextItems(long itemId, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int q = vectors.ids().indexOf(itemId);
        if (q < 0) {
            return Recommendations.empty(name + " (unknown item " + itemId + ")");
        }
        float[] v = vectors.vector(q);
        float[] scores = new float[context.size()];
        for (int j = 0; j < scores.length; j++) {
            scores[j] = (float) context.dot(j, v);
        }
        scores[q] = Float.NaN;
        TopN top = new TopN(Math.min(n, scores.length));
        top.offerAll(scores);
        return top.drain(context.ids(), name + " (next items)");
    }

    @Override
    public String toString() {
        return name + "[" + vectors + "]";
    }
}
