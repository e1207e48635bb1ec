package io.jrec.core;

import java.util.Objects;

/**
 * The shared base of jrec's recommenders: it translates external ids, excludes seen items, applies
 * {@link ItemFilter}s, selects the top N with {@link TopN}, and serves unknown users (and users
 * without training interactions) from training popularity. A model implements one scoring hook,
 * {@link #scoreItems(int, float[])}, and optionally {@link #predictIndex(int, int)} and
 * {@link #scoreUnknownUser}.
 *
 * <p>Subclasses must be immutable after construction; the base keeps per-thread scratch arrays only,
 * so instances are safe to share between threads.
 *
 * @since 0.1.0
 */
public abstract class AbstractRecommender implements Recommender {
    /** The training data: ids, and the items each user already has. */
    protected final RatingMatrix train;
    private final String name;
    private final float[] popularity;
    private final ThreadLocal<float[]> scratch;
    private final ThreadLocal<CandidateScores> candidates;

    /**
     * @param train the matrix the model was fitted on
     * @param name  the label put in {@link Recommendations#source()}
     */
    protected AbstractRecommender(RatingMatrix train, String name) {
        this.train = Objects.requireNonNull(train, "train");
        this.name = Objects.requireNonNull(name, "name");
        this.popularity = new float[train.itemCount()];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = train.itemRatingCount(i);
        }
        int items = train.itemCount();
        this.scratch = ThreadLocal.withInitial(() -> new float[items]);
        this.candidates = ThreadLocal.withInitial(() -> new CandidateScores(items));
    }

    /** The label of this model. */
    public final String name() {
        return name;
    }

    /** The training data this model was fitted on. */
    public final RatingMatrix trainingData() {
        return train;
    }

    /**
     * Writes a score for every item index into {@code scores} (length {@code itemCount()}): higher is
     * better, {@code NaN} means "not a candidate". Every entry must be written. Called concurrently
     * from many threads, each with its own array.
     */
    protected abstract void scoreItems(int user, float[] scores);

    /**
     * The number of additions {@link #scoreCandidates} would make for {@code user}, or -1 (the default)
     * when this model has no sparse scoring path. {@link #topN} scores sparsely when this is
     * non-negative and at most {@code itemCount()} (the dense path then costs more: it reads and writes
     * every item), else through {@link #scoreItems}.
     */
    protected long candidateWork(int user) {
        return -1;
    }

    /**
     * The sparse scoring path: adds the user's scores into {@code scores} (all 0 on entry) for the items
     * the user's history reaches. The items it never touches, and the items whose score sums to exactly
     * 0, are not candidates. A model that implements it must make {@link #scoreItems} give the same
     * scores, with {@code NaN} for those non-candidates, so that both paths select the same list.
     */
    protected void scoreCandidates(int user, CandidateScores scores) {
        throw new UnsupportedOperationException(name + " has no sparse scoring path");
    }

    /** The estimate for (user index, item index), or {@code NaN}; the default cannot predict. */
    protected double predictIndex(int user, int item) {
        return Double.NaN;
    }

    /**
     * Scores items for a user not in the training data (or in it without any interaction); returns the
     * source label, or {@code null}
     * when this model cannot, in which case the base falls back to training popularity.
     */
    protected String scoreUnknownUser(long userId, float[] scores) {
        return null;
    }

    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        requireN(n);
        Objects.requireNonNull(filter, "filter");
        float[] scores = scratch.get();
        int u = train.users().indexOf(userId);
        if (u >= 0 && train.userRatingCount(u) > 0) {
            long work = candidateWork(u);
            if (work >= 0 && work <= scores.length) {
                CandidateScores sparse = candidates.get();
                try {
                    scoreCandidates(u, sparse);
                    return selectCandidates(sparse, n, filter, filter.excludesSeen() ? train.userRow(u) : null, name);
                } finally {
                    sparse.clear();
                }
            }
            scoreItems(u, scores);
            return select(scores, n, filter, filter.excludesSeen() ? train.userRow(u) : null, name);
        }
        // Unknown users, and known users without training interactions (e.g. all their ratings went
        // to a test fold), have no history to score from.
        String source = scoreUnknownUser(userId, scores);
        if (source == null) {
            popularityScores(scores);
            source = "Popularity (unknown user)";
        }
        return select(scores, n, filter, null, source);
    }

    @Override
    public double predict(long userId, long itemId) {
        int u = train.users().indexOf(userId);
        int i = train.items().indexOf(itemId);
        return u < 0 || i < 0 ? Double.NaN : predictIndex(u, i);
    }

    /**
     * Fills {@code scores} (at least {@code itemCount()} long) with the training popularity, each item's
     * interaction count: the fallback for a user the model cannot score.
     */
    protected final void popularityScores(float[] scores) {
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
    }

    /** A scratch array of {@code itemCount()} floats owned by the calling thread. */
    protected final float[] scratchScores() {
        return scratch.get();
    }

    /**
     * Selects the best {@code n} of {@code scores} (which it may overwrite) that are not in
     * {@code exclude} (may be null) and pass {@code filter}.
     */
    protected final Recommendations select(float[] scores, int n, ItemFilter filter, SparseVector exclude,
                                           String source) {
        if (exclude != null) {
            for (int k = 0, size = exclude.size(); k < size; k++) {
                scores[exclude.index(k)] = Float.NaN;
            }
        }
        IdIndex items = train.items();
        TopN top = new TopN(Math.min(n, scores.length));
        if (filter.hasAllowList()) {
            for (int k = 0, m = filter.allowedCount(); k < m; k++) {
                long id = filter.allowedId(k);
                int i = items.indexOf(id);
                if (i >= 0 && top.wouldAccept(i, scores[i]) && filter.accepts(id)) {
                    top.offer(i, scores[i]);
                }
            }
        } else if (filter.hasRules()) {
            for (int i = 0; i < scores.length; i++) {
                if (top.wouldAccept(i, scores[i]) && filter.accepts(items.idAt(i))) {
                    top.offer(i, scores[i]);
                }
            }
        } else {
            top.offerAll(scores);
        }
        return top.drain(items, source);
    }

    /**
     * Selects like {@link #select} among the items touched in {@code scores} only (a score of exactly 0
     * is not a candidate), in time proportional to the touched items (or to the allow list). The result
     * equals {@link #select} on the dense array holding these scores and {@code NaN} elsewhere. Leaves
     * the excluded entries of {@code scores} as {@code NaN}: call {@link CandidateScores#clear()} after.
     */
    protected final Recommendations selectCandidates(CandidateScores scores, int n, ItemFilter filter,
                                                     SparseVector exclude, String source) {
        if (exclude != null) {
            for (int k = 0, size = exclude.size(); k < size; k++) {
                scores.exclude(exclude.index(k));
            }
        }
        IdIndex items = train.items();
        TopN top = new TopN(Math.min(n, items.size()));
        if (filter.hasAllowList()) {
            for (int k = 0, m = filter.allowedCount(); k < m; k++) {
                long id = filter.allowedId(k);
                int i = items.indexOf(id);
                if (i >= 0) {
                    float s = scores.score(i);
                    if (s != 0f && top.wouldAccept(i, s) && filter.accepts(id)) {
                        top.offer(i, s);
                    }
                }
            }
        } else {
            boolean rules = filter.hasRules();
            for (int k = 0, m = scores.size(); k < m; k++) {
                int i = scores.item(k);
                float s = scores.score(i);
                if (s != 0f && top.wouldAccept(i, s) && (!rules || filter.accepts(items.idAt(i)))) {
                    top.offer(i, s);
                }
            }
        }
        return top.drain(items, source);
    }

    /**
     * @throws IllegalArgumentException if {@code n < 0}
     */
    protected static void requireN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    @Override
    public String toString() {
        return name + "[" + train + "]";
    }
}
