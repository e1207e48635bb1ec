package io.jrec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generated rating files: 80 users and 50 items (ids 101..150) in two taste groups (users prefer the
 * items of their own parity: ratings 4-5 there, 1-3 elsewhere), every fifth rating of a user in the test
 * file. Seeded, so every run writes the same files.
 */
final class TestData {
    private TestData() {
    }

    /** Writes {@code train.csv} and {@code test.csv} (header userId,movieId,rating,timestamp) into dir. */
    static Path[] write(Path dir) throws IOException {
        StringBuilder train = new StringBuilder("userId,movieId,rating,timestamp\n");
        StringBuilder test = new StringBuilder("userId,movieId,rating,timestamp\n");
        SplittableRandom random = new SplittableRandom(7);
        long time = 1_000_000;
        for (int u = 1; u <= 80; u++) {
            int count = 0;
            for (int i = 1; i <= 50; i++) {
                boolean sameGroup = (u % 2) == (i % 2);
                if (random.nextDouble() >= (sameGroup ? 0.45 : 0.15)) {
                    continue;
                }
                int rating = sameGroup ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
                String line = u + "," + (100 + i) + "," + rating + "," + (time++) + "\n";
                (++count % 5 == 0 ? test : train).append(line);
            }
        }
        Path trainFile = dir.resolve("train.csv");
        Path testFile = dir.resolve("test.csv");
        Files.writeString(trainFile, train);
        Files.writeString(testFile, test);
        return new Path[] {trainFile, testFile};
    }
}
