package io.jrec.models.neural;

import io.jrec.core.DivergenceGuard;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.tune.EarlyStopping;
import io.jrec.models.nn.BinaryCrossEntropy;
import io.jrec.models.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The epoch loop of a {@link NeuralCollaborativeFiltering} fit: negative sampling, mini-batch steps, the
 * divergence guard, HR@10 validation with patience, and early stopping on a tuner's objective. Stateless.
 */
final class NeuMfFit {
    private NeuMfFit() {
    }

    /** Trains with the settings of {@code c}; see {@link NeuralCollaborativeFiltering.Config#fit}. */
    static NeuralCollaborativeFiltering run(NeuralCollaborativeFiltering.Config c, RatingMatrix train,
                                            EarlyStopping stopping, ProgressListener progress) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("NeuMF needs at least one interaction, the training matrix is empty");
        }
        SplittableRandom random = new SplittableRandom(c.seed);
        NeuMfNetwork net = new NeuMfNetwork(train.userCount(), train.itemCount(), c.gmfFactors, c.mlpLayers, 1,
                random);
        NeuMfExamples examples = new NeuMfExamples(train, c.negatives);
        List<NeuralCollaborativeFiltering.Epoch> history = new ArrayList<>();
        NeuralCollaborativeFiltering best = null;
        double bestHitRate = Double.NEGATIVE_INFINITY;
        int sinceBest = 0;
        DivergenceGuard guard = new DivergenceGuard(c.name(), DivergenceGuard.tooHigh("learningRate", c.learningRate,
                0.001)).startingLoss(BinaryCrossEntropy.constantLoss(1.0 / (1 + c.negatives)));
        try (NeuMfTrainer trainer = new NeuMfTrainer(net, c.batchSize, c.learningRate, c.l2, c.threads)) {
            for (int epoch = 1; epoch <= c.epochs; epoch++) {
                long start = System.nanoTime();
                int n = examples.sample(random);
                double loss = 0;
                for (int from = 0; from < n; from += c.batchSize) {
                    loss += trainer.step(examples.users, examples.items, examples.labels, from,
                            Math.min(c.batchSize, n - from));
                }
                loss /= n;
                guard.checkLoss(epoch, loss);
                for (Parameter p : net.parameters()) {
                    guard.checkFinite(epoch, p.name(), p.value());
                }
                double hitRate = Double.NaN;
                if (c.validation != null) {
                    NeuralCollaborativeFiltering current = new NeuralCollaborativeFiltering(train, net, history);
                    hitRate = NeuMfValidation.hitRate(current, c.validation, 10);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                history.add(new NeuralCollaborativeFiltering.Epoch(epoch, loss, hitRate, millis));
                progress.progress("NeuMF epoch", epoch, c.epochs, String.format(Locale.ROOT,
                        "loss %.4f, validation HR@10 %.4f, %d ms", loss, hitRate, millis));
                if (c.patience > 0) {
                    if (hitRate > bestHitRate) {
                        bestHitRate = hitRate;
                        best = new NeuralCollaborativeFiltering(train, net, history);
                        sinceBest = 0;
                    } else if (++sinceBest >= c.patience && best != null) {
                        return best;
                    }
                }
                if (stopping != null && stopping.offer(epoch, new NeuralCollaborativeFiltering(train, net, history))) {
                    break;
                }
            }
        }
        if (stopping != null) {
            return (NeuralCollaborativeFiltering) stopping.best();
        }
        return new NeuralCollaborativeFiltering(train, net, history);
    }
}
