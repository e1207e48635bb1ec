package io.jrec.similarity;

import io.jrec.core.SparseVector;

/**
 * The one implementation of {@link Similarity}: a measure kind plus optional means (adjusted cosine),
 * shrinkage and significance weighting. The static {@code finish} methods turn accumulated sums into a
 * similarity; both {@link #between} and the all-pairs kernel use them, so the two agree.
 */
final class Measure implements Similarity {

    enum Kind {
        COSINE("cosine"), ADJUSTED_COSINE("adjusted cosine"), PEARSON("pearson"),
        JACCARD("jaccard"), WEIGHTED_JACCARD("weighted jaccard");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static final Measure COSINE = new Measure(Kind.COSINE, null, 0, 0);
    static final Measure PEARSON = new Measure(Kind.PEARSON, null, 0, 0);
    static final Measure JACCARD = new Measure(Kind.JACCARD, null, 0, 0);
    static final Measure WEIGHTED_JACCARD = new Measure(Kind.WEIGHTED_JACCARD, null, 0, 0);

    /** Relative variance below which Pearson treats a side as constant (one-pass sums cannot resolve less). */
    static final double MIN_RELATIVE_VARIANCE = 1e-12;

    final Kind kind;
    private final double[] means;      // ADJUSTED_COSINE only, else null
    final double shrinkage;            // 0 = none
    final int significance;            // 0 = none

    private Measure(Kind kind, double[] means, double shrinkage, int significance) {
        this.kind = kind;
        this.means = means;
        this.shrinkage = shrinkage;
        this.significance = significance;
    }

    static Measure adjustedCosine(double[] means) {
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("adjusted cosine: means[" + i + "] is " + means[i]
                        + "; every mean must be finite (use 0 for an index without entries)");
            }
        }
        return new Measure(Kind.ADJUSTED_COSINE, means.clone(), 0, 0);
    }

    @Override
    public Similarity withShrinkage(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("shrinkage lambda must be finite and >= 0, got " + lambda);
        }
        return new Measure(kind, means, lambda, significance);
    }

    @Override
    public Similarity withSignificanceWeighting(int gamma) {
        if (gamma < 1) {
            throw new IllegalArgumentException("significance weighting gamma must be >= 1, got " + gamma);
        }
        return new Measure(kind, means, shrinkage, gamma);
    }

    @Override
    public boolean centred() {
        return kind == Kind.PEARSON || kind == Kind.ADJUSTED_COSINE;
    }

    @Override
    public boolean supportWeighted() {
        return shrinkage > 0 || significance > 1;
    }

    @Override
    public String name() {
        String name = kind.label;
        if (shrinkage > 0) {
            name += " shrinkage=" + shrinkage;
        }
        if (significance > 0) {
            name += " significance=" + significance;
        }
        return name;
    }

    @Override
    public String toString() {
        return name();
    }

    /** The mean subtracted at {@code index} by adjusted cosine. */
    double mean(int index) {
        return means[index];
    }

    /** How many indices adjusted cosine has means for. */
    int meanCount() {
        return means.length;
    }

    @Override
    public double between(SparseVector a, SparseVector b) {
        double s;
        int n = 0;
        int i = 0, j = 0, na = a.size(), nb = b.size();
        switch (kind) {
            case COSINE -> {
                double dot = 0;
                while (i < na && j < nb) {
                    int x = a.index(i), y = b.index(j);
                    if (x == y) {
                        dot += (double) a.value(i++) * b.value(j++);
                        n++;
                    } else if (x < y) {
                        i++;
                    } else {
                        j++;
                    }
                }
                s = cosine(dot, a.norm(), b.norm());
            }
            case ADJUSTED_COSINE -> {
                double normA = centredNorm(a), normB = centredNorm(b);   // validates the indices first
                double dot = 0;
                while (i < na && j < nb) {
                    int x = a.index(i), y = b.index(j);
                    if (x == y) {
                        double m = means[x];
                        dot += (a.value(i++) - m) * (b.value(j++) - m);
                        n++;
                    } else if (x < y) {
                        i++;
                    } else {
                        j++;
                    }
                }
                s = cosine(dot, normA, normB);
            }
            case PEARSON -> {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                while (i < na && j < nb) {
                    int x = a.index(i), y = b.index(j);
                    if (x == y) {
                        double va = a.value(i++), vb = b.value(j++);
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                        n++;
                    } else if (x < y) {
                        i++;
                    } else {
                        j++;
                    }
                }
                s = pearson(n, sa, sb, saa, sbb, sab);
            }
            case JACCARD -> {
                while (i < na && j < nb) {
                    int x = a.index(i), y = b.index(j);
                    if (x == y) {
                        n++;
                        i++;
                        j++;
                    } else if (x < y) {
                        i++;
                    } else {
                        j++;
                    }
                }
                s = jaccard(n, na, nb);
            }
            case WEIGHTED_JACCARD -> {
                double sumMin = 0;
                while (i < na && j < nb) {
                    int x = a.index(i), y = b.index(j);
                    if (x == y) {
                        sumMin += Math.min(a.value(i++), b.value(j++));
                        n++;
                    } else if (x < y) {
                        i++;
                    } else {
                        j++;
                    }
                }
                s = weightedJaccard(sumMin, nonNegativeSum(a), nonNegativeSum(b));
            }
            default -> throw new AssertionError(kind);
        }
        return damp(s, n);
    }

    private double centredNorm(SparseVector v) {
        int size = v.size();
        if (size > 0 && v.index(size - 1) >= means.length) {
            throw new IllegalArgumentException("adjusted cosine has " + means.length
                    + " means but the vector has index " + v.index(size - 1));
        }
        double sum = 0;
        for (int k = 0; k < size; k++) {
            double c = v.value(k) - means[v.index(k)];
            sum += c * c;
        }
        return Math.sqrt(sum);
    }

    private static double nonNegativeSum(SparseVector v) {
        double sum = 0;
        for (int k = 0; k < v.size(); k++) {
            float x = v.value(k);
            if (x < 0) {
                throw new IllegalArgumentException("weighted jaccard needs non-negative values, found "
                        + x + " at index " + v.index(k));
            }
            sum += x;
        }
        return sum;
    }

    /** Applies shrinkage and significance weighting for {@code n} co-rated entries. */
    double damp(double s, int n) {
        if (shrinkage > 0) {
            s *= n / (n + shrinkage);
        }
        if (significance > 0) {
            s *= Math.min(n, significance) / (double) significance;
        }
        return s;
    }

    static double cosine(double dot, double normA, double normB) {
        if (normA == 0 || normB == 0) {
            return 0;
        }
        return clamp(dot / (normA * normB), -1);
    }

    /** Cosine from the dot product and the inverse norms (0 for a zero vector). */
    static double scaledCosine(double dot, double inverseNormA, double inverseNormB) {
        return clamp(dot * inverseNormA * inverseNormB, -1);
    }

    static double pearson(int n, double sa, double sb, double saa, double sbb, double sab) {
        if (n == 0) {
            return 0;
        }
        // n times the co-variance and the variances: one division and one square root per pair (the
        // kernel's finishing of ~10^6 pairs is bound by them), the n's cancelling
        double varA = n * saa - sa * sa;
        double varB = n * sbb - sb * sb;
        if (varA <= MIN_RELATIVE_VARIANCE * n * saa || varB <= MIN_RELATIVE_VARIANCE * n * sbb) {
            return 0;
        }
        return clamp((n * sab - sa * sb) / Math.sqrt(varA * varB), -1);
    }

    static double jaccard(int n, int sizeA, int sizeB) {
        int union = sizeA + sizeB - n;
        return union == 0 ? 0 : (double) n / union;
    }

    static double weightedJaccard(double sumMin, double sumA, double sumB) {
        double sumMax = sumA + sumB - sumMin;   // max(x, y) = x + y - min(x, y), absent = 0
        return sumMax <= 0 ? 0 : clamp(sumMin / sumMax, 0);
    }

    /** Clamps rounding overshoot into {@code [low, 1]}. */
    private static double clamp(double s, double low) {
        return s > 1 ? 1 : (s < low ? low : s);
    }
}
