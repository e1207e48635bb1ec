package io.jrec.core.io;

import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

/** Lets tests in other packages build the toy model of {@link ModelIOTest}. */
public final class ModelIOTestAccess {
    public Recommender model(RatingMatrix m, float score) {
        float[] scores = new float[m.itemCount()];
        java.util.Arrays.fill(scores, score);
        return new ModelIOTest.FixedScores(m, scores);
    }
}
