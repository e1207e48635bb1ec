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
import java.util.zip.CRC32;

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

    @Test
    void nestedModelsRoundTripRecursively() throws IOException {
        Chain inner = new Chain(fixed(1, 2), fixed(3, 4));
        Chain outer = new Chain(inner, fixed(5, 6));
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
        byte[] bytes = save(new Chain(fixed(1, 2), fixed(3, 4)));
        int header = 4 + 2 + 4 + "NestedChain".length() + 8 + 4;
        // payload starts with the nested type string: int length 11, "FixedScores" -> make it "FixedScoreX"
        assertEquals(11, ByteBuffer.wrap(bytes, header, 4).getInt());
        bytes[header + 4 + 10] = 'X';
        CRC32 crc = new CRC32();
        crc.update(bytes, header, bytes.length - header);
        ByteBuffer.wrap(bytes, header - 4, 4).putInt((int) crc.getValue());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.load(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().startsWith("corrupted model: unknown nested model type 'FixedScoreX'; known types: "),
                e.getMessage());
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
