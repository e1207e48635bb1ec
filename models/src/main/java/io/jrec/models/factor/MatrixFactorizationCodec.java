package io.jrec.models.factor;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link MatrixFactorizationRecommender} (biased MF and SVD++). Payload after the
 * training matrix: name, factors, mean, min and max rating, epochs, regularisation, user and item biases
 * and factors.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "MatrixFactorizationRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class MatrixFactorizationCodec implements ModelCodec<MatrixFactorizationRecommender> {
    @Override
    public String type() {
        return "MatrixFactorizationRecommender";
    }

    @Override
    public Class<MatrixFactorizationRecommender> modelClass() {
        return MatrixFactorizationRecommender.class;
    }

    @Override
    public void write(MatrixFactorizationRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        out.writeString(m.name());
        out.writeInt(m.factors);
        out.writeFloat(m.mean);
        out.writeFloat(m.minRating);
        out.writeFloat(m.maxRating);
        out.writeInt(m.epochsTrained);
        out.writeFloat(m.biasRegularization);
        out.writeFloat(m.factorRegularization);
        out.writeFloats(m.userBias);
        out.writeFloats(m.itemBias);
        out.writeFloats(m.userFactors);
        out.writeFloats(m.itemFactors);
    }

    @Override
    public MatrixFactorizationRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        String name = in.readString();
        int factors = in.readInt();
        float mean = in.readFloat();
        float minRating = in.readFloat();
        float maxRating = in.readFloat();
        int epochs = in.readInt();
        float biasRegularization = in.readFloat();
        float factorRegularization = in.readFloat();
        float[] userBias = in.readFloats();
        float[] itemBias = in.readFloats();
        float[] userFactors = in.readFloats();
        float[] itemFactors = in.readFloats();
        in.check(factors >= 1 && epochs >= 0, "factors " + factors + ", epochs " + epochs);
        in.check(userBias.length == train.userCount() && itemBias.length == train.itemCount(),
                "bias lengths " + userBias.length + ", " + itemBias.length + " for " + train);
        FactorModels.checkFactors(in, userFactors, train.userCount(), factors, "user");
        FactorModels.checkFactors(in, itemFactors, train.itemCount(), factors, "item");
        return new MatrixFactorizationRecommender(train, name, factors, mean, minRating, maxRating, userBias,
                itemBias, userFactors, itemFactors, epochs, biasRegularization, factorRegularization);
    }
}
