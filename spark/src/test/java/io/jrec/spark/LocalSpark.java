package io.jrec.spark;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The one Spark session of the test JVM: local[2], no UI, few shuffle partitions, created on first use
 * and reused by every test class (Spark stops it when the JVM exits).
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("jrec-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.adaptive.enabled", "false")
                    // tiny inputs: compiling generated code costs more than it saves
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** MovieLens 100K from system property {@code jrec.ml100k}, as the other modules' tests read it. */
    static Path ml100k() {
        return Paths.get(System.getProperty("jrec.ml100k", "../../shared/data/ml-100k"));
    }

    static boolean ml100kAvailable() {
        return Files.isRegularFile(ml100k().resolve("u1.base"));
    }
}
