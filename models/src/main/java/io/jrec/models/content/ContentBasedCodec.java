package io.jrec.models.content;

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
 * with their names, the normalised item x feature matrix and the resolved weighting; the inverted
 * index and item popularity are recomputed from them on load, exactly as at fit time. Payload: the
 * widened training matrix, training items, the item features (items, names, values), the normalised
 * item x feature matrix, the resolved weighting.
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
        return new ContentBasedRecommender(widened, trainItems, features, normalised,
                ContentBasedRecommender.Weighting.values()[weighting]);
    }
}
