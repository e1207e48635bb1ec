package io.jrec.models;

import io.jrec.core.Algorithm;

class BaselineContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return BaselinePredictor.builder().lambdaItem(0.5).lambdaUser(0.5).build();
    }
}
