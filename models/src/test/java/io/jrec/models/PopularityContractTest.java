package io.jrec.models;

import io.jrec.core.Algorithm;

class PopularityContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return PopularityRecommender.builder().build();
    }
}
