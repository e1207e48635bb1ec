package io.jrec.benchmarks;

import io.jrec.core.RatingMatrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a MovieLens 100K rating file ({@code user \t item \t rating \t timestamp}). */
final class MovieLensFiles {
    private MovieLensFiles() {
    }

    /**
     * The ratings in {@code file}.
     *
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException naming file, line and content on a malformed line
     */
    static RatingMatrix ratings(Path file) {
        RatingMatrix.Builder builder = RatingMatrix.builder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                try {
                    if (f.length != 4) {
                        throw new NumberFormatException("expected 4 tab-separated fields, got " + f.length);
                    }
                    builder.add(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                            Long.parseLong(f[3]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage()
                            + ": '" + line + "'", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return builder.build();
    }
}
