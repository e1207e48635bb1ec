package io.jrec.models.linear;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link SparseEaseRecommender}: the training matrix, the settings and the stored
 * weights of B by row (row pointers, target item indices ascending within a row, weights). Reading
 * checks every length, pointer and index before the model is built. Registered in
 * {@code META-INF/services/io.jrec.core.io.ModelCodec}.
 */
public final class SparseEaseCodec implements ModelCodec<SparseEaseRecommender> {
    @Override
    public String type() {
        return "SparseEaseRecommender";
    }

    @Override
    public Class<SparseEaseRecommender> modelClass() {
        return SparseEaseRecommender.class;
    }

    @Override
    public void write(SparseEaseRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        SparseEaseRecommender.Settings s = m.settings;
        out.writeDouble(s.lambda());
        out.writeInt(s.neighbors());
        out.writeInt(s.support());
        out.writeBoolean(s.binary());
        out.writeInt(s.threads());
        out.writeInts(m.start);
        out.writeInts(m.target);
        out.writeFloats(m.weight);
    }

    @Override
    public SparseEaseRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        double lambda = in.readDouble();
        int k = in.readInt();
        int support = in.readInt();
        boolean binary = in.readBoolean();
        int threads = in.readInt();
        in.check(lambda > 0 && Double.isFinite(lambda) && k >= 1 && support >= k && threads >= 1,
                "SparseEASE settings out of range: lambda " + lambda + ", k " + k + ", support " + support
                        + ", threads " + threads);
        int items = train.itemCount();
        int[] start = in.readInts();
        int[] target = in.readInts();
        float[] weight = in.readFloats();
        in.check(start.length == items + 1 && start[0] == 0 && start[items] == target.length
                && target.length == weight.length, "SparseEASE weights do not fit " + items + " items");
        for (int i = 0; i < items; i++) {
            if (start[i] > start[i + 1]) {
                throw in.corrupted("SparseEASE row " + i + " ends before it starts");
            }
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (!(target[p] >= 0 && target[p] < items && (p == start[i] || target[p] > target[p - 1]))) {
                    throw in.corrupted("SparseEASE row " + i + ": item indices must ascend within 0.." + (items - 1));
                }
                if (!Float.isFinite(weight[p])) {
                    throw in.corrupted("SparseEASE weight " + weight[p] + " is not finite");
                }
            }
        }
        return new SparseEaseRecommender(train, new SparseEaseRecommender.Settings(lambda, k, support, binary, threads),
                start, target, weight);
    }
}
