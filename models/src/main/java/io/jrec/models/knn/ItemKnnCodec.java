package io.jrec.models.knn;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.models.internal.Baselines;

import java.io.IOException;

/**
 * Saves and loads {@link ItemKnnRecommender}. Payload after the training matrix: settings, top lists,
 * model lists, optional baselines, optional item means (see {@link KnnFormat}). The top lists (row
 * {@code j}: every {@code i} with {@code j} among the first {@code neighbors} model neighbours of
 * {@code i}) are derived data, stored sorted by similarity as the queries walk them. Reading takes them as
 * stored when they are in that order and hold exactly the transposed model entries (a linear check, no
 * copy); files written before the lists were sorted are rebuilt from the model lists and checked to hold
 * the same entries, so every query path of a loaded model answers alike.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "ItemKnnRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ItemKnnCodec implements ModelCodec<ItemKnnRecommender> {
    @Override
    public String type() {
        return "ItemKnnRecommender";
    }

    @Override
    public Class<ItemKnnRecommender> modelClass() {
        return ItemKnnRecommender.class;
    }

    @Override
    public void write(ItemKnnRecommender model, ModelOutput out) throws IOException {
        out.writeRatingMatrix(model.trainingData());
        KnnFormat.writeSettings(model.settings, out);
        model.top.write(out);
        model.model.write(out);
        Baselines.writeOptional(model.baselines, out);
        KnnFormat.writeMeans(model.itemMeans, out);
    }

    @Override
    public ItemKnnRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        KnnSettings settings = KnnFormat.readSettings(in);
        int items = train.itemCount();
        NeighborLists top = NeighborLists.read(in, items, items);
        NeighborLists model = NeighborLists.read(in, items, items);
        Baselines baselines = Baselines.readOptional(in, train);
        double[] means = KnnFormat.readMeans(in, items);
        KnnFormat.checkCentring(in, settings, baselines, means, train);
        if (top.isTransposedBySimilarity(model, settings.neighbors)) {
            return new ItemKnnRecommender(train, settings, top, model, baselines, means);   // saved by this version
        }
        ItemKnnRecommender knn = new ItemKnnRecommender(train, settings, model, baselines, means);
        in.check(knn.top.sameEntries(top, items), "the top-N lists are not the transposed first "
                + settings.neighbors + " model neighbours");
        return knn;
    }
}
