package io.jrec.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: the child process of {@link CrashSafeSaveTest}; arguments {@code target bytes}. Builds two
 * {@link ArrayModel}s of about {@code bytes} payload bytes (generations 1 and 2), saves a small one
 * elsewhere (class loading), prints {@code ready} and waits for a line on its standard input: the
 * generation to save first (the one the target does not hold). Then saves the two alternately over
 * {@code target}, forever, printing {@code saving <generation>} before and {@code saved <generation>} after
 * each save, until it is killed (or its standard input ends, so that it never outlives the test).
 */
public final class CrashSaveChild {
    private CrashSaveChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger firstGeneration = new AtomicInteger();
        Thread watchdog = new Thread(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line != null) {
                    firstGeneration.set(Integer.parseInt(line.trim()));
                    go.countDown();
                    while (in.readLine() != null) {
                        // the parent writes nothing more; end of input means the parent is gone
                    }
                }
            } catch (IOException ignored) {
                // as the end of input
            }
            System.exit(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        ArrayModel[] models = {ArrayModel.ofSize(1, bytes), ArrayModel.ofSize(2, bytes)};
        // one small save elsewhere first, so that class loading does not delay the first save of the loop
        Path scratch = Files.createTempDirectory("jrec-crash-warmup");
        ModelIO.save(ArrayModel.of(0, 1000, 10, 10, 10), scratch.resolve("warmup.jrec"));
        Files.delete(scratch.resolve("warmup.jrec"));
        Files.delete(scratch);
        System.out.println("ready");
        System.out.flush();
        go.await();
        for (int k = firstGeneration.get() - 1; ; k++) {
            ArrayModel model = models[k % 2];
            System.out.println("saving " + model.generation);
            System.out.flush();
            ModelIO.save(model, target);
            System.out.println("saved " + model.generation);
            System.out.flush();
        }
    }
}
