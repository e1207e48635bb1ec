package io.jrec.models;

import io.jrec.core.Algorithm;

class MatrixFactorizationContractTest extends RecommenderContract {
    @Override
    protected Algorithm algorithm() {
        return MatrixFactorizationRecommender.builder().factors(4).epochs(200).learningRate(0.02).build();
    }
}
