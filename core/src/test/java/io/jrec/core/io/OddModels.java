package io.jrec.core.io;

import io.jrec.core.ItemFilter;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Test models whose codecs misbehave or write far more than they hold; registered in the test class path. */
final class OddModels {
    private OddModels() {
    }

    /** Answers nothing; only its codec matters. */
    abstract static class Silent implements Recommender {
        @Override
        public Recommendations topN(long userId, int n, ItemFilter filter) {
            return Recommendations.empty(getClass().getSimpleName());
        }

        @Override
        public double predict(long userId, long itemId) {
            return Double.NaN;
        }
    }

    /** One block of floats written {@code times} times: a payload far larger than the model. */
    static final class Repeated extends Silent {
        final float[] block;
        final int times;

        Repeated(float[] block, int times) {
            this.block = block;
            this.times = times;
        }
    }

    public static final class RepeatedCodec implements ModelCodec<Repeated> {
        @Override
        public String type() {
            return "Repeated";
        }

        @Override
        public Class<Repeated> modelClass() {
            return Repeated.class;
        }

        @Override
        public void write(Repeated model, ModelOutput out) throws IOException {
            out.writeInt(model.times);
            for (int k = 0; k < model.times; k++) {
                out.writeFloats(model.block);
            }
        }

        @Override
        public Repeated read(ModelInput in) throws IOException {
            int times = in.readInt();
            float[] block = in.readFloats();
            for (int k = 1; k < times; k++) {
                in.check(in.readFloats().length == block.length, "blocks of different lengths");
            }
            return new Repeated(block, times);
        }
    }

    /** A model whose codec writes one more byte every time it is called: not deterministic. */
    static final class Flaky extends Silent {
        final AtomicInteger calls = new AtomicInteger();
    }

    public static final class FlakyCodec implements ModelCodec<Flaky> {
        @Override
        public String type() {
            return "Flaky";
        }

        @Override
        public Class<Flaky> modelClass() {
            return Flaky.class;
        }

        @Override
        public void write(Flaky model, ModelOutput out) throws IOException {
            out.writeBytes(new byte[model.calls.incrementAndGet()]);
        }

        @Override
        public Flaky read(ModelInput in) throws IOException {
            in.readBytes();
            return new Flaky();
        }
    }
}
