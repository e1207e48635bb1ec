package io.jrec.core.eval;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

/** Tiny models for evaluation tests; real models live in the models module. */
final class TestModels {

    private TestModels() {
    }

    /** Ranks by number of training ratings (ties by lower item id); cannot predict ratings. */
    static final class MostPopular extends AbstractRecommender {
        MostPopular(RatingMatrix train) {
            super(train, "MostPopular");
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = train.itemRatingCount(i);
            }
        }

        static Algorithm algorithm() {
            return new Algorithm() {
                @Override
                public Recommender fit(RatingMatrix train, ProgressListener progress) {
                    return new MostPopular(train);
                }

                @Override
                public String name() {
                    return "MostPopular";
                }
            };
        }
    }

    /** Predicts the training global mean for every known pair; ranks all items equally (ties by index). */
    static final class GlobalMean extends AbstractRecommender {
        GlobalMean(RatingMatrix train) {
            super(train, "GlobalMean");
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 0;
            }
        }

        @Override
        protected double predictIndex(int user, int item) {
            return train.globalMean();
        }

        static Algorithm algorithm() {
            return new Algorithm() {
                @Override
                public Recommender fit(RatingMatrix train, ProgressListener progress) {
                    return new GlobalMean(train);
                }

                @Override
                public String name() {
                    return "GlobalMean";
                }
            };
        }
    }
}
