package io.jrec.models.graph;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;

/**
 * Saves and loads {@link Rp3betaRecommender}: the training matrix, the settings and the kept weights of
 * W (row pointers, item indices, weights). Reading checks every length, pointer and index before the
 * model is built. Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}.
 */
public final class Rp3betaCodec implements ModelCodec<Rp3betaRecommender> {
    @Override
    public String type() {
        return "Rp3betaRecommender";
    }

    @Override
    public Class<Rp3betaRecommender> modelClass() {
        return Rp3betaRecommender.class;
    }

    @Override
    public void write(Rp3betaRecommender m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        Rp3betaRecommender.Settings s = m.settings;
        out.writeDouble(s.alpha());
        out.writeDouble(s.beta());
        out.writeInt(s.neighbors());
        out.writeBoolean(s.binary());
        out.writeInt(s.threads());
        out.writeInts(m.start);
        out.writeInts(m.neighbor);
        out.writeFloats(m.weight);
    }

    @Override
    public Rp3betaRecommender read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        double alpha = in.readDouble();
        double beta = in.readDouble();
        int k = in.readInt();
        boolean binary = in.readBoolean();
        int threads = in.readInt();
        in.check(alpha > 0 && Double.isFinite(alpha) && beta >= 0 && Double.isFinite(beta) && k >= 1 && threads >= 1,
                "RP3beta settings out of range: alpha " + alpha + ", beta " + beta + ", k " + k
                        + ", threads " + threads);
        int items = train.itemCount();
        int[] start = in.readInts();
        int[] neighbor = in.readInts();
        float[] weight = in.readFloats();
        in.check(start.length == items + 1 && start[0] == 0 && start[items] == neighbor.length
                && neighbor.length == weight.length, "RP3beta weights do not fit " + items + " items");
        for (int i = 0; i < items; i++) {
            if (start[i] > start[i + 1] || start[i + 1] - start[i] > k) {
                throw in.corrupted("RP3beta row " + i + " has a bad extent " + start[i] + ".." + start[i + 1]);
            }
        }
        for (int p = 0; p < neighbor.length; p++) {
            if (neighbor[p] < 0 || neighbor[p] >= items) {
                throw in.corrupted("RP3beta item index " + neighbor[p] + " out of range");
            }
            if (!(Float.isFinite(weight[p]) && weight[p] > 0)) {
                throw in.corrupted("RP3beta weight " + weight[p] + " is not positive");
            }
        }
        return new Rp3betaRecommender(train, new Rp3betaRecommender.Settings(alpha, beta, k, binary, threads),
                start, neighbor, weight);
    }
}
