package io.jrec.core.io;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelIOTest {

    /** A toy model: a fixed score per item, so the format machinery can be tested in core. */
    static final class FixedScores extends AbstractRecommender {
        final float[] itemScores;

        FixedScores(RatingMatrix train, float[] itemScores) {
            super(train, "FixedScores");
            this.itemScores = itemScores;
        }

        @Override
        protected void scoreItems(int user, float[] scores) {
            System.arraycopy(itemScores, 0, scores, 0, scores.length);
        }

        @Override
        protected double predictIndex(int user, int item) {
            return itemScores[item];
        }
    }

    public static final class FixedScoresCodec implements ModelCodec<FixedScores> {
        @Override
        public String type() {
            return "FixedScores";
        }

        @Override
        public Class<FixedScores> modelClass() {
            return FixedScores.class;
        }

        @Override
        public void write(FixedScores model, ModelOutput out) throws IOException {
            out.writeRatingMatrix(model.trainingData());
            out.writeFloats(model.itemScores);
        }

        @Override
        public FixedScores read(ModelInput in) throws IOException {
            RatingMatrix train = in.readRatingMatrix();
            float[] scores = in.readFloats();
            in.check(scores.length == train.itemCount(), "scores for " + scores.length + " items, matrix has "
                    + train.itemCount());
            return new FixedScores(train, scores);
        }
    }

    static FixedScores model() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 5, 100).add(1, 11, 3, 101).add(2, 12, 4, 102).add(3, 10, 1, 5_000_000_000L)
                .build();
        return new FixedScores(m, new float[]{0.5f, 2f, 1f});
    }

    static byte[] bytes(Recommender r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.save(r, out);
        return out.toByteArray();
    }

    static byte[] bytes(Recommender r, int version, int chunkBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.save(r, out, version, chunkBytes);
        return out.toByteArray();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelIOTest.class.getResourceAsStream("v1/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String loadError(byte[] file) {
        return assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(file)))
                .getMessage();
    }

    private static String loadError(Path file) {
        return assertThrows(ModelFormatException.class, () -> ModelIO.load(file)).getMessage();
    }

    private static List<Object> answers(Recommender r) {
        List<Object> answers = new ArrayList<>();
        for (long user : new long[]{1, 2, 3, 99}) {
            answers.add(r.topN(user, 3));
            for (long item : new long[]{10, 11, 12, 13}) {
                answers.add(r.predict(user, item));
            }
        }
        return answers;
    }

    @Test
    void roundTripGivesIdenticalAnswers(@TempDir Path dir) throws IOException {
        FixedScores original = model();
        Path file = dir.resolve("model.jrec");
        ModelIO.save(original, file);
        FixedScores loaded = ModelIO.load(file, FixedScores.class);
        assertEquals(answers(original), answers(loaded));
        assertEquals(5_000_000_000L, loaded.trainingData().byUser().timestamp(3));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        // a second save replaces the first
        RatingMatrix m = original.trainingData();
        ModelIO.save(new FixedScores(m, new float[]{9, 8, 7}), file);
        assertEquals(9.0, ModelIO.load(file).predict(1, 10));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    /**
     * The bytes {@code save} writes are exactly the layout of the class comment, built here by hand from
     * the payload, for chunk sizes that put array elements across chunk ends; the payload itself is the
     * one version 1 writes; and every such file loads back to an equal model.
     */
    @Test
    void writerFollowsTheDocumentedLayoutForAnyChunkSize() throws IOException {
        ArrayModel arrays = ArrayModel.of(3, 300, 101, 37, 19);
        byte[] v1 = bytes(arrays, 1, ModelIO.CHUNK_BYTES);
        byte[] payload = Arrays.copyOfRange(v1, 4 + 2 + 4 + "ArrayModel".length() + 8 + 4, v1.length);
        assertEquals(arrays.payloadBytes(), payload.length);
        assertArrayEquals(v1, Format.version1("ArrayModel", payload));
        for (int chunk : new int[]{16, 17, 100, 4096, 4 * 300 + 8, ModelIO.CHUNK_BYTES}) {
            byte[] v2 = bytes(arrays, 2, chunk);
            assertArrayEquals(Format.version2("ArrayModel", payload, chunk), v2, "chunk " + chunk);
            assertEquals(arrays, ModelIO.load(new ByteArrayInputStream(v2)), "chunk " + chunk);
            assertEquals(answers(model()), answers(ModelIO.load(new ByteArrayInputStream(bytes(model(), 2, chunk)))));
        }
        assertArrayEquals(bytes(arrays, 2, ModelIO.CHUNK_BYTES), bytes(arrays));
        // a payload of exactly two chunks has two checksums and nothing after them
        byte[] exact = bytes(arrays, 2, payload.length / 2 + payload.length % 2);
        assertEquals(Format.headerBytes2(exact) + payload.length + 8, exact.length);
    }

    /** Files written before format version 2 (bytes made by that code, in test resources) still load. */
    @Test
    void version1FilesFromTheEarlierFormatStillLoad(@TempDir Path dir) throws IOException {
        byte[] fixed = resource("fixed-scores.jrec");
        assertEquals(1, ByteBuffer.wrap(fixed).getShort(4));
        assertEquals(answers(model()), answers(ModelIO.load(new ByteArrayInputStream(fixed))));
        Path file = dir.resolve("old.jrec");
        Files.write(file, fixed);
        assertEquals(answers(model()), answers(ModelIO.load(file, FixedScores.class)));

        Recommender chain = ModelIO.load(new ByteArrayInputStream(resource("nested-chain.jrec")));
        assertEquals(answers(NestedModelTest.outerChain()), answers(chain));

        byte[] arrays = resource("array-model.jrec");
        assertEquals(ArrayModel.of(7, 300, 100, 50, 20), ModelIO.load(new ByteArrayInputStream(arrays)));

        // version 1 on request writes exactly those bytes again
        assertArrayEquals(fixed, bytes(model(), 1, ModelIO.CHUNK_BYTES));
        assertArrayEquals(resource("nested-chain.jrec"), bytes(NestedModelTest.outerChain(), 1, ModelIO.CHUNK_BYTES));
        assertArrayEquals(arrays, bytes(ArrayModel.of(7, 300, 100, 50, 20), 1, ModelIO.CHUNK_BYTES));
    }

    @Test
    void everyTruncationFailsCleanly(@TempDir Path dir) throws IOException {
        for (byte[] full : List.of(bytes(model()), bytes(model(), 2, 64), resource("fixed-scores.jrec"))) {
            for (int length = 0; length < full.length; length++) {
                byte[] cut = Arrays.copyOf(full, length);
                String message = loadError(cut);
                assertTrue(message.startsWith("truncated") || message.startsWith("corrupted"), length + ": " + message);
            }
        }
        byte[] full = bytes(model(), 2, 64);
        Path file = dir.resolve("cut.jrec");
        for (int length = Format.headerBytes2(full); length < full.length; length += 7) {
            Files.write(file, Arrays.copyOf(full, length));
            assertTrue(loadError(file).startsWith(file + ": truncated: header declares "), loadError(file));
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws IOException {
        for (byte[] full : List.of(bytes(model()), bytes(model(), 2, 64), resource("fixed-scores.jrec"),
                resource("nested-chain.jrec"))) {
            for (int bit = 0; bit < full.length * 8; bit++) {
                byte[] flipped = full.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(flipped)),
                        "bit " + bit);
            }
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        Random random = new Random(7);
        for (byte[] full : List.of(bytes(model(), 2, 64), resource("fixed-scores.jrec"))) {
            for (int trial = 0; trial < 2000; trial++) {
                byte[] bad = Arrays.copyOf(full, 1 + random.nextInt(full.length));
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                try {
                    ModelIO.load(new ByteArrayInputStream(bad));
                } catch (ModelFormatException expected) {
                    // the only acceptable failure
                }
            }
        }
    }

    @Test
    void headerProblemsAreNamed() throws IOException {
        byte[] full = bytes(model());
        byte[] magic = full.clone();
        magic[0] = 'X';
        assertEquals("not a jrec model: magic number is 0x58524543, expected 0x4a524543", loadError(magic));

        byte[] version = full.clone();
        version[5] = 9;
        assertEquals("unsupported model format version 9; this jrec reads versions 1 and 2", loadError(version));

        byte[] typeLength = full.clone();
        ByteBuffer.wrap(typeLength).putInt(6, 100_000);
        assertEquals("corrupted header: model type length 100000", loadError(typeLength));

        byte[] payload = Format.payload(full);
        assertTrue(loadError(Format.version2("GixedScores", payload, ModelIO.CHUNK_BYTES))
                .startsWith("unknown model type 'GixedScores'; known types: [ArrayModel, FixedScores, Flaky, "));

        byte[] type = full.clone();
        type[10] = 'G';   // "FixedScores" -> "GixedScores" without resealing the header
        assertTrue(loadError(type).matches("corrupted header: checksum mismatch \\(CRC32 0x[0-9a-f]+, header says"
                + " 0x[0-9a-f]+\\)"), loadError(type));

        byte[] flipped = full.clone();
        flipped[flipped.length - 5] ^= 1;   // the last payload byte, before the chunk's checksum
        assertTrue(loadError(flipped).startsWith("checksum mismatch: the model data is corrupted in chunk 1 of 1 "
                + "(payload bytes 0.." + (payload.length - 1) + "; CRC32 0x"), loadError(flipped));

        // in a multi-chunk file the message names the chunk and its payload bytes
        byte[] chunked = bytes(model(), 2, 32);
        int third = Format.headerBytes2(chunked) + 2 * 36 + 10;
        chunked[third] ^= 1;
        int chunks = (payload.length + 31) / 32;
        assertTrue(loadError(chunked).startsWith("checksum mismatch: the model data is corrupted in chunk 3 of "
                + chunks + " (payload bytes 64..95; CRC32 0x"), loadError(chunked));

        // two chunks swapped: each has its own valid checksum, but the running checksum catches it
        byte[] swapped = bytes(model(), 2, 32);
        int first = Format.headerBytes2(swapped);
        byte[] one = Arrays.copyOfRange(swapped, first, first + 36);
        System.arraycopy(swapped, first + 36, swapped, first, 36);
        System.arraycopy(one, 0, swapped, first + 36, 36);
        assertTrue(loadError(swapped).startsWith("checksum mismatch: the model data is corrupted in chunk 1 of "));
    }

    /** Every hostile header field fails with its message before anything large is allocated. */
    @Test
    void hostileHeadersFailBeforeAllocating(@TempDir Path dir) throws IOException {
        byte[] payload = Format.payload(bytes(model()));
        String type = "FixedScores";
        int chunk = ModelIO.CHUNK_BYTES;

        assertEquals(177, payload.length);   // the figures in the README's table of messages
        byte[] huge = Format.version2(type, 1L << 40, chunk, payload);
        assertEquals(218, huge.length);
        assertEquals("payload of 1099511627776 bytes is over the limit of 1073741824 bytes for streams: load it"
                + " from a file, or pass a larger limit to load(InputStream, long)", loadError(huge));
        Path hugeFile = dir.resolve("huge.jrec");
        Files.write(hugeFile, huge);
        assertEquals(hugeFile + ": truncated: header declares 1099511627776 payload bytes but the file holds "
                + huge.length, loadError(hugeFile));
        byte[] max = Format.version2(type, Long.MAX_VALUE, MIN_CHUNK, payload);
        Files.write(hugeFile, max);
        assertEquals(hugeFile + ": truncated: header declares " + Long.MAX_VALUE + " payload bytes but the file"
                + " holds " + max.length, loadError(hugeFile));

        // declared within the limits but far beyond the data: truncated, after allocating one chunk buffer
        byte[] lying = Format.version2(type, (1L << 30) - 1, chunk, payload);
        long allocated = allocatedBytes(() -> assertEquals("truncated: stream ends before the model is complete",
                loadError(lying)));
        assertTrue(allocated < (4 << 20), allocated + " bytes allocated");
        Path lyingFile = dir.resolve("lying.jrec");
        Files.write(lyingFile, lying);
        assertEquals(lyingFile + ": truncated: header declares 1073741823 payload bytes but the file holds "
                + lying.length, loadError(lyingFile));
        // a chunk size that does not match the file: the checksums it implies do not fit
        byte[] oneChunk = Format.version2(type, payload, chunk);
        byte[] header16 = Format.header2(type, payload.length, 16);
        System.arraycopy(header16, 0, oneChunk, 0, header16.length);
        Files.write(lyingFile, oneChunk);
        int chunks16 = (payload.length + 15) / 16;
        assertEquals(lyingFile + ": truncated: header declares " + payload.length + " payload bytes in " + chunks16
                + " chunks (" + (header16.length + payload.length + 4 * chunks16) + " bytes with header and checksums)"
                + " but the file holds " + oneChunk.length, loadError(lyingFile));

        byte[] negative = Format.version2(type, -5, chunk, payload);
        assertEquals("corrupted header: payload length -5", loadError(negative));
        for (int bad : new int[]{0, -1, 8, MIN_CHUNK - 1, (1 << 24) + 1, Integer.MIN_VALUE}) {
            assertEquals("corrupted header: chunk size " + bad + " is outside 16..16777216",
                    loadError(Format.version2(type, payload.length, bad, new byte[0])));
        }

        Path longer = dir.resolve("longer.jrec");
        byte[] good = bytes(model());
        Files.write(longer, Arrays.copyOf(good, good.length + 3));
        assertEquals(longer + ": corrupted: 3 bytes after the end of the model (header declares " + payload.length
                + " payload bytes, " + good.length + " in all)", loadError(longer));

        // a stream limit chosen by the caller
        assertEquals("payload of " + payload.length + " bytes is over the limit of 100 bytes for streams: load it"
                        + " from a file, or pass a larger limit to load(InputStream, long)",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(good), 100))
                        .getMessage());
        assertEquals(answers(model()), answers(ModelIO.load(new ByteArrayInputStream(good), payload.length)));
        assertEquals("maxPayloadBytes must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> ModelIO.load(new ByteArrayInputStream(good), -1)).getMessage());
    }

    private static final int MIN_CHUNK = ModelIO.MIN_CHUNK_BYTES;

    /**
     * A payload with a valid checksum whose array length lies: from a file it exceeds what remains; from a
     * stream that ends early, the array grows only as far as bytes arrive.
     */
    @Test
    void hostileArrayLengthsFailBeforeAllocating(@TempDir Path dir) throws IOException {
        ByteBuffer p = ByteBuffer.allocate(20).putInt(7).putInt(200_000_000).putFloat(1).putFloat(2).putFloat(3);
        byte[] file = Format.version2("ArrayModel", p.array(), ModelIO.CHUNK_BYTES);
        Path path = dir.resolve("array.jrec");
        Files.write(path, file);
        long allocated = allocatedBytes(() -> assertEquals(path + ": corrupted model: array length 200000000 needs"
                + " 800000000 bytes but only 12 remain", loadError(path)));
        assertTrue(allocated < (4 << 20), allocated + " bytes allocated");

        // the same payload declared 800 MB long: a stream has to be believed until it ends
        byte[] stream = Format.version2("ArrayModel", 800_000_020L, ModelIO.CHUNK_BYTES, p.array());
        allocated = allocatedBytes(() -> assertEquals("truncated: stream ends before the model is complete",
                loadError(stream)));
        assertTrue(allocated < (4 << 20), allocated + " bytes allocated");

        ModelInput negative = new ModelInput(ByteBuffer.allocate(8).putInt(-3).array());
        assertEquals("corrupted model: array length -3 needs -12 bytes but only 4 remain",
                assertThrows(ModelFormatException.class, negative::readInts).getMessage());
        ModelInput in = new ModelInput(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).array());
        assertEquals("corrupted model: array length 2147483647 needs 8589934588 bytes but only 4 remain",
                assertThrows(ModelFormatException.class, in::readFloats).getMessage());
    }

    @Test
    void payloadProblemsAreNamed() throws IOException {
        // a valid header and checksums around a payload with one byte too many
        byte[] payload = Format.payload(bytes(model()));
        byte[] longer = Format.version2("FixedScores", Arrays.copyOf(payload, payload.length + 1), 64);
        assertEquals("corrupted FixedScores model: 1 unread payload bytes", loadError(longer));
        byte[] shorter = Format.version2("FixedScores", Arrays.copyOf(payload, payload.length - 1), 64);
        assertEquals("corrupted model: array length 3 needs 12 bytes but only 11 remain", loadError(shorter));

        ModelInput bool = new ModelInput(new byte[]{7});
        assertEquals("corrupted model: boolean byte is 7",
                assertThrows(ModelFormatException.class, bool::readBoolean).getMessage());
        ModelInput shortInput = new ModelInput(new byte[]{1, 2});
        assertEquals("corrupted model: payload ends 2 bytes early",
                assertThrows(ModelFormatException.class, shortInput::readInt).getMessage());
        ModelInput check = new ModelInput(new byte[0]);
        assertEquals("corrupted model: 3 scores for 2 items",
                assertThrows(ModelFormatException.class, () -> check.check(false, "3 scores for 2 items")).getMessage());
        assertEquals("corrupted model: weight NaN is not finite", check.corrupted("weight NaN is not finite").getMessage());
    }

    /** Version-1 headers keep the messages they always had. */
    @Test
    void version1HeaderProblemsAreNamed(@TempDir Path dir) throws IOException {
        byte[] full = resource("fixed-scores.jrec");
        int lengthAt = 4 + 2 + 4 + "FixedScores".length();
        byte[] huge = full.clone();
        ByteBuffer.wrap(huge).putLong(lengthAt, 1L << 40);
        assertEquals("corrupted header: payload length 1099511627776", loadError(huge));

        byte[] lying = full.clone();
        ByteBuffer.wrap(lying).putLong(lengthAt, (1L << 30) - 1);
        long allocated = allocatedBytes(() -> assertTrue(loadError(lying).startsWith("truncated: payload has 177 of"
                + " 1073741823 bytes"), loadError(lying)));
        assertTrue(allocated < (4 << 20), allocated + " bytes allocated");
        Path file = dir.resolve("lying.jrec");
        Files.write(file, lying);
        assertEquals(file + ": truncated: header declares 1073741823 payload bytes but the file holds 177",
                loadError(file));

        byte[] payload = full.clone();
        payload[payload.length - 1] ^= 1;
        assertTrue(loadError(payload).startsWith("checksum mismatch: the model data is corrupted (CRC32 0x"));
    }

    /** Large arrays load through the chunk buffer: no byte array of the payload's size, and none while saving. */
    @Test
    void largeArraysStreamWithoutAFullSizeCopy(@TempDir Path dir) throws IOException {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        ArrayModel big = ArrayModel.ofSize(5, 40_000_000);
        Path file = dir.resolve("big.jrec");
        long saving = allocatedBytes(() -> ModelIO.save(big, file));
        long payload = big.payloadBytes();
        assertEquals(Format.headerBytes2(bytes(ArrayModel.of(0, 0, 0, 0, 0))) + payload
                + 4 * ((payload + ModelIO.CHUNK_BYTES - 1) / ModelIO.CHUNK_BYTES), Files.size(file));
        ArrayModel[] loaded = new ArrayModel[1];
        long loading = allocatedBytes(() -> loaded[0] = ModelIO.load(file, ArrayModel.class));
        assertNull(loaded[0].check(big.floats.length, big.ints.length, big.longs.length, big.doubles.length));
        System.out.printf("ModelIO, %,d-byte payload: save allocated %,d bytes, load %,d bytes (the arrays: %,d)%n",
                payload, saving, loading, payload - 20);
        assertTrue(saving < (2 << 20), "save allocated " + saving);
        assertTrue(loading < payload + (2 << 20), "load allocated " + loading);
    }

    @Test
    void aStreamIsReadNoFurtherThanTheModel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.save(model(), out);
        ModelIO.save(ArrayModel.of(2, 5, 6, 7, 8), out, 1);
        ModelIO.save(ArrayModel.of(3, 50_000, 6, 7, 8), out);
        out.write(42);
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(answers(model()), answers(ModelIO.load(in)));
        assertEquals(ArrayModel.of(2, 5, 6, 7, 8), ModelIO.load(in));
        assertEquals(ArrayModel.of(3, 50_000, 6, 7, 8), ModelIO.load(in));
        assertEquals(42, in.read());
    }

    /** An I/O error of the source is not a format problem: it reaches the caller as it was thrown. */
    @Test
    void readErrorsAreNotReportedAsCorruption() throws IOException {
        byte[] good = bytes(ArrayModel.of(1, 1000, 10, 10, 10), 2, 256);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(good)) {
            private int delivered;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (delivered > 1000) {
                    throw new IOException("disk gone");
                }
                int n = super.read(b, off, Math.min(len, 100));
                delivered += Math.max(n, 0);
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> ModelIO.load(failing));
        assertFalse(e instanceof ModelFormatException);
        assertEquals("disk gone", e.getMessage());
    }

    @Test
    void aCodecThatWritesDifferentBytesFailsTheSaveAndKeepsTheTarget(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.jrec");
        ModelIO.save(model(), file);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelIO.save(new OddModels.Flaky(), file));
        assertEquals("the Flaky codec wrote 6 bytes after 5 when counted: ModelCodec.write must write the same bytes"
                + " every time", e.getMessage());
        assertEquals(answers(model()), answers(ModelIO.load(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the temporary file is removed");
        }
    }

    @Test
    void formatVersionsOnRequest() {
        assertEquals("format version 3: jrec writes versions 1 and 2", assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model(), new ByteArrayOutputStream(), 3)).getMessage());
        // 600 times a block of 1M floats: counted (4,000,004 bytes each), refused before anything is written
        OddModels.Repeated repeated = new OddModels.Repeated(new float[1 << 20], 600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals("format version 1 holds payloads under 2 GiB; this Repeated has " + (4 + 600L * (4 + (4 << 20)))
                        + " bytes: save it in version 2",
                assertThrows(IllegalArgumentException.class, () -> ModelIO.save(repeated, out, 1)).getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void savingAnUnregisteredModelSaysWhatIsSupported() {
        Recommender anonymous = new Recommender() {
            @Override
            public io.jrec.core.Recommendations topN(long userId, int n, io.jrec.core.ItemFilter filter) {
                return io.jrec.core.Recommendations.empty("none");
            }

            @Override
            public double predict(long userId, long itemId) {
                return Double.NaN;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(anonymous, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("no ModelCodec is registered for it; supported types: [ArrayModel, "
                + "FixedScores"), e.getMessage());
        assertEquals(List.of("ArrayModel", "FixedScores", "Flaky", "NestedChain", "Repeated"), ModelIO.supportedTypes());
    }

    @Test
    void loadingTheWrongClassSaysWhatTheFileHolds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.jrec");
        ModelIO.save(ArrayModel.of(1, 1, 1, 1, 1), file);
        assertEquals(file + ": holds a ArrayModel, not a FixedScores",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(file, FixedScores.class)).getMessage());
        assertSame(ArrayModel.class, ModelIO.load(file, ArrayModel.class).getClass());
        assertInstanceOf(ArrayModel.class, ModelIO.load(file));
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** Bytes allocated by this thread while {@code action} runs (HotSpot's per-thread counter). */
    static long allocatedBytes(IoAction action) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
