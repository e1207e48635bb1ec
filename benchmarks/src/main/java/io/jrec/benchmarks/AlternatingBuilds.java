package io.jrec.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Two builds of jrec timed in one JVM: {@code java -jar benchmarks.jar ab A.jar B.jar MODEL.jrec
 * [passes]}. Each jar (e.g. {@code benchmarks.jar} built from two commits) gets its own class loader,
 * loads the same saved model with its own code, and times {@code topN(user, 10)} over the same 2,000
 * sampled users ({@link BuildProbe}); the passes alternate, A then B, then B then A, after three passes
 * each of warm-up. It prints each pass's median and mean, the median over passes, and whether the
 * two builds' lists agree on every 100th user.
 *
 * <p>Why: on a shared VM one JVM's memory can be faster than another's by tens of per cent for its
 * whole life, so two JMH runs of one code differ as much as two codes do. In one JVM both builds meet
 * the same machine state pass after pass. Both models are in memory at once: give the heap twice what
 * one needs. Not part of {@code mvn verify}.
 */
final class AlternatingBuilds {
    static final int USERS = 2_000;
    private static final int WARM_UP = 3;

    private AlternatingBuilds() {
    }

    /** Runs the comparison of the builds on {@code a}'s and {@code b}'s class paths; prints to {@code out}. */
    static void run(URL[] a, URL[] b, String model, int passes, PrintStream out) throws IOException {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be >= 1, got " + passes);
        }
        byte[] probe;
        try (InputStream in = Objects.requireNonNull(
                AlternatingBuilds.class.getResourceAsStream("BuildProbe.class"), "BuildProbe.class")) {
            probe = in.readAllBytes();
        }
        Build[] builds = {new Build("A", a, probe, model), new Build("B", b, probe, model)};
        int differ = 0;
        for (int q = 0; q < builds[0].users; q += 100) {
            differ += builds[0].list(q).equals(builds[1].list(q)) ? 0 : 1;
        }
        out.println(differ == 0 ? "lists: equal on every 100th user"
                : "lists: DIFFER for " + differ + " of " + (builds[0].users + 99) / 100 + " users compared");
        double[][] median = new double[2][passes];
        double[][] mean = new double[2][passes];
        for (int p = -WARM_UP; p < passes; p++) {
            for (int k = 0; k < 2; k++) {
                int x = (p & 1) == 0 ? k : 1 - k;   // who goes first alternates
                double[] r = builds[x].pass();
                if (p >= 0) {
                    median[x][p] = r[0];
                    mean[x][p] = r[2];
                }
            }
            if (p >= 0) {
                out.printf(Locale.ROOT, "pass %2d: A median %.1f us, mean %.1f us | B median %.1f us, mean %.1f us%n",
                        p, median[0][p], mean[0][p], median[1][p], mean[1][p]);
            }
        }
        for (int x = 0; x < 2; x++) {
            out.printf(Locale.ROOT,
                    "%s (%s): median over passes %.1f us (of the pass medians), %.1f us (of the means)%n",
                    builds[x].name, builds[x].where, middle(median[x]), middle(mean[x]));
        }
    }

    private static double middle(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One build: its class loader and its probe. */
    private static final class Build {
        final String name;
        final String where;
        final int users;
        private final Object probe;
        private final Method pass;
        private final Method list;

        Build(String name, URL[] path, byte[] probeClass, String model) throws IOException {
            this.name = name;
            this.where = Arrays.toString(path);
            ClassLoader loader = new ProbeLoader(new URLClassLoader(path, ClassLoader.getPlatformClassLoader()),
                    probeClass);
            try {
                Class<?> c = loader.loadClass(BuildProbe.class.getName());
                this.probe = c.getConstructor(String.class, int.class, long.class)
                        .newInstance(model, USERS, BenchmarkData.SEED);
                this.pass = c.getMethod("pass");
                this.list = c.getMethod("list", int.class);
                this.users = (Integer) c.getMethod("users").invoke(probe);
            } catch (InvocationTargetException e) {
                throw new IOException(name + " could not load " + model + ": " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        double[] pass() {
            return (double[]) call(pass);
        }

        String list(int q) {
            return (String) call(list, q);
        }

        private Object call(Method m, Object... args) {
            try {
                return m.invoke(probe, args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Defines {@link BuildProbe} itself when the build's jar has none, over that build's classes. */
    private static final class ProbeLoader extends ClassLoader {
        private final byte[] probe;

        ProbeLoader(ClassLoader build, byte[] probe) {
            super(build);
            this.probe = probe;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(BuildProbe.class.getName())) {
                return defineClass(name, probe, 0, probe.length);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
