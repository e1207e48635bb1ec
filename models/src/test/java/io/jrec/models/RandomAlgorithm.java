package io.jrec.models;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

import java.util.SplittableRandom;

/**
 * The random baseline for quality checks: every (user, item) gets a uniform score from a stream seeded
 * by {@code seed} and the user index, so results are reproducible and independent of query order.
 */
public final class RandomAlgorithm implements Algorithm {
    private final long seed;

    public RandomAlgorithm(long seed) {
        this.seed = seed;
    }

    @Override
    public Recommender fit(RatingMatrix train, ProgressListener progress) {
        return new AbstractRecommender(train, name()) {
            @Override
            protected void scoreItems(int user, float[] scores) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + user);
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = (float) random.nextDouble();
                }
            }
        };
    }

    @Override
    public String name() {
        return "Random";
    }
}
