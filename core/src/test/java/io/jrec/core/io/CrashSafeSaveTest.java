package io.jrec.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crash safety of {@link ModelIO#save(io.jrec.core.Recommender, java.nio.file.Path)}: a child JVM saves
 * two large models alternately over one target and is killed ({@code destroyForcibly}, SIGKILL on
 * POSIX) at a random moment of its save loop, 50 times; after every kill the target must load
 * completely, every element checked, as one of the two models. A kill cannot lose data the kernel
 * already holds (that would take a power cut, which a test cannot make), so this shows the protocol:
 * no short file or mixture ever appears under the target name, and temporary files are never read.
 */
class CrashSafeSaveTest {
    private static final int KILLS = 50;
    private static final long PAYLOAD_BYTES = 20_000_000;
    /** Upper end of the random wait after the child starts a save (about two saves of this size). */
    private static final int MAX_DELAY_MILLIS = 300;

    @Test
    void aKilledSaveLeavesTheOldOrTheNewModelComplete(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("model.jrec");
        ArrayModel first = ArrayModel.ofSize(1, PAYLOAD_BYTES);
        int floats = first.floats.length;
        int ints = first.ints.length;
        int longs = first.longs.length;
        int doubles = first.doubles.length;
        ModelIO.save(first, target);
        first = null;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(21);
        int[] generations = new int[3];
        int tempLeft = 0;
        int midSave = 0;
        int replaced = 0;
        List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashSaveChild.class.getName(), target.toString(),
                Long.toString(PAYLOAD_BYTES));
        int current = 1;   // the generation the target holds
        Process next = new ProcessBuilder(command).redirectErrorStream(true).start();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = next;
            // the next child starts its JVM and builds its models while this one runs
            next = kill + 1 < KILLS ? new ProcessBuilder(command).redirectErrorStream(true).start() : null;
            try {
                BlockingQueue<String> lines = lines(child);
                await(lines, "ready", kill);
                // go: its first save replaces the generation the target holds
                child.getOutputStream().write(((3 - current) + "\n").getBytes(StandardCharsets.US_ASCII));
                child.getOutputStream().flush();
                String line = await(lines, "saving", kill);
                Thread.sleep(random.nextInt(MAX_DELAY_MILLIS));
                String last = line;
                for (String l = lines.poll(); l != null; l = lines.poll()) {
                    last = l;
                }
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ends when killed");
                midSave += last.startsWith("saving") ? 1 : 0;
            } catch (Throwable t) {
                if (next != null) {
                    next.destroyForcibly();
                }
                throw t;
            } finally {
                child.destroyForcibly();
            }
            ArrayModel loaded = ModelIO.load(target, ArrayModel.class);
            assertTrue(loaded.generation == 1 || loaded.generation == 2, "generation " + loaded.generation);
            assertNull(loaded.check(floats, ints, longs, doubles), "kill " + kill);
            generations[loaded.generation]++;
            replaced += loaded.generation != current ? 1 : 0;
            current = loaded.generation;
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    if (!p.equals(target)) {
                        assertTrue(p.getFileName().toString().startsWith("model.jrec.")
                                && p.getFileName().toString().endsWith(".tmp"), p.toString());
                        Files.delete(p);
                        tempLeft++;
                    }
                }
            }
        }
        System.out.printf("Crash-safe save: %d of %d kills (%d while the log said a save was running, %d left a"
                        + " partial temporary file) each left a complete model: the old one %d times, the new one %d"
                        + " times%n", generations[1] + generations[2], KILLS, midSave, tempLeft, KILLS - replaced,
                replaced);
        assertEquals(KILLS, generations[1] + generations[2]);
        assertTrue(tempLeft > 0, "at least one kill interrupted a save while it wrote");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    /** The first line that starts with {@code prefix} (others, such as logging warnings, are skipped). */
    private static String await(BlockingQueue<String> lines, String prefix, int kill) throws InterruptedException {
        List<String> skipped = new java.util.ArrayList<>();
        for (String line = lines.poll(120, TimeUnit.SECONDS); line != null; line = lines.poll(120, TimeUnit.SECONDS)) {
            if (line.startsWith(prefix)) {
                return line;
            }
            skipped.add(line);
        }
        return fail("kill " + kill + ": the child did not print '" + prefix + "' within 2 minutes: " + skipped);
    }

    /** The child's output lines as they come, read by a daemon thread. */
    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertNotNull(reader);
        return lines;
    }
}
