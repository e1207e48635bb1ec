package io.jrec.models;

import io.jrec.core.Algorithm;

class UserKnnContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return UserKnnRecommender.builder().neighbors(3).build();
    }
}
