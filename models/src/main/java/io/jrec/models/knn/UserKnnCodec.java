package io.jrec.models.knn;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.models.internal.Baselines;

import java.io.IOException;

/**
 * Saves and loads {@link UserKnnRecommender}. Payload after the training matrix: settings, top lists,
 * model lists, optional baselines, optional user means (see {@link KnnFormat}).
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "UserKnnRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class UserKnnCodec implements ModelCodec<UserKnnRecommender> {
    @Override
    public String type() {
        return "UserKnnRecommender";
    }

    @Override
    public Class<UserKnnRecommender> modelClass() {
        return UserKnnRecommender.class;
    }

    @Override
    public void write(UserKnnRecommender model, ModelOutput out) throws IOException {
        out.writeRatingMatrix(model.trainingData());
        KnnFormat.writeSettings(model.settings, out);
        model.top.write(out);
        model.model.write(out);
        Baselines.writeOptional(model.baselines, out);
        KnnFormat.writeMeans(model.userMeans, out);
    }

    @Override
    public UserKnnRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        KnnSettings settings = KnnFormat.readSettings(in);
        int users = train.userCount();
        NeighborLists top = NeighborLists.read(in, users, users);
        NeighborLists model = NeighborLists.read(in, users, users);
        Baselines baselines = Baselines.readOptional(in, train);
        double[] means = KnnFormat.readMeans(in, users);
        KnnFormat.checkCentring(in, settings, baselines, means, train);
        return new UserKnnRecommender(train, settings, top, model, baselines, means);
    }
}
