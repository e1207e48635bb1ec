package io.jrec.models.knn;

import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.models.internal.Baselines;
import io.jrec.similarity.Neighbors;
import io.jrec.similarity.Similarity;

import java.util.Locale;
import java.util.Objects;

/** The validated settings shared by {@link ItemKnnRecommender} and {@link UserKnnRecommender}. */
final class KnnSettings {
    final Similarity similarity;
    final int neighbors;
    final int modelSize;
    final double minSimilarity;
    final double shrinkage;
    final Centering centering;
    final boolean implicit;
    final int threads;
    final double lambdaItem;
    final double lambdaUser;

    /**
     * @throws IllegalArgumentException naming the first bad setting
     */
    KnnSettings(Similarity similarity, int neighbors, int modelSize, double minSimilarity, double shrinkage,
                Centering centering, boolean implicit, int threads, double lambdaItem, double lambdaUser) {
        if (similarity == null) {
            throw new IllegalArgumentException("similarity must not be null; use e.g. Similarity.cosine()");
        }
        if (centering == null) {
            throw new IllegalArgumentException("centering must not be null; use Centering.NONE, MEAN or BASELINE");
        }
        if (neighbors < 1) {
            throw new IllegalArgumentException("neighbors must be >= 1, got " + neighbors);
        }
        if (modelSize < neighbors) {
            throw new IllegalArgumentException("modelSize must be >= neighbors (" + neighbors + "), got " + modelSize);
        }
        if (!(minSimilarity >= 0) || minSimilarity == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("minSimilarity must be a finite number >= 0, got " + minSimilarity);
        }
        if (!(shrinkage >= 0) || shrinkage == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("shrinkage must be a finite number >= 0, got " + shrinkage);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Baselines.checkLambda("lambdaItem", lambdaItem);
        Baselines.checkLambda("lambdaUser", lambdaUser);
        this.similarity = shrinkage > 0 ? similarity.withShrinkage(shrinkage) : Objects.requireNonNull(similarity);
        this.neighbors = neighbors;
        this.modelSize = modelSize;
        this.minSimilarity = minSimilarity;
        this.shrinkage = shrinkage;
        this.centering = centering;
        this.implicit = implicit;
        this.threads = threads;
        this.lambdaItem = lambdaItem;
        this.lambdaUser = lambdaUser;
    }

    /** How many neighbours a model list keeps per row over {@code rows} rows: {@code modelSize}, at most rows - 1, at least 1. */
    int keep(int rows) {
        return Math.max(1, Math.min(modelSize, rows - 1));
    }

    /**
     * Refuses a centred similarity on data whose values are all equal (unary data, e.g. purchases stored
     * as 1): centring makes every vector zero, so every similarity is 0 and every top-N list would be
     * empty without a word. One pass over the values.
     *
     * @throws IllegalArgumentException naming the model, the measure, the value and what to use instead
     */
    void requireVariedValues(RatingMatrix train, String model) {
        if (!similarity.centred() || train.isEmpty()) {
            return;
        }
        SparseMatrix m = train.byUser();
        float first = m.value(0);
        for (int k = 1, n = m.size(); k < n; k++) {
            if (m.value(k) != first) {
                return;
            }
        }
        throw new IllegalArgumentException(model + " with " + similarity.name() + " on data whose values are all "
                + first + ": a centred similarity is 0 for every pair, so every list would be empty; use"
                + " Similarity.cosine() or Similarity.jaccard() for unary (implicit) data");
    }

    /** The all-pairs search these settings fit with, keeping {@code keep} neighbours per row. */
    Neighbors.Builder neighbors(int keep) {
        return Neighbors.builder().similarity(similarity).k(keep).threads(threads);
    }

    /** The baselines {@link Centering#BASELINE} centres on, fitted on {@code train}; null for other centrings or no data. */
    Baselines baselines(RatingMatrix train) {
        return centering == Centering.BASELINE && !train.isEmpty() ? Baselines.fit(train, lambdaItem, lambdaUser) : null;
    }

    /** The per-item (or per-user) means {@link Centering#MEAN} centres on; null for other centrings. */
    double[] means(RatingMatrix train, boolean items) {
        if (centering != Centering.MEAN) {
            return null;
        }
        double[] means = new double[items ? train.itemCount() : train.userCount()];
        for (int r = 0; r < means.length; r++) {
            means[r] = items ? train.itemMean(r) : train.userMean(r);
        }
        return means;
    }

    String describe(String model) {
        return model + "(" + similarity.name() + ", k=" + neighbors
                + (modelSize != Integer.MAX_VALUE ? ", modelSize=" + modelSize : "")
                + (minSimilarity > 0 ? ", minSimilarity=" + minSimilarity : "")
                + ", " + centering.name().toLowerCase(Locale.ROOT)
                + (implicit ? ", implicit" : "") + ")";
    }
}
