package io.jrec.core.io;

import io.jrec.core.AbstractRecommender;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static FixedScores model() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1, 10, 5, 100).add(1, 11, 3, 101).add(2, 12, 4, 102).add(3, 10, 1, 5_000_000_000L)
                .build();
        return new FixedScores(m, new float[]{0.5f, 2f, 1f});
    }

    private static byte[] bytes(Recommender r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.save(r, out);
        return out.toByteArray();
    }

    @Test
    void roundTripGivesIdenticalAnswers(@TempDir Path dir) throws IOException {
        FixedScores original = model();
        Path file = dir.resolve("model.jrec");
        ModelIO.save(original, file);
        FixedScores loaded = ModelIO.load(file, FixedScores.class);
        for (long user : new long[]{1, 2, 3, 99}) {
            assertEquals(original.topN(user, 3), loaded.topN(user, 3));
            for (long item : new long[]{10, 11, 12, 13}) {
                assertEquals(original.predict(user, item), loaded.predict(user, item));
            }
        }
        assertEquals(5_000_000_000L, loaded.trainingData().byUser().timestamp(3));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void everyTruncationFailsCleanly() throws IOException {
        byte[] full = bytes(model());
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> ModelIO.load(new ByteArrayInputStream(cut)), "length " + length);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupted"),
                    e.getMessage());
        }
    }

    @Test
    void everySingleBitFlipIsDetected() throws IOException {
        byte[] full = bytes(model());
        for (int bit = 0; bit < full.length * 8; bit++) {
            byte[] flipped = full.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(flipped)),
                    "bit " + bit);
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        byte[] full = bytes(model());
        Random random = new Random(7);
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

    @Test
    void headerProblemsAreNamed() throws IOException {
        byte[] full = bytes(model());
        byte[] magic = full.clone();
        magic[0] = 'X';
        assertEquals("not a jrec model: magic number is 0x58524543, expected 0x4a524543",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(magic)))
                        .getMessage());

        byte[] version = full.clone();
        version[5] = 9;
        assertEquals("unsupported model format version 9; this jrec reads version 1",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(version)))
                        .getMessage());

        byte[] type = full.clone();
        type[10] = 'G';   // "FixedScores" -> "GixedScores"
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(type)))
                .getMessage().startsWith("unknown model type 'GixedScores'; known types: [FixedScores"));

        byte[] payload = full.clone();
        payload[payload.length - 1] ^= 1;
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(payload)))
                .getMessage().startsWith("checksum mismatch: the model data is corrupted"));
    }

    @Test
    void hostileLengthDoesNotAllocate(@TempDir Path dir) throws IOException {
        byte[] full = bytes(model());
        int lengthAt = 4 + 2 + 4 + "FixedScores".length();
        byte[] huge = full.clone();
        ByteBuffer.wrap(huge).putLong(lengthAt, 1L << 40);
        assertEquals("corrupted header: payload length 1099511627776",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(huge)))
                        .getMessage());

        // within the stream cap but far beyond the data: fails as truncated after reading what exists
        byte[] lying = full.clone();
        ByteBuffer.wrap(lying).putLong(lengthAt, (1L << 30) - 1);
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(lying)))
                .getMessage().startsWith("truncated: payload has"));

        Path file = dir.resolve("lying.jrec");
        Files.write(file, lying);
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelIO.load(file)).getMessage()
                .startsWith(file + ": truncated: header declares 1073741823 payload bytes but the file holds"));
    }

    @Test
    void hostileArrayLengthInsidePayloadIsRejected() {
        ModelInput in = new ModelInput(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).array());
        assertEquals("corrupted model: array length 2147483647 needs 8589934588 bytes but only 4 remain",
                assertThrows(ModelFormatException.class, in::readFloats).getMessage());
    }

    @Test
    void payloadProblemsAreNamed() throws IOException {
        byte[] full = bytes(model());
        byte[] typeLength = full.clone();
        ByteBuffer.wrap(typeLength).putInt(6, 100_000);
        assertEquals("corrupted header: model type length 100000",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(typeLength)))
                        .getMessage());

        // a valid header and checksum around a payload with one byte too many
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        int lengthAt = 4 + 2 + 4 + "FixedScores".length();
        ByteBuffer header = ByteBuffer.wrap(longer);
        int payloadLength = (int) header.getLong(lengthAt) + 1;
        header.putLong(lengthAt, payloadLength);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(longer, lengthAt + 12, payloadLength);
        header.putInt(lengthAt + 8, (int) crc.getValue());
        assertEquals("corrupted FixedScores model: 1 unread payload bytes",
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(longer)))
                        .getMessage());

        ModelInput bool = new ModelInput(new byte[]{7});
        assertEquals("corrupted model: boolean byte is 7",
                assertThrows(ModelFormatException.class, bool::readBoolean).getMessage());
        ModelInput shortInput = new ModelInput(new byte[]{1, 2});
        assertEquals("corrupted model: payload ends 2 bytes early",
                assertThrows(ModelFormatException.class, shortInput::readInt).getMessage());
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
        assertTrue(e.getMessage().contains("no ModelCodec is registered for it; supported types: [FixedScores"),
                e.getMessage());
        assertArrayEquals(new String[]{"FixedScores", "NestedChain"}, ModelIO.supportedTypes().toArray(new String[0]));
    }
}
