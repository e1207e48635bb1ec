package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.tune.SearchSpace;
import io.jrec.core.tune.Settings;
import io.jrec.models.hybrid.HybridRecommender;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blends {@link ModelSelection} tries: a z-score {@link HybridRecommender} of tuned families, the
 * first member with weight 1 and member m (from 2) with weight {@code w<m>}, searched log-uniformly in
 * [0.05, 20]. Stateless.
 */
final class Blends {
    private Blends() {
    }

    /** The blend of {@code members} with the weights {@code w2, w3, ...} of {@code weights}. */
    static Algorithm blend(List<Algorithm> members, Settings weights) {
        HybridRecommender.Builder b = HybridRecommender.builder().normalization(HybridRecommender.Normalization.Z_SCORE);
        for (int m = 0; m < members.size(); m++) {
            b.add(members.get(m), m == 0 ? 1 : weights.getDouble("w" + (m + 1)));
        }
        return b.build();
    }

    /** The weights {@code w2 .. w<members>}, each log-uniform in [0.05, 20]. */
    static SearchSpace weightSpace(int members) {
        SearchSpace.Builder space = SearchSpace.builder();
        for (int m = 1; m < members; m++) {
            space.logRange("w" + (m + 1), 0.05, 20);
        }
        return space.build();
    }

    /** Every weight 1: the first trial. */
    static Settings equalWeights(int members) {
        Settings equal = Settings.empty();
        for (int m = 1; m < members; m++) {
            equal = equal.with("w" + (m + 1), "1");
        }
        return equal;
    }

    /** Each member wrapped so that it is fitted once per validation split, not once per weight. */
    static List<Algorithm> fitOnce(List<Algorithm> members) {
        List<Algorithm> once = new ArrayList<>();
        for (Algorithm m : members) {
            once.add(new FitOnce(m));
        }
        return once;
    }

    /** Fits its algorithm once per training matrix (by identity) and hands out the same model afterwards. */
    private static final class FitOnce implements Algorithm {
        private final Algorithm algorithm;
        private final Map<RatingMatrix, Recommender> fitted = new IdentityHashMap<>();

        FitOnce(Algorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public synchronized Recommender fit(RatingMatrix train, ProgressListener progress) {
            return fitted.computeIfAbsent(train, t -> algorithm.fit(t, ProgressListener.NONE));
        }

        @Override
        public String name() {
            return algorithm.name();
        }
    }
}
