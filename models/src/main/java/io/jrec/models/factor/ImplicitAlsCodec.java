package io.jrec.models.factor;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link ImplicitAlsRecommender}. Payload after the training matrix: name, factors,
 * user and item factors.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "ImplicitAlsRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ImplicitAlsCodec implements ModelCodec<ImplicitAlsRecommender> {
    @Override
    public String type() {
        return "ImplicitAlsRecommender";
    }

    @Override
    public Class<ImplicitAlsRecommender> modelClass() {
        return ImplicitAlsRecommender.class;
    }

    @Override
    public void write(ImplicitAlsRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        out.writeString(m.name());
        out.writeInt(m.factors);
        out.writeFloats(m.userFactors);
        out.writeFloats(m.itemFactors);
    }

    @Override
    public ImplicitAlsRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        String name = in.readString();
        int factors = in.readInt();
        float[] userFactors = in.readFloats();
        float[] itemFactors = in.readFloats();
        in.check(factors >= 1, "factors " + factors);
        FactorModels.checkFactors(in, userFactors, train.userCount(), factors, "user");
        FactorModels.checkFactors(in, itemFactors, train.itemCount(), factors, "item");
        return new ImplicitAlsRecommender(train, name, factors, userFactors, itemFactors);
    }
}
