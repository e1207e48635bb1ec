package io.jrec.benchmarks;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.io.MovieLens;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.similarity.Similarity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Hybrid {@code topN(user, 10)} on MovieLens 100K (u.data): item-KNN (cosine, k = 50) 0.6 + popularity
 * 0.3 + content-based on genres 0.1, z-score normalisation over each member's top 100. Single thread,
 * users in turn, sample mode (the report has the median). Data directory: system property
 * {@code jrec.ml100k} (default {@code ../shared/data/ml-100k}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class HybridBenchmark {
    private Recommender model;
    private long[] users;
    private int nextUser;

    /** Loads ML-100K and fits the hybrid (all three members) once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        try {
            RatingMatrix train = MovieLens.ratings(dir.resolve("u.data"));
            ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));
            model = HybridRecommender.builder()
                    .add(ItemKnnRecommender.builder().similarity(Similarity.cosine()).neighbors(50).build(), 0.6)
                    .add(PopularityRecommender.builder().build(), 0.3)
                    .add(ContentBasedRecommender.builder().features(genres).build(), 0.1)
                    .build().fit(train);
            users = train.users().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens 100K from " + dir.toAbsolutePath(), e);
        }
    }

    /** One blended top-10 query; users in turn. */
    @Benchmark
    public Recommendations topN10() {
        long user = users[nextUser];
        nextUser = nextUser + 1 == users.length ? 0 : nextUser + 1;
        return model.topN(user, 10);
    }
}
