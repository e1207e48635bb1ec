package io.jrec.models.baseline;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link PopularityRecommender}. Payload after the training matrix: weighted flag,
 * half-life, popularity per item.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "PopularityRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class PopularityCodec implements ModelCodec<PopularityRecommender> {
    @Override
    public String type() {
        return "PopularityRecommender";
    }

    @Override
    public Class<PopularityRecommender> modelClass() {
        return PopularityRecommender.class;
    }

    @Override
    public void write(PopularityRecommender model, ModelOutput out) throws IOException {
        out.writeRatingMatrix(model.trainingData());
        out.writeBoolean(model.config.weighted);
        out.writeDouble(model.config.halfLife);
        out.writeFloats(model.popularity);
    }

    @Override
    public PopularityRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        boolean weighted = in.readBoolean();
        double halfLife = in.readDouble();
        float[] popularity = in.readFloats();
        in.check(halfLife > 0, "half-life " + halfLife);
        in.check(popularity.length == train.itemCount(), "popularity has " + popularity.length
                + " entries for " + train.itemCount() + " items");
        return new PopularityRecommender(train, new PopularityRecommender.Config(weighted, halfLife), popularity);
    }
}
