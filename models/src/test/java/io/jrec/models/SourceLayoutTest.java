package io.jrec.models;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout rules of the README's code map, checked on the sources: no file under {@code models/src/main}
 * is longer than 450 lines, and a model family's package uses no other family's package (only
 * {@code core}, {@code similarity}, {@code internal} and {@code nn}); {@code select} and {@code hybrid}
 * reach models only through their public builders.
 */
class SourceLayoutTest {
    private static final Path MAIN = Path.of("src/main/java/io/jrec/models");
    private static final Set<String> FAMILIES = Set.of("baseline", "knn", "factor", "linear", "graph", "neural",
            "content");
    private static final Pattern MODELS_REFERENCE = Pattern.compile("io\\.jrec\\.models\\.([a-z]+)\\.");

    @Test
    void noSourceFileIsLongerThan450Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            int lines = Files.readAllLines(file).size();
            if (lines > 450) {
                tooLong.add(MAIN.relativize(file) + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), tooLong, "split these by responsibility, e.g. a FooFit beside FooRecommender");
    }

    @Test
    void aFamilyUsesNoOtherFamilysPackage() throws IOException {
        List<String> crossings = new ArrayList<>();
        int checked = 0;
        for (Path file : sources()) {
            String family = MAIN.relativize(file).getName(0).toString();
            if (!FAMILIES.contains(family)) {
                continue;
            }
            checked++;
            for (String line : Files.readAllLines(file)) {
                if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                    continue;   // Javadoc may point the reader at another family
                }
                Matcher m = MODELS_REFERENCE.matcher(line);
                while (m.find()) {
                    String used = m.group(1);
                    if (FAMILIES.contains(used) && !used.equals(family)) {
                        crossings.add(MAIN.relativize(file) + " uses " + used + ": " + line.trim());
                    }
                }
            }
        }
        assertTrue(checked > 30, "expected the family sources under " + MAIN.toAbsolutePath() + ", found " + checked);
        assertEquals(List.of(), crossings);
    }

    private static List<Path> sources() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the models module: " + MAIN.toAbsolutePath());
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
