package io.jrec.core.io;

import io.jrec.core.ItemFilter;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models inside models: {@link ModelOutput#writeModel} / {@link ModelInput#readModel}. */
class NestedModelTest {

    /** A toy ensemble: answers with its first member, or its second when the first gives nothing. */
    record Chain(Recommender first, Recommender second) implements Recommender {
        @Override
        public Recommendations topN(long userId, int n, ItemFilter filter) {
            Recommendations r = first.topN(userId, n, filter);
            return r.isEmpty() ? second.topN(userId, n, filter) : r;
        }

        @Override
        public double predict(long userId, long itemId) {
            return first.predict(userId, itemId);
        }
    }

    public static final class ChainCodec implements ModelCodec<Chain> {
        @Override
        public String type() {
            return "NestedChain";
        }

        @Override
        public Class<Chain> modelClass() {
            return Chain.class;
        }

        @Override
        public void write(Chain model, ModelOutput out) throws IOException {
            out.writeModel(model.first());
            out.writeModel(model.second());
        }

        @Override
        public Chain read(ModelInput in) throws IOException {
            return new Chain(in.readModel(), in.readModel());
        }
    }

    private static ModelIOTest.FixedScores fixed(float a, float b) {
        RatingMatrix m = RatingMatrix.builder().add(1, 10, 5).add(2, 11, 3).build();
        return new ModelIOTest.FixedScores(m, new float[]{a, b});
    }

    private static byte[] save(Recommender r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.save(r, out);
        return out.toByteArray();
    }

    /** A chain of a chain and a model (also stored as a version-1 file in the test resources). */
    static Chain outerChain() {
        return new Chain(new Chain(fixed(1, 2), fixed(3, 4)), fixed(5, 6));
    }

    @Test
    void nestedModelsRoundTripRecursively() throws IOException {
        Chain outer = outerChain();
        Recommender loaded = ModelIO.load(new ByteArrayInputStream(save(outer)));
        Chain chain = assertInstanceOf(Chain.class, loaded);
        Chain loadedInner = assertInstanceOf(Chain.class, chain.first());
        assertEquals(2.0, loadedInner.second().predict(1, 10) - loadedInner.first().predict(1, 10));  // 3 - 1
        assertEquals(6.0, chain.second().predict(2, 11));
        assertEquals(outer.topN(2, 5), loaded.topN(2, 5));
    }

    @Test
    void nestingDeeperThanTheLimitIsCorruption() throws IOException {
        Recommender r = fixed(1, 2);
        for (int d = 0; d <= ModelIO.MAX_NESTING; d++) {
            r = new Chain(r, fixed(0, 0));
        }
        byte[] bytes = save(r);   // writing is not limited; a file this deep is refused on reading
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(bytes)));
        assertEquals("corrupted model: models nested more than 16 deep", e.getMessage());
    }

    @Test
    void unknownNestedTypeIsNamed() throws IOException {
        byte[] payload = Format.payload(save(new Chain(fixed(1, 2), fixed(3, 4))));
        // payload starts with the nested type string: int length 11, "FixedScores" -> make it "FixedScoreX"
        assertEquals(11, ByteBuffer.wrap(payload).getInt());
        payload[4 + 10] = 'X';
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(Format.version2("NestedChain", payload, 64))));
        assertTrue(e.getMessage().startsWith("corrupted model: unknown nested model type 'FixedScoreX'; known types: "),
                e.getMessage());
    }

    /**
     * A nested payload of 2 GiB or more has its length as -1 and a long (the writer uses it only then; the
     * reader takes it for any length); lengths that do not fit what remains are corrupted.
     */
    @Test
    void nestedLengthsAsLongAndHostileLengths() throws IOException {
        Chain chain = new Chain(fixed(1, 2), fixed(3, 4));
        byte[] payload = Format.payload(save(chain));
        ByteBuffer in = ByteBuffer.wrap(payload);
        int at = 4 + 11;                       // after the first type string: the int length
        int length = in.getInt(at);
        ByteBuffer widened = ByteBuffer.allocate(payload.length + 8);
        widened.put(payload, 0, at).putInt(-1).putLong(length).put(payload, at + 4, payload.length - at - 4);
        Recommender loaded = ModelIO.load(new ByteArrayInputStream(Format.version2("NestedChain", widened.array(), 64)));
        assertEquals(chain.topN(1, 5), loaded.topN(1, 5));
        assertEquals(4.0, assertInstanceOf(Chain.class, loaded).second().predict(2, 11));

        assertEquals("corrupted model: nested FixedScores model of -7 bytes but only 221 remain",   // as in the README
                assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(Format.version2(
                        "NestedChain", ByteBuffer.allocate(payload.length + 8).put(payload, 0, at).putInt(-1).putLong(-7)
                                .put(payload, at + 4, payload.length - at - 4).array(), 64)))).getMessage());
        for (long bad : new long[]{-7, payload.length, Long.MIN_VALUE}) {
            ByteBuffer hostile = ByteBuffer.allocate(payload.length + 8);
            hostile.put(payload, 0, at).putInt(-1).putLong(bad).put(payload, at + 4, payload.length - at - 4);
            byte[] file = Format.version2("NestedChain", hostile.array(), 64);
            assertEquals("corrupted model: nested FixedScores model of " + bad + " bytes but only "
                    + (payload.length + 8 - at - 12) + " remain", assertThrows(ModelFormatException.class,
                    () -> ModelIO.load(new ByteArrayInputStream(file))).getMessage());
        }
        byte[] negative = payload.clone();
        ByteBuffer.wrap(negative).putInt(at, -2);
        assertEquals("corrupted model: nested FixedScores model of -2 bytes but only " + (payload.length - at - 4)
                + " remain", assertThrows(ModelFormatException.class, () -> ModelIO.load(
                new ByteArrayInputStream(Format.version2("NestedChain", negative, 64)))).getMessage());
        // a nested model that leaves bytes of its declared length unread
        byte[] longer = ByteBuffer.allocate(payload.length + 1).put(payload, 0, at).putInt(length + 1)
                .put(payload, at + 4, length).put((byte) 0).put(payload, at + 4 + length, payload.length - at - 4 - length)
                .array();
        assertEquals("corrupted nested FixedScores model: 1 unread bytes", assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(Format.version2("NestedChain", longer, 64)))).getMessage());
    }

    @Test
    void aMemberWithoutCodecCannotBeSaved() {
        Recommender anonymous = new Recommender() {
            @Override
            public Recommendations topN(long userId, int n, ItemFilter filter) {
                return first().topN(userId, n, filter);
            }

            @Override
            public double predict(long userId, long itemId) {
                return Double.NaN;
            }

            private Recommender first() {
                return fixed(1, 1);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> save(new Chain(fixed(1, 2), anonymous)));
        assertTrue(e.getMessage().contains("no ModelCodec is registered for it"), e.getMessage());
    }
}
