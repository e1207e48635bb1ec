package io.jrec.models;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

/** A minimal test popularity model: score = number of training interactions of the item. */
final class CountPopularity implements Algorithm {

    @Override
    public Recommender fit(RatingMatrix train, ProgressListener progress) {
        return new AbstractRecommender(train, name()) {
            @Override
            protected void scoreItems(int user, float[] scores) {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = train.itemRatingCount(i);
                }
            }
        };
    }

    @Override
    public String name() {
        return "Popularity";
    }
}
