package io.jrec.models.neural;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelCodec;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelInput;
import io.jrec.core.io.ModelOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads {@link NeuralCollaborativeFiltering}: the query-time parameters exactly as the model
 * holds them (the first MLP layer already split into its user part and the item part pre-multiplied
 * with the item embeddings), so predictions after loading are bit-identical. Payload after the training
 * matrix: GMF factors, MLP embedding size, the user and item GMF embeddings, user MLP embeddings, the
 * first layer's user weights and per-item activations, layer widths, weights and biases, output weights
 * and bias, training history.
 *
 * <p>Registered in {@code META-INF/services/io.jrec.core.io.ModelCodec}; applications save and load
 * through {@link io.jrec.core.io.ModelIO}, not this class. The type id written into files,
 * {@code "NeuralCollaborativeFiltering"}, never changes. On reading every length and index is checked against
 * the training matrix (written first, see {@link io.jrec.core.io.ModelOutput#writeRatingMatrix}), so a
 * corrupted payload fails with a {@link io.jrec.core.io.ModelFormatException}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class NeuMfCodec implements ModelCodec<NeuralCollaborativeFiltering> {
    @Override
    public String type() {
        return "NeuralCollaborativeFiltering";
    }

    @Override
    public Class<NeuralCollaborativeFiltering> modelClass() {
        return NeuralCollaborativeFiltering.class;
    }

    @Override
    public void write(NeuralCollaborativeFiltering m, ModelOutput out) throws IOException {
        out.writeRatingMatrix(m.trainingData());
        out.writeInt(m.factors);
        out.writeInt(m.embedding);
        out.writeDoubles(m.userGmf);
        out.writeDoubles(m.itemGmf);
        out.writeDoubles(m.userMlp);
        out.writeDoubles(m.firstUser);
        out.writeDoubles(m.firstItem);
        out.writeInts(m.widths);
        for (int l = 0; l < m.widths.length; l++) {
            out.writeDoubles(m.weights[l]);
            out.writeDoubles(m.biases[l]);
        }
        out.writeDoubles(m.outWeights);
        out.writeDouble(m.outBias);
        int epochs = m.history.size();
        int[] epoch = new int[epochs];
        double[] loss = new double[epochs];
        double[] hitRate = new double[epochs];
        long[] millis = new long[epochs];
        for (int k = 0; k < epochs; k++) {
            NeuralCollaborativeFiltering.Epoch e = m.history.get(k);
            epoch[k] = e.epoch();
            loss[k] = e.loss();
            hitRate[k] = e.validationHitRate();
            millis[k] = e.millis();
        }
        out.writeInts(epoch);
        out.writeDoubles(loss);
        out.writeDoubles(hitRate);
        out.writeLongs(millis);
    }

    @Override
    public NeuralCollaborativeFiltering read(ModelInput in) throws IOException {
        RatingMatrix train = in.readRatingMatrix();
        int factors = in.readInt();
        int embedding = in.readInt();
        in.check(factors >= 1 && embedding >= 1, "factors " + factors + ", embedding " + embedding);
        long users = train.userCount();
        long items = train.itemCount();
        double[] userGmf = in.readDoubles();
        double[] itemGmf = in.readDoubles();
        double[] userMlp = in.readDoubles();
        double[] firstUser = in.readDoubles();
        double[] firstItem = in.readDoubles();
        int[] widths = in.readInts();
        in.check(widths.length >= 1, "no MLP layers");
        for (int w : widths) {
            in.check(w >= 1, "MLP layer width " + w);
        }
        long h1 = widths[0];
        checkLength(in, userGmf, users * factors, "user GMF embeddings");
        checkLength(in, itemGmf, items * factors, "item GMF embeddings");
        checkLength(in, userMlp, users * embedding, "user MLP embeddings");
        checkLength(in, firstUser, h1 * embedding, "first-layer user weights");
        checkLength(in, firstItem, items * h1, "first-layer item activations");
        double[][] weights = new double[widths.length][];
        double[][] biases = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            weights[l] = in.readDoubles();
            biases[l] = in.readDoubles();
            long inputs = l == 0 ? 2L * embedding : widths[l - 1];
            checkLength(in, weights[l], widths[l] * inputs, "layer " + l + " weights");
            checkLength(in, biases[l], widths[l], "layer " + l + " biases");
        }
        double[] outWeights = in.readDoubles();
        checkLength(in, outWeights, (long) factors + widths[widths.length - 1], "output weights");
        double outBias = in.readDouble();
        int[] epoch = in.readInts();
        double[] loss = in.readDoubles();
        double[] hitRate = in.readDoubles();
        long[] millis = in.readLongs();
        in.check(loss.length == epoch.length && hitRate.length == epoch.length && millis.length == epoch.length,
                "training history lengths " + epoch.length + ", " + loss.length + ", " + hitRate.length + ", "
                        + millis.length);
        List<NeuralCollaborativeFiltering.Epoch> history = new ArrayList<>(epoch.length);
        for (int k = 0; k < epoch.length; k++) {
            history.add(new NeuralCollaborativeFiltering.Epoch(epoch[k], loss[k], hitRate[k], millis[k]));
        }
        return new NeuralCollaborativeFiltering(train, factors, embedding, userGmf, itemGmf, userMlp, firstUser,
                firstItem, widths, weights, biases, outWeights, outBias, history);
    }

    private static void checkLength(ModelInput in, double[] a, long expected, String what)
            throws ModelFormatException {
        in.check(a.length == expected, what + ": " + a.length + " values, expected " + expected);
    }
}
