package io.jrec.models.knn;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;
import io.jrec.models.internal.Baselines;
import io.jrec.similarity.Similarity;

import java.io.IOException;

/**
 * The parts of the KNN file payload shared by {@link ItemKnnCodec} and {@link UserKnnCodec}: the
 * settings, the optional means, and the check that the centring data matches the settings. Stateless.
 */
final class KnnFormat {
    private KnnFormat() {
    }

    /** The measures a KNN model can be saved with: their settings are not bound to training data. */
    private static Similarity[] saveableMeasures() {
        return new Similarity[]{Similarity.cosine(), Similarity.pearson(), Similarity.jaccard(),
                Similarity.weightedJaccard()};
    }

    /** The measure (before shrinkage) whose name, after {@code shrinkage}, is {@code name}; or null. */
    private static Similarity measureNamed(String name, double shrinkage) {
        for (Similarity s : saveableMeasures()) {
            Similarity shrunk = shrinkage > 0 ? s.withShrinkage(shrinkage) : s;
            if (shrunk.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Writes {@code s}.
     *
     * @throws IllegalArgumentException if the similarity cannot be saved (it depends on training data)
     */
    static void writeSettings(KnnSettings s, ModelOutput out) throws IOException {
        if (measureNamed(s.similarity.name(), s.shrinkage) == null) {
            throw new IllegalArgumentException("cannot save a KNN model with similarity '" + s.similarity.name()
                    + "': only cosine, Pearson, Jaccard and weighted Jaccard (with shrinkage) can be saved; "
                    + "adjusted cosine and significance weighting depend on the training data");
        }
        out.writeString(s.similarity.name());
        out.writeInt(s.neighbors);
        out.writeInt(s.modelSize);
        out.writeDouble(s.minSimilarity);
        out.writeDouble(s.shrinkage);
        out.writeInt(s.centering.ordinal());
        out.writeBoolean(s.implicit);
        out.writeInt(s.threads);
        out.writeDouble(s.lambdaItem);
        out.writeDouble(s.lambdaUser);
    }

    /** Reads what {@link #writeSettings} wrote, checking every value. */
    static KnnSettings readSettings(ModelInput in) throws IOException {
        String similarity = in.readString();
        int neighbors = in.readInt();
        int modelSize = in.readInt();
        double minSimilarity = in.readDouble();
        double shrinkage = in.readDouble();
        int centering = in.readInt();
        boolean implicit = in.readBoolean();
        int threads = in.readInt();
        double lambdaItem = in.readDouble();
        double lambdaUser = in.readDouble();
        in.check(centering >= 0 && centering < Centering.values().length, "centering " + centering);
        in.check(shrinkage >= 0 && Double.isFinite(shrinkage), "shrinkage " + shrinkage);
        Similarity measure = measureNamed(similarity, shrinkage);
        in.check(measure != null, "unknown similarity '" + similarity + "'");
        try {
            return new KnnSettings(measure, neighbors, modelSize, minSimilarity, shrinkage,
                    Centering.values()[centering], implicit, threads, lambdaItem, lambdaUser);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    /** Writes optional per-row means: a presence flag, then the means. */
    static void writeMeans(double[] a, ModelOutput out) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeDoubles(a);
        }
    }

    /** Reads what {@link #writeMeans} wrote (null if absent), checking the length. */
    static double[] readMeans(ModelInput in, int length) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        double[] a = in.readDoubles();
        in.check(a.length == length, a.length + " means, expected " + length);
        return a;
    }

    /** The centring data a KNN model's queries read is present exactly when its centring needs it. */
    static void checkCentring(ModelInput in, KnnSettings s, Baselines baselines, double[] means,
                              RatingMatrix train) throws ModelFormatException {
        boolean needsBaselines = s.centering == Centering.BASELINE && !train.isEmpty();
        in.check(needsBaselines == (baselines != null), "baselines do not match centring " + s.centering);
        in.check((s.centering == Centering.MEAN) == (means != null), "means do not match centring " + s.centering);
    }
}
