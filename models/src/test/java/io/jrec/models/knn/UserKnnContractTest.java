package io.jrec.models.knn;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class UserKnnContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return UserKnnRecommender.builder().neighbors(3).build();
    }
}
