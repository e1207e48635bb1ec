package io.jrec.models.baseline;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.models.internal.Baselines;

import java.io.IOException;

/**
 * Saves and loads {@link BaselinePredictor}. Payload after the training matrix: name, baselines (mu,
 * user biases, item biases), lambdaItem, lambdaUser, maximum rounds. Files written before the last
 * three were added end after the baselines; their settings are read back from the name, with the
 * default cap of rounds.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "BaselinePredictor"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class BaselineCodec implements ModelCodec<BaselinePredictor> {
    @Override
    public String type() {
        return "BaselinePredictor";
    }

    @Override
    public Class<BaselinePredictor> modelClass() {
        return BaselinePredictor.class;
    }

    @Override
    public void write(BaselinePredictor model, ModelOutput out) throws IOException {
        out.writeRatingMatrix(model.trainingData());
        out.writeString(model.name());
        Baselines.writeOptional(model.baselines, out);
        out.writeDouble(model.config.lambdaItem);
        out.writeDouble(model.config.lambdaUser);
        out.writeInt(model.config.iterations);
    }

    @Override
    public BaselinePredictor read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        String name = in.readString();
        Baselines baselines = Baselines.readOptional(in, train);
        in.check(baselines != null, "a baseline predictor without baselines");
        BaselinePredictor.Config config;
        try {
            config = in.remaining() == 0 ? legacyConfig(in, name)
                    : BaselinePredictor.builder().lambdaItem(in.readDouble()).lambdaUser(in.readDouble())
                    .iterations(in.readInt()).build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
        return new BaselinePredictor(train, config, baselines);
    }

    /** The settings of a file written before they were stored, from its name (written by {@code Config.name()}). */
    private static BaselinePredictor.Config legacyConfig(ModelInput in, String name) throws ModelFormatException {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Baseline\\(lambdaItem=([^,]+), lambdaUser=([^,]+), iterations=\\d+\\)").matcher(name);
        in.check(m.matches(), "baseline settings missing and name '" + name + "' does not state them");
        return BaselinePredictor.builder().lambdaItem(Double.parseDouble(m.group(1)))
                .lambdaUser(Double.parseDouble(m.group(2))).build();
    }
}
