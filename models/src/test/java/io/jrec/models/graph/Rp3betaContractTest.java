package io.jrec.models.graph;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class Rp3betaContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return Rp3betaRecommender.builder().neighbors(5).beta(0.3).build();
    }
}
