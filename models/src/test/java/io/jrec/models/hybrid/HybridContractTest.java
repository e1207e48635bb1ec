package io.jrec.models.hybrid;

import io.jrec.core.Algorithm;
import io.jrec.models.RecommenderContract;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedContractTest;
import io.jrec.models.content.ContentBasedRecommender;

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
