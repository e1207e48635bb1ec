package io.jrec.models;

import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.ScoredItem;
import io.jrec.core.io.ModelIO;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files written by jrec before the models moved into family packages (main at 69ec81d, format
 * version 1) still load, as the model type they were saved as, and answer {@code topN} and
 * {@code predict} as they did then. The files and the answers they gave when written are test resources
 * under {@code legacy-v1/} (see the README there for the synthetic data they were fitted on). The type
 * names in a file are stable ids, not Java class names, so moving a class must not break these files.
 *
 * <p>Item ids must match exactly; scores within {@code 1e-6} relative, so that a later change of
 * floating-point order in a model's scoring does not fail this test while a wrong load does.
 */
class LegacyModelFilesTest {
    private static final String DIR = "/legacy-v1/";

    /** Every file and the model class (simple name) it must load as. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("popularity.jrec", "PopularityRecommender");
        FILES.put("baseline.jrec", "BaselinePredictor");
        FILES.put("itemknn.jrec", "ItemKnnRecommender");
        FILES.put("itemknn-pearson-mean.jrec", "ItemKnnRecommender");
        FILES.put("userknn.jrec", "UserKnnRecommender");
        FILES.put("mf.jrec", "MatrixFactorizationRecommender");
        FILES.put("svdpp.jrec", "MatrixFactorizationRecommender");
        FILES.put("als.jrec", "ImplicitAlsRecommender");
        FILES.put("ease.jrec", "EaseRecommender");
        FILES.put("content.jrec", "ContentBasedRecommender");
        FILES.put("neumf.jrec", "NeuralCollaborativeFiltering");
        FILES.put("hybrid.jrec", "HybridRecommender");
    }

    private static Recommender load(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(LegacyModelFilesTest.class.getResourceAsStream(DIR + file),
                file)) {
            return ModelIO.load(in);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void everyLegacyFileLoadsAsItsTypeAndAnswersAsWhenWritten() throws IOException {
        Map<String, Recommender> models = new HashMap<>();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            Recommender model = load(e.getKey());
            assertEquals(e.getValue(), model.getClass().getSimpleName(), e.getKey());
            models.put(e.getKey(), model);
        }
        String expected;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(DIR + "expected.tsv"))) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        Map<String, Integer> perFile = new HashMap<>();
        for (String line : expected.split("\n")) {
            String[] f = line.split("\t", -1);
            Recommender model = models.get(f[0]);
            String what = line;
            long user = Long.parseLong(f[2]);
            if (f[1].equals("topN")) {
                Recommendations got = model.topN(user, Integer.parseInt(f[3]));
                String[] entries = f[4].isEmpty() ? new String[0] : f[4].split(" ");
                long[] ids = new long[entries.length];
                for (int k = 0; k < entries.length; k++) {
                    ids[k] = Long.parseLong(entries[k].substring(0, entries[k].indexOf(':')));
                }
                assertArrayEquals(ids, got.itemIds(), what);
                List<ScoredItem> items = got;
                for (int k = 0; k < entries.length; k++) {
                    assertClose(Double.parseDouble(entries[k].substring(entries[k].indexOf(':') + 1)),
                            items.get(k).score(), what);
                }
            } else {
                assertEquals("predict", f[1], what);
                assertClose(Double.parseDouble(f[4]), model.predict(user, Long.parseLong(f[3])), what);
            }
            perFile.merge(f[0], 1, Integer::sum);
            checked++;
        }
        assertEquals(FILES.keySet(), perFile.keySet(), "every file has expected answers");
        assertEquals(12 * 25, checked);
    }
}
