package io.jrec.core.tune;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.SparseMatrix;
import io.jrec.core.eval.Metrics;
import io.jrec.core.eval.Relevance;
import io.jrec.core.eval.Split;
import io.jrec.core.eval.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunerTest {
    private static final RatingMatrix DATA = TuneFixtures.flatRatings(60, 40, 15, 7);

    /** RMSE on flat data = |x - 30| / 10 + |y - 0.5|: the optimum is x = 30, y = 0.5. */
    private static Function<Settings, Algorithm> bowl() {
        return s -> {
            double offset = Math.abs(s.getInt("x") - 30) / 10.0 + Math.abs(s.getDouble("y") - 0.5);
            return TuneFixtures.offset(() -> offset, false);
        };
    }

    private static Tuner.Builder rmseTuner() {
        return Tuner.builder().objective(Objective.of(Metrics.rmse())).validation(Validation.perUser(0.2, 1));
    }

    @Test
    void gridFindsTheKnownOptimum() {
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 60).choice("y", 0.1, 0.5, 0.9).build();
        TuningResult r = rmseTuner().space(space).search(Search.grid()).build().tune(bowl(), DATA);
        // x takes 0, 15, 30, 45, 60 (5 grid points), y its 3 choices: 15 trials, the optimum among them
        assertEquals(15, r.trials().size());
        assertEquals("x=30, y=0.5", r.bestSettings().toString());
        assertEquals(0.0, r.best().score(), 1e-9);
        // grid order: last parameter fastest
        assertEquals("x=0, y=0.1", r.trials().get(0).settings().toString());
        assertEquals("x=0, y=0.5", r.trials().get(1).settings().toString());
        // a trial's RMSE is |offset| because every rating is 3: x = 45, y = 0.9 gives 1.5 + 0.4
        Trial t = r.trials().get(11);
        assertEquals("x=45, y=0.9", t.settings().toString());
        assertEquals(1.9, t.score(), 1e-6);
        // the refitted model predicts with the best settings
        assertEquals(3.0, r.model().predict(100, 1000), 1e-12);
    }

    @Test
    void randomSearchGetsCloseToTheOptimum() {
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 60).range("y", 0, 1).build();
        TuningResult r = rmseTuner().space(space).search(Search.random(5)).maxTrials(200).build().tune(bowl(), DATA);
        assertEquals(200, r.trials().size());
        int x = r.bestSettings().getInt("x");
        double y = r.bestSettings().getDouble("y");
        assertTrue(Math.abs(x - 30) <= 2, "x = " + x);
        assertTrue(Math.abs(y - 0.5) <= 0.1, "y = " + y);
        // the best is the minimum over all trials
        for (Trial t : r.trials()) {
            assertTrue(t.score() >= r.best().score());
        }
    }

    @Test
    void topNObjectivesAreMaximisedAndErrorsMinimised() {
        SearchSpace space = SearchSpace.builder().choice("order", "reverse", "popular").build();
        Function<Settings, Algorithm> factory = s -> TuneFixtures.offset(() -> 0, s.get("order").equals("reverse"));
        Tuner.Builder b = Tuner.builder().space(space).relevance(Relevance.atLeast(3))
                .validation(Validation.perUser(0.3, 3));
        TuningResult max = b.objective(Objective.of(Metrics.ndcg(5))).build().tune(factory, DATA);
        assertEquals("popular", max.bestSettings().get("order"));
        assertTrue(max.trials().get(1).score() > max.trials().get(0).score());
        TuningResult min = b.objective(Objective.minimize(Metrics.ndcg(5))).build().tune(factory, DATA);
        assertEquals("reverse", min.bestSettings().get("order"));
        assertEquals("maximise NDCG@5", Objective.of(Metrics.ndcg(5)).toString());
        assertEquals("minimise RMSE", Objective.parse("RMSE").toString());
    }

    @Test
    void successiveHalvingKeepsTheBestArms() {
        // validation RMSE = |x - 30| / 10 + 10 / epochs: more epochs help every arm equally, so the ranking of
        // the arms is the ranking of |x - 30| in every rung
        Function<Settings, Algorithm> factory = s -> {
            double offset = Math.abs(s.getInt("x") - 30) / 10.0 + 10.0 / s.getInt("epochs");
            return TuneFixtures.offset(() -> offset, false);
        };
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 1000).build();
        Search search = Search.successiveHalving("epochs", 5, 80, 11);
        assertEquals("successive halving on epochs 5..80, eta 3, 27 arms (seed 11)", search.toString());
        TuningResult r = rmseTuner().space(space).search(search).build().tune(factory, DATA);

        int[] perRung = new int[4];
        int[] resource = {5, 15, 45, 80};
        List<List<Integer>> xs = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            xs.add(new ArrayList<>());
        }
        for (Trial t : r.trials()) {
            perRung[t.rung()]++;
            assertEquals(resource[t.rung()], t.settings().getInt("epochs"));
            xs.get(t.rung()).add(t.settings().getInt("x"));
        }
        assertEquals(List.of(27, 9, 3, 1), List.of(perRung[0], perRung[1], perRung[2], perRung[3]));
        // each rung holds exactly the arms closest to 30 of the rung before (x values are distinct here)
        for (int k = 1; k < 4; k++) {
            List<Integer> previous = new ArrayList<>(xs.get(k - 1));
            previous.sort((a, b) -> Integer.compare(Math.abs(a - 30), Math.abs(b - 30)));
            List<Integer> expected = new ArrayList<>(previous.subList(0, xs.get(k).size()));
            List<Integer> actual = new ArrayList<>(xs.get(k));
            Collections.sort(expected);
            Collections.sort(actual);
            assertEquals(expected, actual, "rung " + k);
        }
        // the arms are the seeded random points, and the winner is the one closest to 30
        int closest = -1;
        for (int a = 0; a < 27; a++) {
            int x = space.sample(Tuner.randomFor(11, a)).getInt("x");
            assertEquals(x, (int) xs.get(0).get(a));
            if (closest < 0 || Math.abs(x - 30) < Math.abs(closest - 30)) {
                closest = x;
            }
        }
        assertEquals(closest, r.bestSettings().getInt("x"));
        assertEquals(80, r.bestSettings().getInt("epochs"));
        assertEquals(3, r.best().rung());
    }

    @Test
    void sameSeedSameResultForAnyThreadCount() {
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 60).logRange("y", 0.01, 10).build();
        List<String> runs = new ArrayList<>();
        for (int threads : new int[] {1, 2, 5}) {
            for (Search search : new Search[] {Search.random(9), Search.successiveHalving("epochs", 1, 9, 9)}) {
                Function<Settings, Algorithm> factory = s -> {
                    double offset = Math.abs(s.getInt("x") - 30) / 10.0 + Math.abs(s.getDouble("y") - 0.5)
                            + (s.has("epochs") ? 1.0 / s.getInt("epochs") : 0);
                    return TuneFixtures.offset(() -> offset, false);
                };
                TuningResult r = rmseTuner().space(space).search(search).maxTrials(40).threads(threads).build()
                        .tune(factory, DATA);
                StringBuilder s = new StringBuilder(search + ": ");
                for (Trial t : r.trials()) {
                    s.append(t.index()).append(' ').append(t.settings()).append(' ').append(t.score()).append("; ");
                }
                runs.add(s.append(" best ").append(r.bestSettings()).toString());
            }
        }
        assertEquals(runs.get(0), runs.get(2));
        assertEquals(runs.get(0), runs.get(4));
        assertEquals(runs.get(1), runs.get(3));
        assertEquals(runs.get(1), runs.get(5));
    }

    /** Records every matrix a fit sees and every pair a model is asked to predict or rank for. */
    private static final class Recording {
        final Set<Long> fitted = Collections.synchronizedSet(new HashSet<>());
        final Set<Long> judgedUsers = Collections.synchronizedSet(new HashSet<>());
        final Set<Long> predicted = Collections.synchronizedSet(new HashSet<>());

        Recommender wrap(RatingMatrix train, Recommender model) {
            fitted.addAll(pairs(train));
            return new Recommender() {
                @Override
                public Recommendations topN(long userId, int n, ItemFilter filter) {
                    judgedUsers.add(userId);
                    return model.topN(userId, n, filter);
                }

                @Override
                public double predict(long userId, long itemId) {
                    predicted.add(userId * 1_000_000 + itemId);
                    return model.predict(userId, itemId);
                }
            };
        }
    }

    private static Set<Long> pairs(RatingMatrix m) {
        Set<Long> pairs = new HashSet<>();
        SparseMatrix rows = m.byUser();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = rows.rowStart(u); k < rows.rowEnd(u); k++) {
                pairs.add(m.users().idAt(u) * 1_000_000 + m.items().idAt(rows.column(k)));
            }
        }
        return pairs;
    }

    @Test
    void noTestDataReachesTheTuner() {
        Split outer = Splits.holdout(DATA, 0.25, 99);
        Set<Long> train = pairs(outer.train());
        Set<Long> test = pairs(outer.test());
        assertFalse(test.isEmpty());
        Recording rec = new Recording();
        Function<Settings, Algorithm> factory = s -> new Algorithm() {
            @Override
            public Recommender fit(RatingMatrix m, ProgressListener progress) {
                return rec.wrap(m, new TuneFixtures.Offset(m, s.getDouble("offset"), false));
            }
        };
        for (Validation v : new Validation[] {Validation.perUser(0.2, 1), Validation.temporal(0.2),
                Validation.globalCut(0.2), Validation.kFold(3, 1)}) {
            TuningResult r = Tuner.builder().objective(Objective.of(Metrics.rmse())).alsoReport(Metrics.ndcg(5))
                    .relevance(Relevance.atLeast(3)).validation(v)
                    .space(SearchSpace.builder().choice("offset", 0.0, 0.5).build()).threads(2).build()
                    .tune(factory, outer.train());
            assertEquals(2, r.trials().size());
        }
        assertFalse(rec.fitted.isEmpty());
        assertFalse(rec.predicted.isEmpty());
        assertFalse(rec.judgedUsers.isEmpty());
        for (Long p : rec.fitted) {
            assertTrue(train.contains(p), "a fit saw a pair outside the training data: " + p);
        }
        for (Long p : rec.predicted) {
            assertTrue(train.contains(p), "a score used a pair outside the training data: " + p);
            assertFalse(test.contains(p));
        }
        // validation pairs were predicted, and they come from train: every predicted pair is a training pair
        // that the predicting model had not been fitted on in that split (checked via the splits themselves)
        for (Split s : Validation.kFold(3, 1).splits(outer.train())) {
            Set<Long> fit = pairs(s.train());
            for (Long p : pairs(s.test())) {
                assertFalse(fit.contains(p));
                assertTrue(train.contains(p));
            }
        }
    }

    @Test
    void aFailedTrialIsRecordedAndTheSearchGoesOn() {
        Function<Settings, Algorithm> factory = s -> {
            int x = s.getInt("x");
            if (x == 45) {
                throw new IllegalArgumentException("x must be < 45, got " + x);
            }
            if (x == 60) {
                return TuneFixtures.offset(() -> {
                    throw new IllegalStateException("diverged");
                }, false);
            }
            return TuneFixtures.offset(() -> Math.abs(x - 30) / 10.0, false);
        };
        TuningResult r = rmseTuner().space(SearchSpace.builder().intRange("x", 0, 60).build()).build()
                .tune(factory, DATA);
        assertEquals(5, r.trials().size());
        assertEquals(2, r.failures());
        assertEquals("IllegalArgumentException: x must be < 45, got 45", r.trials().get(3).failure().orElseThrow());
        assertEquals("IllegalStateException: diverged", r.trials().get(4).failure().orElseThrow());
        assertTrue(Double.isNaN(r.trials().get(3).score()));
        assertEquals(30, r.bestSettings().getInt("x"));
        assertTrue(r.toTable().contains("failed: IllegalArgumentException: x must be < 45, got 45"));
    }

    @Test
    void everyTrialFailingIsAnError() {
        Function<Settings, Algorithm> factory = s -> {
            throw new IllegalArgumentException("no good: " + s.get("x"));
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rmseTuner()
                .space(SearchSpace.builder().choice("x", "a", "b").build()).build().tune(factory, DATA));
        assertEquals("all 2 trials failed; trial 0 [x=a]: IllegalArgumentException: no good: a;"
                + " trial 1 [x=b]: IllegalArgumentException: no good: b", e.getMessage());
    }

    @Test
    void aSpentTimeBudgetStillRunsOneTrial() {
        AtomicInteger fits = new AtomicInteger();
        Function<Settings, Algorithm> factory = s -> {
            fits.incrementAndGet();
            return TuneFixtures.offset(() -> 0, false);
        };
        TuningResult r = rmseTuner().space(SearchSpace.builder().intRange("x", 0, 60).build())
                .search(Search.random(1)).timeBudget(Duration.ofNanos(1)).threads(3).build().tune(factory, DATA);
        assertEquals(1, r.trials().size());
        assertEquals(2, fits.get());   // the trial and the refit
    }

    @Test
    void earlyStoppingMakesEpochsATunedResult() {
        List<Integer> refitEpochs = Collections.synchronizedList(new ArrayList<>());
        Function<Settings, Algorithm> factory = s -> {
            int epochs = s.getInt("epochs");
            refitEpochs.add(epochs);
            return new TuneFixtures.Epochs(epochs, s.getInt("best"));
        };
        SearchSpace space = SearchSpace.builder().choice("best", 7, 12).choice("epochs", 30).build();
        TuningResult r = rmseTuner().space(space).earlyStopping("epochs", 2).build().tune(factory, DATA);
        assertEquals(7, r.trials().get(0).stoppedEpoch());
        assertEquals(12, r.trials().get(1).stoppedEpoch());
        assertEquals(0.0, r.trials().get(0).score(), 1e-9);
        assertEquals("best=7, epochs=7", r.bestSettings().toString());
        assertEquals(7, refitEpochs.get(refitEpochs.size() - 1));
        assertEquals(3.0, r.model().predict(100, 1000), 1e-12);   // 7 epochs: offset 0
        assertTrue(r.toTable().contains("stopped at"));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBest() {
        Split split = Validation.perUser(0.2, 1).splits(DATA).get(0);
        EarlyStopping stopping = EarlyStopping.on(split, Objective.of(Metrics.rmse()), 3);
        Recommender best = new TuneFixtures.Epochs(50, 4).fit(stopping, ProgressListener.NONE);
        assertEquals(4, stopping.bestEpoch());
        assertEquals(7, stopping.lastEpoch());   // epochs 5, 6, 7 brought no improvement
        assertEquals(0.0, stopping.bestScore(), 1e-9);
        assertEquals(3.0, best.predict(100, 1000), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stopping.offer(7, best));
        assertEquals("epochs must be offered in increasing order: 7 after 7", e.getMessage());
        assertEquals("early stopping patience must be >= 1 epoch, got 0", assertThrows(IllegalArgumentException.class,
                () -> EarlyStopping.on(split, Objective.of(Metrics.rmse()), 0)).getMessage());
        assertEquals("no model was offered to early stopping", assertThrows(IllegalStateException.class,
                () -> EarlyStopping.on(split, Objective.of(Metrics.rmse()), 1).best()).getMessage());
    }

    @Test
    void startPointsComeFirstAndRefitCanBeLeftOut() {
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 60).range("y", 0, 1).build();
        Settings defaults = Settings.empty().with("x", "50").with("y", "0.5");
        TuningResult r = rmseTuner().space(space).search(Search.random(5)).maxTrials(4).startWith(defaults)
                .refit(false).build().tune(bowl(), DATA);
        assertEquals(defaults, r.trials().get(0).settings());
        assertEquals(2.0, r.trials().get(0).score(), 1e-9);
        // the random points are those of a search without start points, shifted by one
        TuningResult plain = rmseTuner().space(space).search(Search.random(5)).maxTrials(3).build().tune(bowl(), DATA);
        for (int t = 0; t < 3; t++) {
            assertEquals(plain.trials().get(t).settings(), r.trials().get(t + 1).settings());
        }
        assertEquals("this search did not refit (Tuner.Builder.refit(false)); fit the best settings yourself",
                assertThrows(IllegalStateException.class, r::model).getMessage());
        assertTrue(r.notes().get(3).contains("; settings "), r.notes().get(3));
    }

    @Test
    void reportsAsTableCsvAndHtml(@TempDir Path dir) throws IOException {
        SearchSpace space = SearchSpace.builder().intRange("x", 0, 60).choice("y", 0.1, 0.5, 0.9)
                .choice("kind", "a", "b").build();
        TuningResult r = rmseTuner().space(space).alsoReport(Metrics.mae()).build().tune(bowl(), DATA);
        String table = r.toTable();
        assertTrue(table.startsWith("Objective: minimise RMSE on validation user:0.2, carved from the 693 training"
                + " ratings only\n"), table);
        assertTrue(table.contains("Best: trial 14, RMSE 0.0000; refitted with x=30, y=0.5, kind=a"), table);
        String[] lines = table.split("\n");
        assertTrue(lines[4].startsWith("trial |  x |   y | kind |   RMSE |    MAE | seconds | note"), lines[4]);
        assertTrue(lines[6].startsWith("   14 | 30 | 0.5 |    a | 0.0000 | 0.0000 |"), lines[6]);
        assertTrue(lines[6].endsWith("| best"), lines[6]);

        Path csv = dir.resolve("t.csv");
        r.writeCsv(csv);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(31, rows.size());
        assertEquals("trial,rung,x,y,kind,stopped_epoch,RMSE,MAE,seconds,failure", rows.get(0));
        assertTrue(rows.get(15).startsWith("14,0,30,0.5,a,,0.0,0.0,"), rows.get(15));
        assertFalse(lines[7].endsWith(" "), "no trailing blanks: " + lines[7]);

        Path html = dir.resolve("t.html");
        r.writeHtml(html);
        String page = Files.readString(html);
        assertEquals(3, count(page, "<svg "));   // one chart per setting
        assertEquals(count(page, "<svg "), count(page, "</svg>"));
        assertEquals(31, count(page, "<tr"));    // header + 30 trials
        assertTrue(page.contains("<tr class=\"best\">"));
        assertTrue(page.contains("stroke=\"#e15759\""));   // the best trial ringed
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void badSettingsAreRejectedWithMessages() {
        assertEquals("maxTrials must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder().maxTrials(0)).getMessage());
        assertEquals("threads must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder().threads(0)).getMessage());
        assertEquals("timeBudget must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder().timeBudget(Duration.ZERO)).getMessage());
        assertEquals("a random search needs maxTrials(n) or timeBudget(d)", assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder().search(Search.random(1)).build()).getMessage());
        assertEquals("early stopping patience must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Tuner.builder().earlyStopping("epochs", 0)).getMessage());
        assertEquals("early stopping needs the name of the epoch setting, e.g. \"epochs\"",
                assertThrows(IllegalArgumentException.class, () -> Tuner.builder().earlyStopping(" ", 2)).getMessage());
        Tuner halving = Tuner.builder().space(SearchSpace.builder().intRange("epochs", 1, 5).build())
                .search(Search.successiveHalving("epochs", 1, 9, 1)).build();
        assertEquals("the space must not contain 'epochs': successive halving sets it per rung",
                assertThrows(IllegalArgumentException.class, () -> halving.tune(bowl(), DATA)).getMessage());
        assertEquals("successive halving needs 1 <= minResource <= maxResource, got 5..4",
                assertThrows(IllegalArgumentException.class, () -> Search.successiveHalving("epochs", 5, 4, 1))
                        .getMessage());
        assertEquals("successive halving needs eta >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> Search.successiveHalving("epochs", 1, 4, 1).eta(1)).getMessage());
        assertEquals("arms applies to successive halving only, not to grid", assertThrows(IllegalArgumentException.class,
                () -> Search.grid().arms(3)).getMessage());
        RatingMatrix empty = RatingMatrix.builder().build();
        assertEquals("cannot carve validation data out of an empty training matrix",
                assertThrows(IllegalArgumentException.class, () -> rmseTuner().build().tune(bowl(), empty)).getMessage());
    }
}
