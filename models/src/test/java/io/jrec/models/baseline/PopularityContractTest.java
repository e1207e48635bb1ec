package io.jrec.models.baseline;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class PopularityContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return PopularityRecommender.builder().build();
    }
}
