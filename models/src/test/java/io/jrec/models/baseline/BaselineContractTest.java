package io.jrec.models.baseline;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class BaselineContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return BaselinePredictor.builder().lambdaItem(0.5).lambdaUser(0.5).build();
    }
}
