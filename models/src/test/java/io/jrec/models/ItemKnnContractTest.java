package io.jrec.models;

import io.jrec.core.Algorithm;

class ItemKnnContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return ItemKnnRecommender.builder().neighbors(3).build();
    }
}
