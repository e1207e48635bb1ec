package io.jrec.models;

import io.jrec.core.Algorithm;

class EaseContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return EaseRecommender.builder().lambda(1).build();
    }
}
