package io.jrec.models.content;

import io.jrec.core.DenseVectors;
import io.jrec.core.Explanation.Contribution;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.SparseMatrix;

import java.util.Arrays;
import java.util.List;

/**
 * The items' side of {@link ContentBasedRecommender}: the L2-normalised sparse feature rows and their
 * inverted index, the dense vectors scaled to unit length, the weights of the two parts, and the
 * kernels that score items against a {@link ContentProfile} or against another item.
 *
 * <p>A part scores a pair when its weight is positive and both sides have it (a non-empty feature
 * row, a non-zero vector, a non-zero profile part); the score is {@code (1 - a) c_sparse + a c_vector}
 * when both parts score, the one cosine that does otherwise, {@code NaN} when none does. Immutable and
 * thread-safe; the kernels write into the caller's arrays.
 */
final class ContentScorer {
    final SparseMatrix features;              // universe items x features, rows L2-normalised
    private final SparseMatrix featureItems;  // its transpose: the inverted index
    final int dimension;                      // 0 when vectors are not used
    private final float[] vectors;            // universe items x dimension, unit rows; zero row: no vector
    private final boolean[] hasVector;
    final double sparseWeight;                // 1 - vectorWeight
    final double vectorWeight;

    /**
     * @param features     universe items x features, rows L2-normalised
     * @param itemVectors  the items' vectors (ids among {@code universe}), or null
     * @param vectorWeight the weight of the vector cosine in [0, 1]; 0 leaves the vectors out
     */
    ContentScorer(SparseMatrix features, IdIndex universe, DenseVectors itemVectors, double vectorWeight) {
        this.features = features;
        this.featureItems = features.transpose();
        this.vectorWeight = vectorWeight;
        this.sparseWeight = 1 - vectorWeight;
        int items = universe.size();
        this.hasVector = new boolean[items];
        if (itemVectors == null || vectorWeight == 0) {
            this.dimension = 0;
            this.vectors = new float[0];
            return;
        }
        int dim = itemVectors.dimension();
        this.dimension = dim;
        this.vectors = new float[items * dim];
        for (int k = 0; k < itemVectors.size(); k++) {
            int j = universe.indexOf(itemVectors.ids().idAt(k));
            double ss = 0;
            for (int d = 0; d < dim; d++) {
                double v = itemVectors.get(k, d);
                ss += v * v;
            }
            if (j < 0 || ss == 0) {
                continue;                      // a zero vector has no direction: as if there were none
            }
            double inv = 1 / Math.sqrt(ss);
            for (int d = 0; d < dim; d++) {
                vectors[j * dim + d] = (float) (itemVectors.get(k, d) * inv);
            }
            hasVector[j] = true;
        }
    }

    /** Whether item {@code j} has a feature row. */
    boolean hasFeatures(int j) {
        return features.rowSize(j) > 0;
    }

    /** Whether item {@code j} has a (non-zero) vector the model uses. */
    boolean hasVector(int j) {
        return hasVector[j];
    }

    /** Whether item {@code j} can be scored at all: it has a part whose weight is positive. */
    boolean scorable(int j) {
        return (sparseWeight > 0 && hasFeatures(j)) || (vectorWeight > 0 && hasVector[j]);
    }

    /** Adds {@code w} times item {@code j}'s unit vector to {@code out} (length {@link #dimension}). */
    void addVector(int j, double w, double[] out) {
        for (int d = 0, off = j * dimension; d < dimension; d++) {
            out[d] += w * vectors[off + d];
        }
    }

    /** Whether profile {@code p} has a part this scorer uses (else every score would be NaN). */
    boolean usable(ContentProfile p) {
        return (sparseWeight > 0 && p.norm > 0) || (vectorWeight > 0 && p.vectorNorm > 0);
    }

    /** Writes the score of every item for profile {@code p}; false (nothing written) if p is not usable. */
    boolean scoreAll(ContentProfile p, float[] scores) {
        if (!usable(p)) {
            return false;
        }
        if (vectorWeight > 0 && p.vectorNorm > 0) {
            for (int j = 0, items = scores.length; j < items; j++) {
                scores[j] = (float) score(p, j);
            }
            return true;
        }
        // the features alone (no vectors, or a profile without any): the model without vectors' loop
        final SparseMatrix x = features;
        final double[] w = p.weight;
        final double inv = 1 / p.norm;
        for (int j = 0, items = scores.length; j < items; j++) {
            int start = x.rowStart(j), end = x.rowEnd(j);
            if (start == end) {
                scores[j] = Float.NaN;
                continue;
            }
            double dot = 0;
            for (int k = start; k < end; k++) {
                dot += w[x.column(k)] * x.value(k);
            }
            scores[j] = (float) (dot * inv);
        }
        return true;
    }

    /** The score of item {@code j} for profile {@code p}, {@code NaN} if no part scores the pair. */
    double score(ContentProfile p, int j) {
        double cs = sparseCosine(p, j);
        double cv = vectorCosine(p, j);
        return combine(cs, cv);
    }

    /** The sparse part's cosine of {@code p} and item {@code j}, NaN if it does not score the pair. */
    double sparseCosine(ContentProfile p, int j) {
        int start = features.rowStart(j), end = features.rowEnd(j);
        if (sparseWeight == 0 || p.norm == 0 || start == end) {
            return Double.NaN;
        }
        double dot = 0;
        double[] w = p.weight;
        for (int k = start; k < end; k++) {
            dot += w[features.column(k)] * features.value(k);
        }
        return dot * (1 / p.norm);                     // as the model without vectors always computed it
    }

    /** The vector part's cosine of {@code p} and item {@code j}, NaN if it does not score the pair. */
    double vectorCosine(ContentProfile p, int j) {
        if (vectorWeight == 0 || p.vectorNorm == 0 || !hasVector[j]) {
            return Double.NaN;
        }
        double dot = 0;
        double[] q = p.vector;
        for (int d = 0, off = j * dimension; d < dimension; d++) {
            dot += q[d] * vectors[off + d];
        }
        return dot / p.vectorNorm;
    }

    /**
     * Adds to {@code parts} the contributions to item {@code j}'s score for profile {@code p} (see
     * {@link ContentBasedRecommender#explain}) and returns their sum, or {@code NaN} (nothing added) if no
     * part scores the pair.
     */
    double explain(ContentProfile p, int j, ItemFeatures names, List<Contribution> parts) {
        double sparse = sparseCosine(p, j);
        double vector = vectorCosine(p, j);
        if (sparse != sparse && vector != vector) {
            return Double.NaN;
        }
        boolean both = sparse == sparse && vector == vector;
        double score = 0;
        for (int k = features.rowStart(j), end = features.rowEnd(j); k < end && sparse == sparse; k++) {
            int f = features.column(k);
            double w = (both ? sparseWeight : 1) * p.weight[f] * features.value(k) / p.norm;
            if (w != 0) {
                parts.add(Contribution.feature(names.featureName(f), w));
                score += w;
            }
        }
        if (vector == vector) {
            double w = (both ? vectorWeight : 1) * vector;
            parts.add(Contribution.feature(ContentBasedRecommender.VECTOR_CONTRIBUTION, w));
            score += w;
        }
        return score;
    }

    /** {@code (1 - a) cs + a cv} when both are numbers, else the one that is, else NaN. */
    double combine(double cs, double cv) {
        if (cs != cs) {
            return cv;
        }
        return cv != cv ? cs : sparseWeight * cs + vectorWeight * cv;
    }

    /**
     * Writes into {@code scores} the similarity of every item to item {@code i} (as {@link #combine} of
     * the cosines of their feature rows and of their vectors), {@code NaN} for items that share no
     * feature with it and have no vector to compare, and for {@code i} itself.
     */
    void similarTo(int i, float[] scores) {
        Arrays.fill(scores, Float.NaN);
        boolean sparse = sparseWeight > 0 && hasFeatures(i);
        if (sparse) {
            SparseMatrix x = features;
            SparseMatrix inv = featureItems;
            for (int k = x.rowStart(i), end = x.rowEnd(i); k < end; k++) {
                float v = x.value(k);
                for (int q = inv.rowStart(x.column(k)), qEnd = inv.rowEnd(x.column(k)); q < qEnd; q++) {
                    int j = inv.column(q);
                    float s = scores[j];
                    scores[j] = (s != s ? 0f : s) + v * inv.value(q);
                }
            }
        }
        if (vectorWeight > 0 && hasVector[i]) {
            final int dim = dimension;
            final float[] v = vectors;
            for (int j = 0, a = i * dim; j < scores.length; j++) {
                if (!hasVector[j]) {
                    continue;
                }
                double dot = 0;
                for (int d = 0, b = j * dim; d < dim; d++) {
                    dot += v[a + d] * v[b + d];
                }
                float s = scores[j];
                // two feature rows that share no feature still have a sparse cosine: 0
                double cs = s == s ? s : sparse && hasFeatures(j) ? 0 : Double.NaN;
                scores[j] = (float) combine(cs, dot);
            }
        }
        scores[i] = Float.NaN;
    }
}
