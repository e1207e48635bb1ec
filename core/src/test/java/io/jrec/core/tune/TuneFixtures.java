package io.jrec.core.tune;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Small data and models with a known best setting for the tuner tests. */
final class TuneFixtures {

    private TuneFixtures() {
    }

    /**
     * {@code users} users, each rating about {@code perUser} of {@code items} items with value 3, at
     * increasing timestamps; item i is rated with probability falling in i (so popularity is by index).
     */
    static RatingMatrix flatRatings(int users, int items, int perUser, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RatingMatrix.Builder b = RatingMatrix.builder();
        long time = 1_000_000;
        for (int u = 0; u < users; u++) {
            for (int n = 0; n < perUser; n++) {
                int i = (int) (items * Math.pow(random.nextDouble(), 2));
                b.add(100 + u, 1000 + i, 3.0, time++);
            }
        }
        return b.build();
    }

    /**
     * Predicts {@code 3 + offset} for every known pair (so on {@link #flatRatings} RMSE = |offset|), and
     * ranks items by training popularity, or against it when {@code reverse}.
     */
    static final class Offset extends AbstractRecommender {
        private final double offset;
        private final boolean reverse;

        Offset(RatingMatrix train, double offset, boolean reverse) {
            super(train, "Offset");
            this.offset = offset;
            this.reverse = reverse;
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                int count = train.itemRatingCount(i);
                scores[i] = reverse ? -count : count;
            }
        }

        @Override
        protected double predictIndex(int user, int item) {
            return 3 + offset;
        }
    }

    /** An algorithm fitting an {@link Offset} model whose offset is computed when fitting. */
    static Algorithm offset(DoubleSupplier offset, boolean reverse) {
        return new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return new Offset(train, offset.getAsDouble(), reverse);
            }

            @Override
            public String name() {
                return "Offset";
            }
        };
    }

    /**
     * An iterative algorithm whose model after epoch e predicts {@code 3 + |e - bestEpoch| / 10}: RMSE on
     * flat data is smallest at {@code bestEpoch}.
     */
    static final class Epochs implements IterativeAlgorithm {
        final int epochs;
        final int bestEpoch;

        Epochs(int epochs, int bestEpoch) {
            this.epochs = epochs;
            this.bestEpoch = bestEpoch;
        }

        @Override
        public Recommender fit(RatingMatrix train, ProgressListener progress) {
            return new Offset(train, Math.abs(epochs - bestEpoch) / 10.0, false);
        }

        @Override
        public Recommender fit(EarlyStopping stopping, ProgressListener progress) {
            for (int e = 1; e <= epochs; e++) {
                Recommender snapshot = new Offset(stopping.trainingData(), Math.abs(e - bestEpoch) / 10.0, false);
                if (stopping.offer(e, snapshot)) {
                    break;
                }
            }
            return stopping.best();
        }
    }
}
