package io.jrec.models.linear;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class EaseContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return EaseRecommender.builder().lambda(1).build();
    }
}
