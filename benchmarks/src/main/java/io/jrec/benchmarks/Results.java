package io.jrec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where result files go: {@code benchmarks/results/} from the project root, {@code results/} from {@code benchmarks/}. */
final class Results {
    private Results() {
    }

    static Path dir() throws IOException {
        String property = System.getProperty("jrec.results");
        Path dir = property != null ? Path.of(property)
                : Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "results") : Path.of("results");
        return Files.createDirectories(dir);
    }
}
