package io.jrec.models.select;

import io.jrec.core.Algorithm;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.eval.EvaluationReport;
import io.jrec.core.eval.Evaluator;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import io.jrec.core.io.MovieLens;
import io.jrec.core.tune.Objective;
import io.jrec.core.tune.Validation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model-selection figures of the README (section "Model selection"), on MovieLens 100K. Tuning sees
 * only each fold's {@code .base} file (validation {@code user:0.2} carved out of it); the {@code .test}
 * file is used once, afterwards, to score the returned model. A measurement, not a unit test: it runs
 * only with {@code -Djrec.measure=true} and the data present:
 *
 * <pre>
 * mvn -B -ntp -pl models -am verify -Djrec.measure=true -Dtest=ModelSelectionMeasure \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Djrec.tune.budget=300] [-Djrec.tune.trials=20] \
 *     [-Djrec.tune.threads=2] [-Djrec.tune.validation=user:0.2] [-Djrec.tune.folds=u1,u2,u3,u4,u5] \
 *     [-Djrec.tune.topn=ease,als,itemknn,userknn,auto] [-Djrec.tune.rating=auto]
 * </pre>
 *
 * Each search prints its table; the summary lines start with {@code RESULT} and give the search's wall
 * time and the CPU time of the whole JVM during it (on a shared machine the wall time depends on the
 * load; CPU seconds / 2 is about the wall time on an idle 2-core machine).
 */
class ModelSelectionMeasure {
    private static final int BUDGET = Integer.getInteger("jrec.tune.budget", 300);
    private static final int TRIALS = Integer.getInteger("jrec.tune.trials", 20);
    private static final int THREADS = Integer.getInteger("jrec.tune.threads", 2);
    private static final String VALIDATION = System.getProperty("jrec.tune.validation", "user:0.2");

    private static Path dir() {
        Path dir = Path.of(System.getProperty("jrec.ml100k", "../shared/data/ml-100k"));
        Assumptions.assumeTrue(Boolean.getBoolean("jrec.measure"), "measurement: run with -Djrec.measure=true");
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieLens 100K not found at " + dir + "; skipping");
        return dir;
    }

    private static ModelSelection.Builder selection(String metric) {
        return ModelSelection.builder().objective(Objective.parse(metric)).validation(Validation.parse(VALIDATION, 42))
                .timeBudget(Duration.ofSeconds(BUDGET)).trialsPerFamily(TRIALS).threads(THREADS).seed(42);
    }

    /** CPU seconds used by this JVM so far (all threads). */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The test-set score of an already fitted model. */
    private static double score(Recommender model, Split split, String metric) {
        Algorithm fitted = new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix train, ProgressListener progress) {
                return model;
            }

            @Override
            public String name() {
                return "tuned";
            }
        };
        Evaluator evaluator = Evaluator.builder().metrics(Objective.parse(metric).metric())
                .relevance(Relevance.atLeast(4)).fillUnpredictable(true).threads(THREADS).build();
        EvaluationReport r = evaluator.evaluate(fitted, List.of(split));
        return r.value("tuned", Objective.parse(metric).metric().name(), split.name());
    }

    @Test
    void topNOnU1() throws IOException {
        Path dir = dir();
        Split u1 = Splits.given("u1", MovieLens.ratings(dir.resolve("u1.base")), MovieLens.ratings(dir.resolve("u1.test")));
        List<String> lines = new ArrayList<>();
        for (String family : System.getProperty("jrec.tune.topn", "ease,als,itemknn,userknn,auto").split(",")) {
            long start = System.nanoTime();
            double cpu = cpuSeconds();
            Selection s = selection("ndcg@10").build().run(family, u1.train());
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = cpuSeconds() - cpu;
            s.print(System.out);
            if (!family.equals("auto")) {
                s.tunings().get(family).print(System.out);
            }
            String line = String.format(Locale.ROOT, "RESULT top-N u1 %s: test NDCG@10 %.4f (validation %.4f) with %s"
                            + " [%s]; search %.0f s + refit %.1f s, wall %.0f s, CPU %.0f s, %d threads, budget %d s,"
                            + " %d trials/family, validation %s",
                    family, score(s.model(), u1, "ndcg@10"), s.winner().score(), s.winner().name(), s.winner().settings(),
                    s.searchSeconds(), s.refitSeconds(), seconds, cpu, THREADS, BUDGET, TRIALS, VALIDATION);
            System.out.println(line);
            lines.add(line);
        }
        lines.forEach(System.out::println);
    }

    @Test
    void ratingAutoOnFiveFolds() throws IOException {
        Path dir = dir();
        List<String> lines = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (String fold : System.getProperty("jrec.tune.folds", "u1,u2,u3,u4,u5").split(",")) {
            Split split = Splits.given(fold, MovieLens.ratings(dir.resolve(fold + ".base")),
                    MovieLens.ratings(dir.resolve(fold + ".test")));
            long start = System.nanoTime();
            double cpu = cpuSeconds();
            Selection s = selection("rmse").build().run(System.getProperty("jrec.tune.rating", "auto"), split.train());
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = cpuSeconds() - cpu;
            s.print(System.out);
            double rmse = score(s.model(), split, "rmse");
            sum += rmse;
            n++;
            String line = String.format(Locale.ROOT, "RESULT rating %s: test RMSE %.4f (validation %.4f) with %s [%s];"
                            + " search %.0f s + refit %.1f s, wall %.0f s, CPU %.0f s, %d threads, budget %d s,"
                            + " %d trials/family, validation %s", fold, rmse, s.winner().score(),
                    s.winner().name(), s.winner().settings(), s.searchSeconds(), s.refitSeconds(), seconds, cpu, THREADS,
                    BUDGET, TRIALS, VALIDATION);
            System.out.println(line);
            lines.add(line);
        }
        lines.add(String.format(Locale.ROOT, "RESULT rating mean test RMSE over %d folds: %.4f", n, sum / n));
        lines.forEach(System.out::println);
    }
}
