package io.jrec.models.linear;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class SparseEaseContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return SparseEaseRecommender.builder().lambda(2).neighbors(3).support(5).build();
    }
}
