package io.jrec.models.content;

import io.jrec.core.DenseVectors;
import io.jrec.core.IdIndex;
import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link ContentBasedRecommender}: the widened training matrix, the item features
 * with their names and dense vectors, the normalised item x feature matrix, the resolved weighting and
 * the vector weight; the inverted index, the unit-length vectors and item popularity are recomputed
 * from them on load, exactly as at fit time. Payload: the widened training matrix, training items, the
 * item features (items, names, values), the normalised item x feature matrix, the resolved weighting,
 * then the vector weight and the item and user vectors (each a presence flag, then ids, dimension and
 * values). Files written before vectors (whose payload ends after the weighting) load as models without
 * vectors.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "ContentBasedRecommender"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ContentBasedCodec implements ModelCodec<ContentBasedRecommender> {
    @Override
    public String type() {
        return "ContentBasedRecommender";
    }

    @Override
    public Class<ContentBasedRecommender> modelClass() {
        return ContentBasedRecommender.class;
    }

    @Override
    public void write(ContentBasedRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        out.writeInt(m.trainItems);
        ItemFeatures f = m.features;
        out.writeIdIndex(f.items());
        out.writeInt(f.featureCount());
        for (int k = 0; k < f.featureCount(); k++) {
            out.writeString(f.featureName(k));
        }
        out.writeSparseMatrix(f.byItem());
        out.writeSparseMatrix(m.itemFeatures);
        out.writeInt(m.weighting.ordinal());
        out.writeDouble(m.vectorWeight());
        writeVectors(f.vectors(), out);
        writeVectors(f.userVectors(), out);
    }

    private static void writeVectors(DenseVectors v, ModelOutput out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeIdIndex(v.ids());
            out.writeInt(v.dimension());
            out.writeFloats(v.toArray());
        }
    }

    private static DenseVectors readVectors(ModelInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        IdIndex ids = in.readIdIndex();
        int dimension = in.readInt();
        float[] data = in.readFloats();
        try {
            return DenseVectors.of(ids, dimension, data);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    @Override
    public ContentBasedRecommender read(ModelInput in) throws IOException {
        RatingMatrix widened = in.readRatingMatrix();
        int trainItems = in.readInt();
        in.check(trainItems >= 0 && trainItems <= widened.itemCount(), trainItems + " training items of "
                + widened.itemCount());
        IdIndex featureItems = in.readIdIndex();
        int featureCount = in.readLength(4);   // every name has at least its 4-byte length
        String[] names = new String[featureCount];
        for (int k = 0; k < featureCount; k++) {
            names[k] = in.readString();
        }
        SparseMatrix raw = in.readSparseMatrix();
        ItemFeatures features;
        try {
            features = ItemFeatures.of(featureItems, names, raw);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
        SparseMatrix normalised = in.readSparseMatrix();
        in.check(normalised.rowCount() == widened.itemCount() && normalised.columnCount() == featureCount,
                "normalised features are " + normalised.rowCount() + " x " + normalised.columnCount() + ", expected "
                        + widened.itemCount() + " items x " + featureCount + " features");
        int weighting = in.readInt();
        in.check(weighting == ContentBasedRecommender.Weighting.CENTERED.ordinal()
                || weighting == ContentBasedRecommender.Weighting.RAW.ordinal(), "weighting " + weighting);
        double vectorWeight = 0;
        if (in.remaining() > 0) {                    // absent from files written before vectors
            vectorWeight = in.readDouble();
            try {
                features = features.withVectors(readVectors(in), readVectors(in));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
            }
            in.check(vectorWeight >= 0 && vectorWeight <= 1 && (vectorWeight == 0 || features.hasVectors()),
                    "vector weight " + vectorWeight + (features.hasVectors() ? "" : " without vectors"));
        }
        return new ContentBasedRecommender(widened, trainItems, features, normalised,
                ContentBasedRecommender.Weighting.values()[weighting], vectorWeight);
    }
}
