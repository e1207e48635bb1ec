package io.jrec.spark;

import io.jrec.core.ProgressListener;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.io.ModelIO;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The training job: reads interactions with Spark, trains a model and writes it as a jrec model file that
 * an application loads with {@code ModelIO.load} (no Spark needed there).
 *
 * <pre>
 * TrainJob --master local[2] --input PATH --format movielens|csv|parquet [--user COL --item COL --rating COL]
 *          [--implicit] --model itemknn|als|mf --out MODEL.jrec [--set key=value ...]
 * </pre>
 *
 * <ul>
 *   <li>{@code movielens}: tab-separated {@code user item rating timestamp} (u.data, u1.base); {@code csv}: a
 *       header line, columns named by {@code --user} (default {@code user}), {@code --item} (default
 *       {@code item}) and {@code --rating} (default none: every row counts 1); {@code parquet}: the same
 *       column options. Bad rows are rejected with their count and one example.</li>
 *   <li>{@code itemknn}: exact item neighbours on Spark ({@link DistributedNeighbors}) into an
 *       {@code ItemKnnRecommender}; keys {@code k} (50), {@code similarity} (cosine, jaccard, pearson),
 *       {@code shrinkage} (0), {@code modelSize} (neighbours kept per item for prediction and similar items;
 *       default k), {@code tasks} (0: automatic).</li>
 *   <li>{@code als}: Spark MLlib ALS ({@link SparkAls}), implicit with {@code --implicit}, exported into an
 *       {@code ImplicitAlsRecommender}; keys {@code rank} (10), {@code iterations} (10), {@code regularisation}
 *       (0.1), {@code alpha} (1), {@code seed} (42).</li>
 *   <li>{@code mf}: jrec's biased matrix factorisation (SGD, {@code MatrixFactorizationRecommender}) fitted on
 *       the driver from the data Spark read (SGD has no distributed trainer here); explicit ratings only;
 *       keys {@code rank} (100), {@code iterations} (epochs, 40), {@code regularisation} (0.02),
 *       {@code seed}.</li>
 * </ul>
 *
 * <p>Prints its progress and what it wrote to standard output. Exit codes: 0 success, 1 bad data (the
 * message says which rows), 2 bad usage.
 */
public final class TrainJob {
    private static final Map<String, Set<String>> KEYS = Map.of(
            "itemknn", Set.of("k", "similarity", "shrinkage", "modelSize", "tasks"),
            "als", Set.of("rank", "iterations", "regularisation", "regularization", "alpha", "seed"),
            "mf", Set.of("rank", "iterations", "regularisation", "regularization", "seed"));
    private static final String USAGE = "usage: TrainJob [--master URL] --input PATH --format movielens|csv|parquet "
            + "[--user COL --item COL --rating COL] [--implicit] --model itemknn|als|mf --out MODEL.jrec "
            + "[--set key=value ...]";

    private TrainJob() {
    }

    /** Runs the job and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The parsed command line. */
    static final class Options {
        String master;
        String input;
        String format;
        String user;
        String item;
        String rating;
        boolean implicit;
        String model;
        String out;
        final Map<String, String> settings = new LinkedHashMap<>();

        /**
         * @throws IllegalArgumentException with a usage message
         */
        static Options parse(String[] args) {
            Options o = new Options();
            for (int a = 0; a < args.length; a++) {
                String flag = args[a];
                if (flag.equals("--implicit")) {
                    o.implicit = true;
                    continue;
                }
                if (a + 1 >= args.length) {
                    throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unexpected '" + flag + "'");
                }
                String value = args[++a];
                switch (flag) {
                    case "--master" -> o.master = value;
                    case "--input" -> o.input = value;
                    case "--format" -> o.format = oneOf("--format", value, "movielens", "csv", "parquet");
                    case "--user" -> o.user = value;
                    case "--item" -> o.item = value;
                    case "--rating" -> o.rating = value;
                    case "--model" -> o.model = oneOf("--model", value, "itemknn", "als", "mf");
                    case "--out" -> o.out = value;
                    case "--set" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--set takes key=value, got '" + value + "'");
                        }
                        o.settings.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            require("--input", o.input);
            require("--format", o.format);
            require("--model", o.model);
            require("--out", o.out);
            if (o.format.equals("movielens") && (o.user != null || o.item != null || o.rating != null)) {
                throw new IllegalArgumentException("--user, --item and --rating apply to csv and parquet; movielens "
                        + "has the fixed columns user, item, rating, timestamp");
            }
            if (o.model.equals("mf") && o.implicit) {
                throw new IllegalArgumentException("--model mf predicts ratings; for --implicit data use als or itemknn");
            }
            for (String key : o.settings.keySet()) {
                if (!KEYS.get(o.model).contains(key)) {
                    throw new IllegalArgumentException("--set " + key + " does not apply to --model " + o.model
                            + " (its keys: " + String.join(", ", new java.util.TreeSet<>(KEYS.get(o.model))) + ")");
                }
            }
            return o;
        }

        private static String oneOf(String flag, String value, String... allowed) {
            for (String a : allowed) {
                if (a.equals(value)) {
                    return value;
                }
            }
            throw new IllegalArgumentException(flag + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }

        private static void require(String flag, String value) {
            if (value == null) {
                throw new IllegalArgumentException(flag + " is required");
            }
        }

        int intSetting(String key, int otherwise) {
            String v = settings.get(key);
            try {
                return v == null ? otherwise : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + key + " must be an integer, got '" + v + "'");
            }
        }

        double doubleSetting(String key, double otherwise) {
            String v = settings.containsKey(key) ? settings.get(key)
                    : key.equals("regularisation") ? settings.get("regularization") : null;
            try {
                return v == null ? otherwise : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + key + " must be a number, got '" + v + "'");
            }
        }
    }

    /**
     * Runs the job; returns the exit status (0, 1 bad data, 2 bad usage). Used by {@link #main} and tests.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("TrainJob: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("jrec TrainJob (" + o.model + ")");
        if (o.master != null) {
            builder.master(o.master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return run(spark, o, out);
        } catch (IllegalArgumentException e) {
            err.println("TrainJob: " + e.getMessage());
            return 2;
        } catch (BadDataException e) {
            err.println("TrainJob: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("TrainJob: cannot write " + o.out + ": " + e.getMessage());
            return 1;
        }
    }

    /** Bad input data (as opposed to bad usage). */
    private static final class BadDataException extends Exception {
        private static final long serialVersionUID = 1L;

        BadDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The job on a given session (the caller owns it). */
    static int run(SparkSession spark, Options o, PrintStream out) throws BadDataException, IOException {
        long start = System.nanoTime();
        ProgressListener progress = (stage, done, total, message) ->
                out.printf(Locale.ROOT, "  %s: %d/%d %s (%.1f s)%n", stage, done, total, message, seconds(start));
        out.printf(Locale.ROOT, "jrec TrainJob: --model %s on %s (%s%s), Spark %s, master %s%n", o.model, o.input,
                o.format, o.implicit ? ", implicit" : "", spark.version(), spark.sparkContext().master());

        // settings first: a bad --set value is a usage error before any data is read
        ItemKnnRecommender.Config knn = null;
        DistributedNeighbors neighbors = null;
        SparkAls als = null;
        MatrixFactorizationRecommender.Trainer mf = null;
        switch (o.model) {
            case "itemknn" -> {
                int k = o.intSetting("k", 50);
                neighbors = DistributedNeighbors.builder()
                        .measure(DistributedNeighbors.Measure.parse(o.settings.getOrDefault("similarity", "cosine")))
                        .shrinkage(o.doubleSetting("shrinkage", 0)).k(o.intSetting("modelSize", k))
                        .tasks(o.intSetting("tasks", 0)).build();
                knn = neighbors.itemKnnBuilder().neighbors(k).implicit(o.implicit)
                        .centering(o.implicit ? Centering.NONE : Centering.BASELINE).build();
            }
            case "als" -> als = SparkAls.builder().rank(o.intSetting("rank", 10)).iterations(o.intSetting("iterations", 10))
                    .regularization(o.doubleSetting("regularisation", 0.1)).alpha(o.doubleSetting("alpha", 1.0))
                    .seed(o.intSetting("seed", 42)).implicit(o.implicit).build();
            default -> mf = MatrixFactorizationRecommender.builder().factors(o.intSetting("rank", 100))
                    .epochs(o.intSetting("iterations", 40)).factorRegularization(o.doubleSetting("regularisation", 0.02))
                    .seed(o.intSetting("seed", 42)).build();
        }

        Dataset<Row> interactions;
        RatingMatrix train;
        try {
            SparkInteractions reader = interactions(o);
            interactions = reader.normalize(read(spark, o)).cache();
            long count = interactions.count();
            if (neighbors != null) {
                neighbors.requireBroadcastable(count, 0);
            }
            train = reader.collect(interactions);
        } catch (Exception e) {   // Scala declares no exceptions: AnalysisException (e.g. no such path) is caught here
            if (e instanceof IllegalArgumentException || e instanceof org.apache.spark.sql.AnalysisException) {
                throw new BadDataException(o.input + ": " + e.getMessage(), e);
            }
            throw e;
        }
        out.printf(Locale.ROOT, "  read %,d interactions: %,d users, %,d items (%.1f s)%n", train.size(),
                train.userCount(), train.itemCount(), seconds(start));

        Recommender model;
        if (knn != null) {
            try (ItemNeighbors lists = neighbors.compute(spark, train, progress)) {
                model = knn.fit(train, lists.table());
            }
        } else if (als != null) {
            model = als.fit(spark, interactions, train).model();
        } else {
            model = mf.fit(train, progress);
        }
        interactions.unpersist();
        out.printf(Locale.ROOT, "  trained %s (%.1f s)%n", model, seconds(start));
        Path file = Path.of(o.out);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ModelIO.save(model, file);
        out.printf(Locale.ROOT, "wrote %s: %,d bytes, %s; load it with ModelIO.load(path) (%.1f s)%n", file,
                Files.size(file), model.getClass().getSimpleName(), seconds(start));
        return 0;
    }

    private static SparkInteractions interactions(Options o) {
        boolean movielens = o.format.equals("movielens");
        return SparkInteractions.builder()
                .user(movielens ? "user" : o.user == null ? "user" : o.user)
                .item(movielens ? "item" : o.item == null ? "item" : o.item)
                .value(movielens ? "rating" : o.rating)
                .timestamp(movielens ? "timestamp" : null)
                .implicit(o.implicit)
                .build();
    }

    private static Dataset<Row> read(SparkSession spark, Options o) {
        return switch (o.format) {
            case "movielens" -> spark.read().option("sep", "\t").option("mode", "PERMISSIVE")
                    .schema("user LONG, item LONG, rating DOUBLE, timestamp LONG").csv(o.input);
            case "csv" -> spark.read().option("header", true).option("inferSchema", true).csv(o.input);
            default -> spark.read().parquet(o.input);
        };
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
