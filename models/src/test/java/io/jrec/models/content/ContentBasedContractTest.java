package io.jrec.models.content;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFeatures;
import io.jrec.models.RecommenderContract;

public class ContentBasedContractTest extends RecommenderContract {

    /** Group A items are "kind=a", group B items "kind=b"; both groups share "shape=round" on some items. */
    public static ItemFeatures checkerboardFeatures() {
        ItemFeatures.Builder b = ItemFeatures.builder();
        for (long item : A_ITEMS) {
            b.categorical(item, "kind", "a");
        }
        for (long item : B_ITEMS) {
            b.categorical(item, "kind", "b");
        }
        return b.categorical(101, "shape", "round").categorical(204, "shape", "round").build();
    }

    @Override
    protected Algorithm algorithm() {
        return ContentBasedRecommender.builder().features(checkerboardFeatures()).build();
    }
}
