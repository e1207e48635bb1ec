package io.jrec.examples;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;

import java.util.Objects;

/**
 * One algorithm as it appears in an evaluation table: a short label for the row, the wrapped
 * algorithm (whose own {@link Algorithm#name()} spells out the settings), and whether its
 * {@code predict} is a rating. For a ranking-only entry (popularity counts, cosine scores, implicit
 * models' preference scores) the fitted model's {@code predict} is hidden (always {@code NaN}), so the
 * evaluator leaves it out of RMSE/MAE instead of comparing scores on another scale with ratings.
 *
 * @param label   the row label, e.g. {@code "ItemKNN"}
 * @param inner   the algorithm that is fitted
 * @param ratings whether {@code inner}'s predictions are on the rating scale
 */
record Entry(String label, Algorithm inner, boolean ratings) implements Algorithm {

    Entry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(inner, "inner");
    }

    /** A rating predictor: RMSE/MAE and top-N. */
    static Entry ratings(String label, Algorithm inner) {
        return new Entry(label, inner, true);
    }

    /** A ranking-only model: top-N metrics only. */
    static Entry ranking(String label, Algorithm inner) {
        return new Entry(label, inner, false);
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public Recommender fit(RatingMatrix train, ProgressListener progress) {
        Recommender model = inner.fit(train, progress);
        return ratings ? model : new RankingOnly(model);
    }

    /** Delegates {@code topN}; {@code predict} is always {@code NaN}. Thread-safe when the model is. */
    private record RankingOnly(Recommender model) implements Recommender {
        @Override
        public Recommendations topN(long userId, int n, ItemFilter filter) {
            return model.topN(userId, n, filter);
        }

        @Override
        public double predict(long userId, long itemId) {
            return Double.NaN;
        }
    }
}
