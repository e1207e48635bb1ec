package io.jrec.models;

import io.jrec.core.Algorithm;

class HybridContractTest extends RecommenderContract {

    @Override
    protected Algorithm algorithm() {
        Algorithm content = ContentBasedRecommender.builder()
                .features(ContentBasedContractTest.checkerboardFeatures()).build();
        Algorithm popularity = PopularityRecommender.builder().build();
        return HybridRecommender.builder().add(content, 0.5).add(popularity, 0.5).candidatesPerModel(5)
                .switching(2, content, popularity).build();
    }
}
