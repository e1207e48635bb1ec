package io.jrec.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine and JVM a figure was measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception e) {
            // not Linux: keep "unknown CPU"
        }
        Runtime rt = Runtime.getRuntime();
        return "machine: " + cpu + ", " + rt.availableProcessors() + " cores; JVM: "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; max heap " + rt.maxMemory() / (1 << 20) + " MiB; flags: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
