package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;
import io.jrec.core.io.ModelIO;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.Centering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AlternatingBuilds} on this build against itself (both class paths the test's own): it loads the
 * model in two class loaders, finds the lists equal and reports every pass of both; a missing file and a
 * model without one training matrix are errors that say so.
 */
class AlternatingBuildsTest {

    @Test
    void comparesABuildWithItself(@TempDir Path dir) throws IOException {
        Random rnd = new Random(3);
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < 300; u++) {
            for (int k = 0; k < 8; k++) {
                b.add(u, rnd.nextInt(120), 1);
            }
        }
        Path model = dir.resolve("knn.jrec");
        ModelIO.save(ItemKnnRecommender.builder().neighbors(20).implicit(true).centering(Centering.NONE).build()
                .fit(b.build()), model);
        URL[] self = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlternatingBuilds.run(self, self, model.toString(), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("lists: equal on every 100th user"), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("pass ")).count(), out);
        assertTrue(out.contains("A (") && out.contains("B ("), out);
        assertEquals("passes must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> AlternatingBuilds.run(self, self, model.toString(), 0, System.out)).getMessage());

        Path missing = dir.resolve("missing.jrec");
        assertTrue(assertThrows(IOException.class, () -> AlternatingBuilds.run(self, self, missing.toString(), 1,
                System.out)).getMessage().startsWith("A could not load " + missing + ": java.nio.file.NoSuchFileException"));
        Path hybrid = dir.resolve("hybrid.jrec");
        ModelIO.save(HybridRecommender.builder().add(PopularityRecommender.builder().build(), 1).build()
                .fit(b.build()), hybrid);
        assertEquals("A could not load " + hybrid + ": java.lang.IllegalArgumentException: " + hybrid + " holds a "
                        + "HybridRecommender, not a model fitted on one RatingMatrix: time one of its members",
                assertThrows(IOException.class, () -> AlternatingBuilds.run(self, self, hybrid.toString(), 1,
                        System.out)).getMessage());
    }
}
