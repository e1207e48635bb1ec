package io.jrec.models.factor;

import io.jrec.core.DivergenceGuard;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;
import io.jrec.core.tune.EarlyStopping;
import io.jrec.models.internal.MemoryGuard;
import io.jrec.models.internal.Workers;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One {@link ImplicitAlsRecommender} fit: the alternating solves, the loss, the divergence guard and early
 * stopping; discarded afterwards. Not thread-safe (it runs its own workers).
 */
final class ImplicitAlsFit {
    private final String name;
    private final int factors;
    private final double alpha;
    private final double lambda;
    private final int iterations;
    private final long seed;
    private final double initStd;
    private final boolean binary;
    private final int cgSteps;   // 0: exact Cholesky solves
    private final int threads;
    private final long memoryBudget;
    private final RatingMatrix train;
    private final EarlyStopping stopping;   // null: no early stopping on an evaluator metric
    private final ProgressListener progress;

    ImplicitAlsFit(ImplicitAlsRecommender.Trainer t, RatingMatrix train, EarlyStopping stopping,
                   ProgressListener progress) {
        this.name = t.name();
        this.factors = t.factors;
        this.alpha = t.alpha;
        this.lambda = t.lambda;
        this.iterations = t.iterations;
        this.seed = t.seed;
        this.initStd = t.initStd;
        this.binary = t.binary;
        this.cgSteps = t.conjugateGradientSteps;
        this.threads = t.threads;
        this.memoryBudget = t.memoryBudget;
        this.train = train;
        this.stopping = stopping;
        this.progress = progress;
    }

    /**
     * Runs the fit.
     *
     * @throws IllegalArgumentException               for a negative value while not binary, or a plan over
     *                                                the memory budget
     * @throws io.jrec.core.TrainingDivergedException if training diverged
     */
    ImplicitAlsRecommender run() {
        SparseMatrix byUser = train.byUser();
        SparseMatrix byItem = train.byItem();
        if (!binary) {
            for (int k = 0; k < byUser.size(); k++) {
                if (byUser.value(k) < 0) {
                    throw new IllegalArgumentException("implicit ALS needs values >= 0 as confidence, found "
                            + byUser.value(k) + "; use binary(true) or shift the values");
                }
            }
        }
        FactorModels.requireArraySize("user factors", train.userCount(), factors);
        FactorModels.requireArraySize("item factors", train.itemCount(), factors);
        MemoryGuard.check(MemoryGuard.factorBytes(train.userCount(), train.itemCount(), factors, 2), memoryBudget,
                "implicit ALS with " + factors + " factors for " + train.userCount() + " users and "
                        + train.itemCount() + " items (2 copies of 4 bytes x factors x (users + items))",
                "use fewer factors(f), fewer users or items, or raise memoryBudget(bytes)");
        final int f = factors;
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = FactorModels.factorArray("user factors", train.userCount(), f);
        float[] y = FactorModels.factorArray("item factors", train.itemCount(), f);
        FactorModels.gaussian(x, initStd, random);
        FactorModels.gaussian(y, initStd, random);
        long start = System.nanoTime();
        ExecutorService pool = threads > 1 ? Workers.pool("als", threads) : null;
        DivergenceGuard guard = new DivergenceGuard(name, DivergenceGuard.tooHigh("alpha", alpha, 2)
                + (binary ? "" : ", or use binary(true)") + ", or raise regularization (now " + lambda + ")")
                .unit("iteration");
        try {
            for (int it = 1; it <= iterations; it++) {
                solveAll(byUser, y, x, pool, guard, it, "user");
                solveAll(byItem, x, y, pool, guard, it, "item");
                double loss = loss(byUser, x, y);
                guard.checkLoss(it, loss);
                progress.progress("iteration", it, iterations, String.format(Locale.ROOT,
                        "loss %.6g, %d ms", loss, (System.nanoTime() - start) / 1_000_000));
                if (stopping != null
                        && stopping.offer(it, new ImplicitAlsRecommender(train, name, f, x.clone(), y.clone()))) {
                    break;
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (stopping != null) {
            return (ImplicitAlsRecommender) stopping.best();
        }
        return new ImplicitAlsRecommender(train, name, f, x, y);
    }

    /**
     * Solves every row of {@code target} given the fixed {@code other} factors.
     *
     * @throws io.jrec.core.TrainingDivergedException if a row's normal equations are not positive definite
     */
    private void solveAll(SparseMatrix rows, float[] other, float[] target, ExecutorService pool,
                          DivergenceGuard guard, int iteration, String rowKind) {
        double[] gram = gram(other, rows.columnCount());
        int n = rows.rowCount();
        if (pool == null) {
            new Solver(rows, other, target, gram).solve(0, n, guard, iteration, rowKind);
            return;
        }
        int chunks = Math.min(n, threads * 8);
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(pool.submit(() -> new Solver(rows, other, target, gram).solve(from, to, guard, iteration,
                    rowKind)));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException reason) {
                throw reason;   // e.g. TrainingDivergedException: its message says what to change
            }
            throw new IllegalStateException("fitting " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** YᵀY (f x f, row-major, double) over {@code count} rows of {@code y}. */
    private double[] gram(float[] y, int count) {
        final int f = factors;
        double[] g = new double[f * f];
        for (int j = 0; j < count; j++) {
            int off = j * f;
            for (int a = 0; a < f; a++) {
                double ya = y[off + a];
                for (int b = a; b < f; b++) {
                    g[a * f + b] += ya * y[off + b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) {
                g[a * f + b] = g[b * f + a];
            }
        }
        return g;
    }

    /** Σ_u [x_uᵀ YᵀY x_u + Σ_{i∈N(u)} (c_ui (1 - s)² - s²)] + λ(|X|² + |Y|²), s = x_u·y_i. */
    private double loss(SparseMatrix byUser, float[] x, float[] y) {
        final int f = factors;
        double[] g = gram(y, byUser.columnCount());
        double loss = 0;
        for (int u = 0; u < byUser.rowCount(); u++) {
            int off = u * f;
            for (int a = 0; a < f; a++) {
                double row = 0;
                for (int b = 0; b < f; b++) {
                    row += g[a * f + b] * x[off + b];
                }
                loss += x[off + a] * row;
            }
            for (int k = byUser.rowStart(u); k < byUser.rowEnd(u); k++) {
                double s = FactorModels.dot(x, off, y, byUser.column(k) * f, f);
                double c = 1 + alpha * (binary ? 1 : byUser.value(k));
                loss += c * (1 - s) * (1 - s) - s * s;
            }
        }
        double norms = 0;
        for (float v : x) {
            norms += v * v;
        }
        for (float v : y) {
            norms += v * v;
        }
        return loss + lambda * norms;
    }

    /** The scratch of one worker: the normal equations of one row at a time. */
    private final class Solver {
        private final SparseMatrix rows;
        private final float[] other;
        private final float[] target;
        private final double[] gram;
        private final DMatrixRMaj a;
        private final DMatrixRMaj rhs;
        private final DMatrixRMaj solution;
        private final LinearSolverDense<DMatrixRMaj> cholesky;
        private final double[] x;           // conjugate gradient: the row's factors, in double
        private final double[] residual;
        private final double[] direction;
        private final double[] product;     // A times the direction
        private float[] gathered = new float[0];     // the row's vectors y, contiguous
        private double[] weights = new double[0];    // the row's c - 1

        Solver(SparseMatrix rows, float[] other, float[] target, double[] gram) {
            this.rows = rows;
            this.other = other;
            this.target = target;
            this.gram = gram;
            this.a = new DMatrixRMaj(factors, factors);
            this.rhs = new DMatrixRMaj(factors, 1);
            this.solution = new DMatrixRMaj(factors, 1);
            this.cholesky = LinearSolverFactory_DDRM.chol(factors);
            this.x = new double[factors];
            this.residual = new double[factors];
            this.direction = new double[factors];
            this.product = new double[factors];
        }

        /** Solves rows {@code [from, to)}; the guard only builds the failure's message. */
        void solve(int from, int to, DivergenceGuard guard, int iteration, String rowKind) {
            if (cgSteps > 0) {
                for (int r = from; r < to; r++) {
                    conjugateGradient(r);
                }
                return;
            }
            final int f = factors;
            final double[] ad = a.data;
            final double[] bd = rhs.data;
            for (int r = from; r < to; r++) {
                System.arraycopy(gram, 0, ad, 0, f * f);
                Arrays.fill(bd, 0);
                for (int d = 0; d < f; d++) {
                    ad[d * f + d] += lambda;
                }
                // A = YᵀY + λI + Σ (c - 1) y yᵀ (upper triangle), b = Σ c y
                for (int k = rows.rowStart(r); k < rows.rowEnd(r); k++) {
                    int off = rows.column(k) * f;
                    double w = alpha * (binary ? 1 : rows.value(k));
                    for (int p = 0; p < f; p++) {
                        double wy = w * other[off + p];
                        bd[p] += (1 + w) * other[off + p];
                        for (int q = p; q < f; q++) {
                            ad[p * f + q] += wy * other[off + q];
                        }
                    }
                }
                for (int p = 0; p < f; p++) {
                    for (int q = 0; q < p; q++) {
                        ad[p * f + q] = ad[q * f + p];
                    }
                }
                if (!cholesky.setA(a)) {
                    throw guard.failure(iteration, "the normal equations of " + rowKind + " row " + r
                            + " are not positive definite");
                }
                cholesky.solve(rhs, solution);
                int out = r * f;
                for (int p = 0; p < f; p++) {
                    target[out + p] = (float) solution.data[p];
                }
            }
        }

        /**
         * {@code cgSteps} conjugate-gradient steps on A x = b for row {@code r}, started from the row's
         * current factors, with A = YᵀY + λI + Σ (c - 1) y yᵀ and b = Σ c y (sums over the row's entries).
         * A is positive definite, so every step lowers the error in the A-norm. The row's vectors y are
         * gathered once into contiguous scratch: the steps then read them sequentially instead of
         * chasing the row's columns through the whole factor array at every step.
         */
        private void conjugateGradient(int r) {
            final int f = factors;
            int start = rows.rowStart(r);
            int n = rows.rowEnd(r) - start;
            if (gathered.length < n * f) {
                gathered = new float[Math.max(n * f, gathered.length * 2)];
                weights = new double[gathered.length / f];
            }
            for (int k = 0; k < n; k++) {
                int off = rows.column(start + k) * f;
                for (int p = 0; p < f; p++) {
                    gathered[k * f + p] = other[off + p];
                }
                weights[k] = alpha * (binary ? 1 : rows.value(start + k));   // c - 1
            }
            int out = r * f;
            for (int p = 0; p < f; p++) {
                x[p] = target[out + p];
            }
            multiply(n, x, residual);
            for (int p = 0; p < f; p++) {
                residual[p] = -residual[p];
            }
            for (int k = 0; k < n; k++) {
                double c = 1 + weights[k];
                for (int p = 0; p < f; p++) {
                    residual[p] += c * gathered[k * f + p];
                }
            }
            System.arraycopy(residual, 0, direction, 0, f);
            double rr = dot(residual, residual);
            for (int step = 0; step < cgSteps && rr > 1e-20; step++) {
                multiply(n, direction, product);
                double a = rr / dot(direction, product);
                for (int p = 0; p < f; p++) {
                    x[p] += a * direction[p];
                    residual[p] -= a * product[p];
                }
                double next = dot(residual, residual);
                double beta = next / rr;
                for (int p = 0; p < f; p++) {
                    direction[p] = residual[p] + beta * direction[p];
                }
                rr = next;
            }
            for (int p = 0; p < f; p++) {
                target[out + p] = (float) x[p];
            }
        }

        /** {@code out = A v} over the {@code n} gathered vectors, without forming A: YᵀY v + λ v + Σ (c - 1)(y·v) y. */
        private void multiply(int n, double[] v, double[] out) {
            final int f = factors;
            for (int p = 0; p < f; p++) {
                double sum = lambda * v[p];
                int row = p * f;
                for (int q = 0; q < f; q++) {
                    sum += gram[row + q] * v[q];
                }
                out[p] = sum;
            }
            for (int k = 0; k < n; k++) {
                int off = k * f;
                double yv = 0;
                for (int p = 0; p < f; p++) {
                    yv += gathered[off + p] * v[p];
                }
                double w = weights[k] * yv;
                for (int p = 0; p < f; p++) {
                    out[p] += w * gathered[off + p];
                }
            }
        }

        private double dot(double[] a, double[] b) {
            double sum = 0;
            for (int p = 0; p < factors; p++) {
                sum += a[p] * b[p];
            }
            return sum;
        }
    }
}
