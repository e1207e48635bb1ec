package io.jrec.models.factor;

import io.jrec.core.DivergenceGuard;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.tune.EarlyStopping;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The mutable state of one {@link MatrixFactorizationRecommender} fit (SGD epochs for biased MF and SVD++,
 * validation, early stopping); discarded afterwards. Not thread-safe.
 */
final class MatrixFactorizationFit {
    private final MatrixFactorizationRecommender.Trainer t;
    private final RatingMatrix train;
    private final ProgressListener progress;
    private final int f;
    private final int users;
    private final int items;
    private final int[] pointers;
    private final int[] rowOf;
    private final int[] cols;
    private final float[] vals;
    private final float mean;
    private final float minRating;
    private final float maxRating;
    private final double meanRmse;   // RMSE of predicting the mean: the divergence guard's starting loss
    private final float[] bu;
    private final float[] bi;
    private final float[] p;
    private final float[] q;
    private final float[] y;
    private final SplittableRandom random;
    private final EarlyStopping stopping;   // null: no early stopping on an evaluator metric
    // validation pairs translated to training indices
    private final int[] valUser;
    private final int[] valItem;
    private final float[] valRating;

    MatrixFactorizationFit(MatrixFactorizationRecommender.Trainer t, RatingMatrix train, RatingMatrix validation,
                           EarlyStopping stopping, ProgressListener progress) {
        this.t = t;
        this.stopping = stopping;
        this.train = train;
        this.progress = progress;
        this.f = t.factors;
        this.users = train.userCount();
        this.items = train.itemCount();
        SparseMatrix m = train.byUser();
        int n = m.size();
        pointers = new int[users + 1];
        cols = new int[n];
        vals = new float[n];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int u = 0; u < users; u++) {
            pointers[u + 1] = m.rowEnd(u);
        }
        for (int k = 0; k < n; k++) {
            cols[k] = m.column(k);
            vals[k] = m.value(k);
            lo = Math.min(lo, vals[k]);
            hi = Math.max(hi, vals[k]);
        }
        rowOf = FactorModels.rowOfPosition(pointers);
        mean = (float) train.globalMean();
        double squares = 0;
        for (int k = 0; k < n; k++) {
            squares += (vals[k] - mean) * (vals[k] - mean);
        }
        meanRmse = Math.sqrt(squares / n);
        minRating = lo;
        maxRating = hi;
        bu = new float[users];
        bi = new float[items];
        random = new SplittableRandom(t.seed);
        p = FactorModels.factorArray("user factors", users, f);
        q = FactorModels.factorArray("item factors", items, f);
        FactorModels.gaussian(p, t.initStd, random);
        FactorModels.gaussian(q, t.initStd, random);
        if (t.implicitFeedback) {
            y = FactorModels.factorArray("implicit item factors", items, f);
            FactorModels.gaussian(y, t.initStd, random);
        } else {
            y = null;
        }
        if (validation == null) {
            valUser = null;
            valItem = null;
            valRating = null;
        } else {
            SparseMatrix v = validation.byUser();
            int[] vu = new int[v.size()];
            int[] vi = new int[v.size()];
            float[] vr = new float[v.size()];
            int kept = 0;
            for (int u = 0; u < validation.userCount(); u++) {
                int tu = train.users().indexOf(validation.users().idAt(u));
                for (int k = v.rowStart(u); k < v.rowEnd(u); k++) {
                    int ti = train.items().indexOf(validation.items().idAt(v.column(k)));
                    if (tu >= 0 && ti >= 0) {
                        vu[kept] = tu;
                        vi[kept] = ti;
                        vr[kept] = v.value(k);
                        kept++;
                    }
                }
            }
            if (kept == 0) {
                throw new IllegalArgumentException("the validation matrix (" + validation
                        + ") has no rating whose user and item are in the training matrix");
            }
            valUser = Arrays.copyOf(vu, kept);
            valItem = Arrays.copyOf(vi, kept);
            valRating = Arrays.copyOf(vr, kept);
        }
    }

    MatrixFactorizationRecommender run() {
        long start = System.nanoTime();
        int[] order = new int[Math.max(cols.length, users)];
        int[] local = new int[maxRow()];
        float[] acc = new float[f];
        float[] z = new float[f];
        double bestRmse = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[][] best = null;
        int sinceBest = 0;
        float lr = t.learningRate;
        DivergenceGuard guard = new DivergenceGuard(t.name(), DivergenceGuard.tooHigh("learningRate",
                t.learningRateSetting, y == null ? 0.01 : 0.007)).startingLoss(meanRmse);
        int epoch = 0;
        while (epoch < t.epochs) {
            double sse = y == null ? biasedEpoch(order, lr) : svdppEpoch(order, local, acc, z, lr);
            epoch++;
            lr *= t.learningRateDecay;
            double trainRmse = Math.sqrt(sse / cols.length);
            guard.checkLoss(epoch, trainRmse);
            String message = String.format(Locale.ROOT, "train RMSE %.4f", trainRmse);
            boolean stop = false;
            if (valUser != null) {
                float[] eff = effectiveUserFactors();
                double valRmse = validationRmse(eff);
                message += String.format(Locale.ROOT, ", validation RMSE %.4f", valRmse);
                if (valRmse < bestRmse) {
                    bestRmse = valRmse;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (t.patience > 0) {
                        best = new float[][] {bu.clone(), bi.clone(), eff, q.clone()};
                    }
                } else if (t.patience > 0 && ++sinceBest >= t.patience) {
                    stop = true;
                }
            }
            message += String.format(Locale.ROOT, ", %d ms", (System.nanoTime() - start) / 1_000_000);
            progress.progress("epoch", epoch, t.epochs, message);
            if (stop || (stopping != null && stopping.offer(epoch, new MatrixFactorizationRecommender(train, t.name(),
                    f, mean, minRating, maxRating, bu.clone(), bi.clone(), effectiveUserFactors(), q.clone(), epoch,
                    t.biasRegularization, t.factorRegularization)))) {
                break;
            }
        }
        checkParameters(guard, epoch);
        if (stopping != null) {
            return (MatrixFactorizationRecommender) stopping.best();
        }
        if (best != null && bestEpoch < epoch) {
            return new MatrixFactorizationRecommender(train, t.name(), f, mean, minRating, maxRating,
                    best[0], best[1], best[2], best[3], bestEpoch, t.biasRegularization, t.factorRegularization);
        }
        return new MatrixFactorizationRecommender(train, t.name(), f, mean, minRating, maxRating,
                bu, bi, effectiveUserFactors(), q, epoch, t.biasRegularization, t.factorRegularization);
    }

    /**
     * Checks the parameters after the last epoch. Earlier epochs need no pass over them: every epoch's
     * error reads the bias and factors of every rated user and item (and, for SVD++, every y_j), so a
     * parameter that went NaN or infinite in epoch e makes the RMSE of epoch e + 1 non-finite, which
     * {@link DivergenceGuard#checkLoss} catches; parameters of users and items without ratings never move.
     */
    private void checkParameters(DivergenceGuard guard, int epoch) {
        guard.checkFinite(epoch, "user biases", bu);
        guard.checkFinite(epoch, "item biases", bi);
        guard.checkFinite(epoch, "user factors", p);
        guard.checkFinite(epoch, "item factors", q);
        if (y != null) {
            guard.checkFinite(epoch, "implicit item factors", y);
        }
    }

    private int maxRow() {
        int max = 0;
        for (int u = 0; u < users; u++) {
            max = Math.max(max, pointers[u + 1] - pointers[u]);
        }
        return max;
    }

    /** One epoch of biased MF over all ratings in a seeded random order; returns the SSE. */
    private double biasedEpoch(int[] order, float lr) {
        final int n = cols.length;
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        FactorModels.shuffle(order, n, random);
        final int f = this.f;
        final float[] p = this.p;
        final float[] q = this.q;
        final float[] bu = this.bu;
        final float[] bi = this.bi;
        final float regB = t.biasRegularization;
        final float regF = t.factorRegularization;
        final float mu = mean;
        double sse = 0;
        for (int s = 0; s < n; s++) {
            int k = order[s];
            int u = rowOf[k];
            int i = cols[k];
            int pu = u * f;
            int qi = i * f;
            float dot = 0;
            for (int x = 0; x < f; x++) {
                dot += p[pu + x] * q[qi + x];
            }
            float err = vals[k] - (mu + bu[u] + bi[i] + dot);
            sse += err * err;
            bu[u] += lr * (err - regB * bu[u]);
            bi[i] += lr * (err - regB * bi[i]);
            for (int x = 0; x < f; x++) {
                float pv = p[pu + x];
                float qv = q[qi + x];
                p[pu + x] = pv + lr * (err * qv - regF * pv);
                q[qi + x] = qv + lr * (err * pv - regF * qv);
            }
        }
        return sse;
    }

    /** One SVD++ epoch: users in random order, each user's ratings in random order; returns the SSE. */
    private double svdppEpoch(int[] order, int[] local, float[] acc, float[] z, float lr) {
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        FactorModels.shuffle(order, users, random);
        final int f = this.f;
        final float[] p = this.p;
        final float[] q = this.q;
        final float[] y = this.y;
        final float[] bu = this.bu;
        final float[] bi = this.bi;
        final float regB = t.biasRegularization;
        final float regF = t.factorRegularization;
        final float mu = mean;
        double sse = 0;
        for (int s = 0; s < users; s++) {
            int u = order[s];
            int start = pointers[u];
            int size = pointers[u + 1] - start;
            if (size == 0) {
                continue;
            }
            float norm = (float) (1 / Math.sqrt(size));
            Arrays.fill(z, 0f);
            Arrays.fill(acc, 0f);
            for (int k = start; k < start + size; k++) {
                int yj = cols[k] * f;
                for (int x = 0; x < f; x++) {
                    z[x] += y[yj + x];
                }
            }
            for (int x = 0; x < f; x++) {
                z[x] *= norm;
            }
            for (int k = 0; k < size; k++) {
                local[k] = start + k;
            }
            FactorModels.shuffle(local, size, random);
            int pu = u * f;
            for (int r = 0; r < size; r++) {
                int k = local[r];
                int i = cols[k];
                int qi = i * f;
                float dot = 0;
                for (int x = 0; x < f; x++) {
                    dot += (p[pu + x] + z[x]) * q[qi + x];
                }
                float err = vals[k] - (mu + bu[u] + bi[i] + dot);
                sse += err * err;
                bu[u] += lr * (err - regB * bu[u]);
                bi[i] += lr * (err - regB * bi[i]);
                for (int x = 0; x < f; x++) {
                    float pv = p[pu + x];
                    float qv = q[qi + x];
                    acc[x] += err * qv;
                    p[pu + x] = pv + lr * (err * qv - regF * pv);
                    q[qi + x] = qv + lr * (err * (pv + z[x]) - regF * qv);
                }
            }
            for (int k = start; k < start + size; k++) {
                int yj = cols[k] * f;
                for (int x = 0; x < f; x++) {
                    float yv = y[yj + x];
                    y[yj + x] = yv + lr * (norm * acc[x] - regF * yv);
                }
            }
        }
        return sse;
    }

    /** p_u, plus |N(u)|^-1/2 Σ y_j for SVD++, as a new array. */
    private float[] effectiveUserFactors() {
        float[] eff = p.clone();
        if (y == null) {
            return eff;
        }
        for (int u = 0; u < users; u++) {
            int start = pointers[u];
            int size = pointers[u + 1] - start;
            if (size == 0) {
                continue;
            }
            float norm = (float) (1 / Math.sqrt(size));
            int pu = u * f;
            for (int k = start; k < start + size; k++) {
                int yj = cols[k] * f;
                for (int x = 0; x < f; x++) {
                    eff[pu + x] += norm * y[yj + x];
                }
            }
        }
        return eff;
    }

    private double validationRmse(float[] eff) {
        double sse = 0;
        for (int k = 0; k < valUser.length; k++) {
            int u = valUser[k];
            int i = valItem[k];
            float r = mean + bu[u] + bi[i] + FactorModels.dot(eff, u * f, q, i * f, f);
            r = Math.min(maxRating, Math.max(minRating, r));
            double e = valRating[k] - r;
            sse += e * e;
        }
        return Math.sqrt(sse / valUser.length);
    }
}
