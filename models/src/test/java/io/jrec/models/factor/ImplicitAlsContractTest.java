package io.jrec.models.factor;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class ImplicitAlsContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return ImplicitAlsRecommender.builder().factors(2).regularization(0.1).threads(2).build();
    }
}
