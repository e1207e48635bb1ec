package io.jrec.models.linear;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link EaseRecommender}. Payload after the training matrix: name, binary flag, the
 * items x items weights.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "EaseRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class EaseCodec implements ModelCodec<EaseRecommender> {
    @Override
    public String type() {
        return "EaseRecommender";
    }

    @Override
    public Class<EaseRecommender> modelClass() {
        return EaseRecommender.class;
    }

    @Override
    public void write(EaseRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        out.writeString(m.name());
        out.writeBoolean(m.binary);
        out.writeFloats(m.weights);
    }

    @Override
    public EaseRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        String name = in.readString();
        boolean binary = in.readBoolean();
        float[] weights = in.readFloats();
        long n = train.itemCount();
        in.check(weights.length == n * n, weights.length + " weights for " + n + " items");
        return new EaseRecommender(train, name, binary, weights);
    }
}
