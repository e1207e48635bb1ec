package io.jrec.models;

import io.jrec.core.DuplicatePolicy;
import io.jrec.core.RatingMatrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Test-only access to MovieLens 100K (tab-separated user, item, rating, timestamp) and the small
 * evaluation protocols the model tests need. Kept here so these tests do not depend on the io and eval
 * branches; the loader is a few lines and clearly correct for this fixed, well-formed format.
 */
public final class Ml100k {

    private Ml100k() {
    }

    /** The data directory from system property {@code jrec.ml100k}. */
    public static Path dir() {
        return Paths.get(System.getProperty("jrec.ml100k", "../../shared/data/ml-100k"));
    }

    public static boolean available() {
        return Files.isRegularFile(dir().resolve("u.data"));
    }

    /** Reads a u.data-format file into a matrix with timestamps. */
    public static RatingMatrix read(Path file) {
        RatingMatrix.Builder b = RatingMatrix.builder().duplicates(DuplicatePolicy.REJECT);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                b.add(Long.parseLong(c[0]), Long.parseLong(c[1]), Double.parseDouble(c[2]), Long.parseLong(c[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    /** The same entries with every value 1. */
    public static RatingMatrix binary(RatingMatrix m) {
        RatingMatrix.Builder b = RatingMatrix.builder();
        for (int u = 0; u < m.userCount(); u++) {
            for (int k = m.byUser().rowStart(u); k < m.byUser().rowEnd(u); k++) {
                b.add(m.users().idAt(u), m.items().idAt(m.byUser().column(k)), 1.0);
            }
        }
        return b.build();
    }
}
