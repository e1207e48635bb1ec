package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The fit of {@link HybridRecommender.Config}: every distinct member and chain algorithm fitted once, and
 * the blend's label. Stateless.
 */
final class HybridFit {
    private HybridFit() {
    }

    static HybridRecommender fit(List<Algorithm> members, double[] weights, List<Algorithm> chain,
                                 HybridRecommender.Settings settings, RatingMatrix train, ProgressListener progress) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(progress, "progress");
        Map<Algorithm, Recommender> fitted = new IdentityHashMap<>();
        List<Algorithm> all = new ArrayList<>(members);
        all.addAll(chain);
        Map<Algorithm, Boolean> distinct = new IdentityHashMap<>();
        for (Algorithm a : all) {
            distinct.put(a, Boolean.TRUE);
        }
        int total = distinct.size();
        for (Algorithm a : all) {
            if (!fitted.containsKey(a)) {
                String name = a.name();
                progress.progress("Hybrid", fitted.size(), total, "fitting " + name);
                fitted.put(a, a.fit(train, (stage, done, tot, msg) ->
                        progress.progress(name + ": " + stage, done, tot, msg)));
                progress.progress("Hybrid", fitted.size(), total, "fitted " + name);
            }
        }
        Recommender[] memberModels = new Recommender[members.size()];
        StringBuilder label = new StringBuilder("Hybrid(").append(settings.normalization);
        if (settings.newItems == HybridRecommender.NewItems.BY_LISTING_MEMBERS) {
            label.append(", new items by listing members");
        }
        label.append(": ");
        for (int m = 0; m < memberModels.length; m++) {
            memberModels[m] = fitted.get(members.get(m));
            label.append(m == 0 ? "" : " + ").append(members.get(m).name()).append('*')
                    .append(String.format(Locale.ROOT, "%.3g", weights[m]));
        }
        label.append(')');
        Recommender[] chainModels = new Recommender[chain.size()];
        String[] chainNames = new String[chain.size()];
        for (int c = 0; c < chainModels.length; c++) {
            chainModels[c] = fitted.get(chain.get(c));
            chainNames[c] = chain.get(c).name();
        }
        return new HybridRecommender(train, memberModels, weights.clone(), label.toString(), chainModels,
                chainNames, settings);
    }
}
