package io.jrec.benchmarks;

import io.jrec.core.ItemFeatures;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.io.MovieLens;
import io.jrec.models.content.ContentBasedRecommender;
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
 * Content-based {@code topN(user, 10)} on MovieLens 100K (u.data, 19 genre features from u.item),
 * single thread, cycling through all 943 users; also {@code similarItems(item, 10)}. Sample mode, so
 * the report has the median (p0.50). Data directory: system property {@code jrec.ml100k} (default
 * {@code ../shared/data/ml-100k}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ContentBenchmark -Djrec.ml100k=/path/to/ml-100k
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ContentBenchmark {
    private ContentBasedRecommender model;
    private long[] users;
    private long[] items;
    private int nextUser;
    private int nextItem;

    /** Loads ML-100K and fits the model once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        try {
            RatingMatrix train = MovieLens.ratings(dir.resolve("u.data"));
            ItemFeatures genres = MovieLens.genres(dir.resolve("u.item"));
            model = ContentBasedRecommender.builder().features(genres).build().fit(train);
            users = train.users().toArray();
            items = train.items().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MovieLens 100K from " + dir.toAbsolutePath(), e);
        }
    }

    /** One personalised top-10 query; users in turn. */
    @Benchmark
    public Recommendations topN10() {
        long user = users[nextUser];
        nextUser = nextUser + 1 == users.length ? 0 : nextUser + 1;
        return model.topN(user, 10);
    }

    /** One "similar products" query; items in turn. */
    @Benchmark
    public Recommendations similarItems10() {
        long item = items[nextItem];
        nextItem = nextItem + 1 == items.length ? 0 : nextItem + 1;
        return model.similarItems(item, 10);
    }
}
