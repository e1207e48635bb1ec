package io.jrec.core.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cross-checks the ranking metrics of {@link RankedList} against a deliberately naive second
 * implementation written from the textbook definitions with boxed collections and 1-based ranks.
 */
class NaiveMetricsCrossCheckTest {

    /** Relevant items of a user with their grades; a recommended list of ids. */
    record Case(List<Long> recommended, Map<Long, Double> relevant) {
    }

    static double naivePrecision(Case c, int k) {
        int hits = 0;
        for (int rank = 1; rank <= k; rank++) {
            if (rank <= c.recommended.size() && c.relevant.containsKey(c.recommended.get(rank - 1))) {
                hits++;
            }
        }
        return hits / (double) k;
    }

    static double naiveRecall(Case c, int k) {
        List<Long> top = c.recommended.subList(0, Math.min(k, c.recommended.size()));
        long found = c.relevant.keySet().stream().filter(top::contains).count();
        return found / (double) c.relevant.size();
    }

    static double naiveNdcg(Case c, int k, boolean graded) {
        double dcg = 0;
        for (int rank = 1; rank <= Math.min(k, c.recommended.size()); rank++) {
            Double g = c.relevant.get(c.recommended.get(rank - 1));
            if (g != null) {
                dcg += (graded ? g : 1.0) / (Math.log(rank + 1) / Math.log(2));
            }
        }
        List<Double> ideal = new ArrayList<>(c.relevant.values());
        ideal.sort(Collections.reverseOrder());
        double idcg = 0;
        for (int rank = 1; rank <= Math.min(k, ideal.size()); rank++) {
            idcg += (graded ? ideal.get(rank - 1) : 1.0) / (Math.log(rank + 1) / Math.log(2));
        }
        return dcg / idcg;
    }

    static double naiveAp(Case c, int k) {
        double sum = 0;
        for (int rank = 1; rank <= Math.min(k, c.recommended.size()); rank++) {
            if (c.relevant.containsKey(c.recommended.get(rank - 1))) {
                sum += naivePrecision(new Case(c.recommended.subList(0, rank), c.relevant), rank);
            }
        }
        return sum / Math.min(k, c.relevant.size());
    }

    static RankedList judged(Case c) {
        long[] items = new long[c.recommended.size()];
        double[] gains = new double[items.length];
        for (int r = 0; r < items.length; r++) {
            items[r] = c.recommended.get(r);
            gains[r] = c.relevant.getOrDefault(items[r], 0.0);
        }
        double[] ideal = c.relevant.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new RankedList(1, items, gains, ideal);
    }

    @Test
    void agreesWithNaiveDefinitionsOnRandomCases() {
        Random random = new Random(20261123);
        for (int trial = 0; trial < 2000; trial++) {
            int catalogue = 5 + random.nextInt(40);
            List<Long> all = new ArrayList<>();
            for (long id = 0; id < catalogue; id++) {
                all.add(id * 7 + 3);
            }
            Collections.shuffle(all, random);
            List<Long> recommended = new ArrayList<>(all.subList(0, random.nextInt(Math.min(20, catalogue) + 1)));
            Collections.shuffle(all, random);
            Map<Long, Double> relevant = new HashMap<>();
            int relevantCount = 1 + random.nextInt(Math.min(12, catalogue));
            for (int x = 0; x < relevantCount; x++) {
                relevant.put(all.get(x), (double) (1 + random.nextInt(5)));
            }
            Case c = new Case(recommended, relevant);
            RankedList l = judged(c);
            int k = 1 + random.nextInt(25);
            String at = "trial " + trial + ", k=" + k + ", " + c;
            assertEquals(naivePrecision(c, k), l.precision(k), 1e-12, at);
            assertEquals(naiveRecall(c, k), l.recall(k), 1e-12, at);
            assertEquals(naiveNdcg(c, k, false), l.ndcg(k), 1e-12, at);
            assertEquals(naiveNdcg(c, k, true), l.gradedNdcg(k), 1e-12, at);
            assertEquals(naiveAp(c, k), l.averagePrecision(k), 1e-12, at);
        }
    }
}
