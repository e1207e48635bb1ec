package io.jrec.models.knn;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class ItemKnnContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return ItemKnnRecommender.builder().neighbors(3).build();
    }
}
