package io.jrec.models.factor;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;

class MatrixFactorizationContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return MatrixFactorizationRecommender.builder().factors(4).epochs(200).learningRate(0.02).build();
    }
}
