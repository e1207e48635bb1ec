package io.jrec.models;

import io.jrec.core.Algorithm;
import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import io.jrec.core.SessionRecommender;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelIO;
import io.jrec.models.baseline.BaselinePredictor;
import io.jrec.models.baseline.PopularityRecommender;
import io.jrec.models.content.ContentBasedRecommender;
import io.jrec.models.factor.MatrixFactorizationRecommender;
import io.jrec.models.hybrid.HybridRecommender;
import io.jrec.models.internal.Baselines;
import io.jrec.models.knn.Centering;
import io.jrec.models.knn.ItemKnnRecommender;
import io.jrec.models.knn.UserKnnRecommender;
import io.jrec.models.linear.EaseRecommender;
import io.jrec.similarity.Similarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.jrec.models.ModelFiles.headerLength;
import static io.jrec.models.ModelFiles.indexOf;
import static io.jrec.models.ModelFiles.resealChecksum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model type with a codec round-trips through {@link ModelIO} to identical {@code topN} (items,
 * scores, source), session lists and {@code predict} values; a real model file that is truncated or
 * bit-flipped fails with a {@link ModelFormatException}; and payloads corrupted behind a recomputed
 * checksum (a hostile file) either fail cleanly or load a model that still answers queries.
 */
public class PersistenceTest {
    @TempDir
    Path dir;

    private static final ItemFilter FILTER = ItemFilter.builder().deny(50_001).require(id -> id % 2 == 0).build();

    /** The algorithms whose models can be saved: every type, with extra settings. */
    static Map<String, Algorithm> saveable() {
        Map<String, Algorithm> a = ConcurrencyStressTest.algorithms();
        a.put("item-knn pearson mean shrink", ItemKnnRecommender.builder().similarity(Similarity.pearson())
                .shrinkage(10).centering(Centering.MEAN).neighbors(10).modelSize(30).build());
        a.put("user-knn jaccard none implicit", UserKnnRecommender.builder().similarity(Similarity.jaccard())
                .centering(Centering.NONE).implicit(true).neighbors(10).build());
        a.put("popularity weighted", PopularityRecommender.builder().weighted(true).build());
        a.put("hybrid switching", HybridRecommender.builder().add(UserKnnRecommender.builder().neighbors(10).build(), 1)
                .add(MatrixFactorizationRecommender.builder().factors(4).epochs(2).build(), 1)
                .normalization(HybridRecommender.Normalization.MIN_MAX).candidatesPerModel(30)
                .switching(20, PopularityRecommender.builder().build()).build());
        a.put("hybrid new items by listing members", HybridRecommender.builder()
                .add(ItemKnnRecommender.builder().neighbors(10).build(), 0.7)
                .add(ContentBasedRecommender.builder().features(ConcurrencyStressTest.vectorFeatures()).build(), 0.3)
                .newItems(HybridRecommender.NewItems.BY_LISTING_MEMBERS).build());
        return a;
    }

    /** Answers to a fixed set of queries: topN of known and unknown users, with filters, sessions, predict. */
    public static List<Object> answers(Recommender r, RatingMatrix m) {
        return answers(r, m, 300);
    }

    public static List<Object> answers(Recommender r, RatingMatrix m, int queries) {
        Random random = new Random(3);
        List<Object> out = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            long user = q % 5 == 0 ? 777_777 + q : m.users().idAt(random.nextInt(m.userCount()));
            long item = q % 7 == 0 ? -1 : m.items().idAt(random.nextInt(m.itemCount()));
            out.add(snapshot(r.topN(user, 10)));
            out.add(snapshot(r.topN(user, 5, FILTER)));
            out.add(Double.doubleToLongBits(r.predict(user, item)));
            if (r instanceof SessionRecommender s) {
                long[] session = {m.items().idAt(random.nextInt(m.itemCount())), 12345,
                        m.items().idAt(random.nextInt(m.itemCount()))};
                out.add(snapshot(s.topNForSession(session, new float[]{1, 2, 5}, 10, ItemFilter.excludeSeen())));
            }
        }
        return out;
    }

    private static List<Object> snapshot(Recommendations r) {
        return List.of(r.source(), List.copyOf(r));
    }

    @Test
    void everyModelTypeRoundTripsToIdenticalAnswers() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        StringBuilder sizes = new StringBuilder("Saved model sizes (" + m + "):\n");
        for (Map.Entry<String, Algorithm> e : saveable().entrySet()) {
            Recommender model = e.getValue().fit(m);
            Path file = dir.resolve(e.getKey().replace(' ', '_') + ".jrec");
            ModelIO.save(model, file);
            Recommender loaded = ModelIO.load(file);
            assertEquals(model.getClass(), loaded.getClass(), e.getKey());
            assertEquals(answers(model, m), answers(loaded, m), e.getKey() + ": loaded model answers differently");
            // the loaded model saves to the same bytes
            Path again = dir.resolve("again.jrec");
            ModelIO.save(loaded, again);
            assertEquals(ByteBuffer.wrap(Files.readAllBytes(file)), ByteBuffer.wrap(Files.readAllBytes(again)),
                    e.getKey());
            sizes.append(String.format("  %-32s %,10d bytes%n", e.getKey(), Files.size(file)));
        }
        System.out.print(sizes);
        assertTrue(ModelIO.supportedTypes().containsAll(List.of("PopularityRecommender", "BaselinePredictor",
                "ItemKnnRecommender", "UserKnnRecommender", "MatrixFactorizationRecommender",
                "ImplicitAlsRecommender", "EaseRecommender", "HybridRecommender")), ModelIO.supportedTypes().toString());
    }

    @Test
    void loadWithExpectedClassNamesBothTypes() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        Path file = dir.resolve("pop.jrec");
        ModelIO.save(PopularityRecommender.builder().build().fit(m), file);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(file, ItemKnnRecommender.class));
        assertEquals(file + ": holds a PopularityRecommender, not a ItemKnnRecommender", e.getMessage());
        assertInstanceOf(PopularityRecommender.class, ModelIO.load(file, PopularityRecommender.class));
    }

    @Test
    void unsaveableSimilarityIsRejectedWithAMessage() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        Recommender knn = ItemKnnRecommender.builder().similarity(Similarity.adjustedCosine(m)).build().fit(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(knn, dir.resolve("x.jrec")));
        assertTrue(e.getMessage().startsWith("cannot save a KNN model with similarity 'adjusted cosine"), e.getMessage());
        assertTrue(e.getMessage().contains("only cosine, Pearson, Jaccard and weighted Jaccard"), e.getMessage());
        Recommender hybrid = HybridRecommender.builder().add(ConcurrencyStressTest.algorithms().get("content"), 1)
                .add(PopularityRecommender.builder().build(), 1).build().fit(m);
        ModelIO.save(hybrid, dir.resolve("y.jrec"));   // a content member has a codec now
        assertEquals(answers(hybrid, m, 50), answers(ModelIO.load(dir.resolve("y.jrec")), m, 50));
    }

    /**
     * Truncation at every header length and 100 payload lengths; every header bit and 300 payload bits;
     * of an item-KNN, a NeuMF and a content-based model file.
     */
    @Test
    void truncatedOrBitFlippedRealModelFileFailsCleanly() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        assertCorruptFilesRejected("item-KNN", ItemKnnRecommender.builder().neighbors(5).modelSize(10).build().fit(m));
        assertCorruptFilesRejected("NeuMF", ConcurrencyStressTest.algorithms().get("neumf").fit(m));
        assertCorruptFilesRejected("content", ConcurrencyStressTest.algorithms().get("content").fit(m));
    }

    private void assertCorruptFilesRejected(String label, Recommender model) throws IOException {
        Path file = dir.resolve("model.jrec");
        ModelIO.save(model, file);
        byte[] good = Files.readAllBytes(file);
        int header = headerLength(good);
        Random random = new Random(5);
        Path bad = dir.resolve("bad.jrec");
        int cases = 0;
        for (int k = 0; k < header + 100; k++) {
            int length = k < header ? k : header + random.nextInt(good.length - header);
            Files.write(bad, java.util.Arrays.copyOf(good, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(bad));
            assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a jrec model")
                    || e.getMessage().contains("corrupted"), length + ": " + e.getMessage());
            cases++;
        }
        for (int k = 0; k < header * 8 + 300; k++) {
            int bit = k < header * 8 ? k : header * 8 + random.nextInt((good.length - header) * 8);
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(bad, flipped);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.load(bad),
                    "bit " + bit + " flipped");
            assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
            cases++;
        }
        System.out.println("Model file corruption: " + cases + " truncated/bit-flipped files of a " + good.length
                + "-byte " + label + " model, all rejected with ModelFormatException");
    }

    /**
     * A hostile payload: bytes flipped and the checksum recomputed, so the codec itself must catch it.
     * Each case either fails with ModelFormatException or loads a model whose queries do not throw.
     */
    @Test
    void corruptionBehindAValidChecksumNeverEscapesAsAnotherException() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        Random random = new Random(9);
        int rejected = 0;
        int loaded = 0;
        for (Map.Entry<String, Algorithm> e : saveable().entrySet()) {
            if (e.getKey().equals("ease")) {
                continue;   // 640 KB of weights: flips there are value changes, covered by the others
            }
            Recommender model = e.getValue().fit(m);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            ModelIO.save(model, bytes, 1);   // format version 1: one payload checksum, resealed below
            byte[] good = bytes.toByteArray();
            int header = headerLength(good);
            for (int k = 0; k < 40; k++) {
                byte[] bad = good.clone();
                int p = header + random.nextInt(good.length - header);
                switch (k % 3) {
                    case 0 -> bad[p] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> bad[p] = (byte) 0xFF;                       // lengths become huge or negative
                    default -> bad[p] = (byte) random.nextInt(256);
                }
                resealChecksum(bad, header);
                Recommender r;
                try {
                    r = ModelIO.load(new ByteArrayInputStream(bad));
                } catch (ModelFormatException expected) {
                    rejected++;
                    continue;
                }
                loaded++;
                answers(r, m, 20);   // must not throw
            }
        }
        System.out.println("Hostile payloads (checksum recomputed): " + (rejected + loaded) + " cases, "
                + rejected + " rejected with ModelFormatException, " + loaded
                + " loaded as a different but usable model (value flips)");
        assertTrue(rejected > 0);
    }

    /**
     * A baseline keeps its settings through a save, so the loaded model updates exactly like the saved
     * one; a file in the earlier layout (name "...iterations=10)" and no settings after the biases) still
     * loads, with the settings read from the name and the default cap of rounds.
     */
    @Test
    void baselineSettingsSurviveSavingAndEarlierFilesStillLoad() throws IOException {
        RatingMatrix[] data = Fixtures.baseAndBatch();
        BaselinePredictor model = BaselinePredictor.builder().lambdaItem(2).lambdaUser(3).iterations(500).build()
                .fit(data[0]);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelIO.save(model, bytes, 1);   // format version 1: one payload checksum, resealed below
        byte[] file = bytes.toByteArray();
        BaselinePredictor loaded = (BaselinePredictor) ModelIO.load(new ByteArrayInputStream(file));
        assertEquals(model.name(), loaded.name());
        RatingMatrix merged = data[0].merge(data[1], io.jrec.core.DuplicatePolicy.LAST);
        assertEquals(answers(model.update(data[1]), merged), answers(loaded.update(data[1]), merged));

        // the earlier layout: the name as Config.name() wrote it then, and nothing after the biases
        int header = headerLength(file);
        byte[] name = model.name().getBytes(StandardCharsets.UTF_8);
        byte[] oldName = "Baseline(lambdaItem=2.0, lambdaUser=3.0, iterations=10)".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(file, name) - 4;
        ByteBuffer legacy = ByteBuffer.allocate(file.length - name.length + oldName.length - 20);
        legacy.put(file, 0, at).putInt(oldName.length).put(oldName);
        legacy.put(file, at + 4 + name.length, file.length - 20 - (at + 4 + name.length));
        byte[] old = legacy.array();
        ByteBuffer.wrap(old, header - 12, 8).putLong(old.length - header);
        resealChecksum(old, header);
        BaselinePredictor fromOld = (BaselinePredictor) ModelIO.load(new ByteArrayInputStream(old));
        assertEquals("Baseline(lambdaItem=2.0, lambdaUser=3.0, maxIterations=1000)", fromOld.name());
        for (int u = 0; u < data[0].userCount(); u++) {
            long user = data[0].users().idAt(u);
            assertEquals(model.userBias(user), fromOld.userBias(user), 0);
        }
        for (int i = 0; i < data[0].itemCount(); i++) {
            long item = data[0].items().idAt(i);
            assertEquals(model.itemBias(item), fromOld.itemBias(item), 0);
        }
        BaselinePredictor refit = BaselinePredictor.builder().lambdaItem(2).lambdaUser(3).build().fit(merged);
        assertEquals(refit.predict(5_000_000, 99_999), fromOld.update(data[1]).predict(5_000_000, 99_999),
                4 * Baselines.errorBound(merged, 2, 3, Baselines.TOLERANCE));

        // an earlier-layout name that does not state the settings is corrupted
        byte[] bad = old.clone();
        int p = indexOf(bad, "lambdaItem".getBytes(StandardCharsets.UTF_8));
        bad[p] = 'X';
        resealChecksum(bad, header);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("baseline settings missing and name 'Baseline(XambdaItem=2.0"),
                e.getMessage());
    }

    /**
     * A model both blended and in the fallback chain is stored once and loads as one shared instance;
     * the file is smaller than that of a hybrid whose chain fits a separate, equal model by about the
     * size of that model. A file of the earlier layout (every model written in place) still loads.
     */
    @Test
    void hybridStoresASharedMemberOnce() throws IOException {
        RatingMatrix m = ConcurrencyStressTest.fixture();
        Algorithm knn = ItemKnnRecommender.builder().neighbors(20).build();
        Algorithm popularity = PopularityRecommender.builder().build();
        HybridRecommender shared = HybridRecommender.builder().add(knn, 0.7).add(popularity, 0.3)
                .switching(5, knn, popularity).build().fit(m);
        assertSame(shared.members().get(0), shared.fallbackChain().get(0));
        HybridRecommender separate = HybridRecommender.builder().add(knn, 0.7).add(popularity, 0.3)
                .switching(5, ItemKnnRecommender.builder().neighbors(20).build(), PopularityRecommender.builder().build())
                .build().fit(m);
        byte[] sharedFile = saved(shared);
        byte[] separateFile = saved(separate);
        byte[] knnFile = saved(shared.members().get(0));
        byte[] popularityFile = saved(shared.members().get(1));
        System.out.printf("Hybrid with item-KNN and popularity both blended and in the chain: %,d bytes; with separate "
                        + "chain models: %,d bytes (item-KNN alone %,d, popularity alone %,d)%n", sharedFile.length,
                separateFile.length, knnFile.length, popularityFile.length);
        assertTrue(separateFile.length - sharedFile.length > 0.95 * (knnFile.length + popularityFile.length),
                sharedFile.length + " vs " + separateFile.length);
        HybridRecommender loaded = (HybridRecommender) ModelIO.load(new ByteArrayInputStream(sharedFile));
        assertSame(loaded.members().get(0), loaded.fallbackChain().get(0));
        assertSame(loaded.members().get(1), loaded.fallbackChain().get(1));
        assertEquals(answers(shared, m), answers(loaded, m));
        assertEquals(ByteBuffer.wrap(sharedFile), ByteBuffer.wrap(saved(loaded)));

        // the earlier layout, rebuilt from the current one: after the weights, the member count and
        // the members in place, then the chain length and each chain model in place with its name
        byte[] legacy = earlierHybridLayout(sharedFile);
        HybridRecommender fromOld = (HybridRecommender) ModelIO.load(new ByteArrayInputStream(legacy));
        assertEquals(answers(shared, m), answers(fromOld, m));
        assertTrue(fromOld.members().get(0) != fromOld.fallbackChain().get(0), "the earlier layout has two copies");
        // saved again, it is in the current layout (with its two separate instances stored once each)
        byte[] resaved = saved(fromOld);
        assertEquals(separateFile.length, resaved.length);
        assertEquals(answers(shared, m), answers(ModelIO.load(new ByteArrayInputStream(resaved)), m));
    }

    private static byte[] saved(Recommender model) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelIO.save(model, bytes, 1);   // format version 1: one payload checksum, resealed below
        return bytes.toByteArray();
    }

    /** {@code file} (a hybrid of the current layout) rewritten in the earlier layout, resealed. */
    private static byte[] earlierHybridLayout(byte[] file) {
        int header = headerLength(file);
        byte[] type = "ItemKnnRecommender".getBytes(StandardCharsets.UTF_8);
        // -2 opens the current layout (HybridCodec.SHARED_MEMBERS_LAYOUT), then 2 distinct models
        ByteBuffer marker = ByteBuffer.allocate(12 + type.length).putInt(-2).putInt(2)
                .putInt(type.length).put(type);
        int at = indexOf(file, marker.array());
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(at + 4);
        int distinctCount = in.getInt();
        byte[][] models = new byte[distinctCount][];
        for (int k = 0; k < distinctCount; k++) {
            int start = in.position();
            in.position(start + 4 + in.getInt(start));           // type string
            in.position(in.position() + 4 + in.getInt(in.position()));   // payload bytes
            models[k] = Arrays.copyOfRange(file, start, in.position());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(file, 0, at);
        int members = in.getInt();
        out.writeBytes(ByteBuffer.allocate(4).putInt(members).array());
        for (int k = 0; k < members; k++) {
            out.writeBytes(models[in.getInt()]);
        }
        int chain = in.getInt();
        out.writeBytes(ByteBuffer.allocate(4).putInt(chain).array());
        for (int k = 0; k < chain; k++) {
            out.writeBytes(models[in.getInt()]);
            int nameStart = in.position();
            in.position(nameStart + 4 + in.getInt(nameStart));
            out.write(file, nameStart, in.position() - nameStart);
        }
        out.write(file, in.position(), file.length - in.position());
        byte[] legacy = out.toByteArray();
        ByteBuffer.wrap(legacy, header - 12, 8).putLong(legacy.length - header);
        resealChecksum(legacy, header);
        return legacy;
    }

    @Test
    void typeNameIsWrittenInTheHeader() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelIO.save(EaseRecommender.builder().build().fit(ConcurrencyStressTest.fixture()), bytes);
        byte[] b = bytes.toByteArray();
        assertEquals("EaseRecommender", new String(b, 10, ByteBuffer.wrap(b, 6, 4).getInt(), StandardCharsets.UTF_8));
    }
}
