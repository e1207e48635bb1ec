package io.jrec.core.io;

import io.jrec.core.ItemFilter;
import io.jrec.core.Recommendations;
import io.jrec.core.Recommender;

import java.io.IOException;
import java.util.Arrays;

/**
 * A test model that is only arrays, so that payloads of any size (a few bytes to several GiB) can be
 * saved without a rating matrix; its codec is registered in the test class path. Every element is a
 * function of the generation and its position, so a loaded model can be checked completely without a
 * second copy ({@link #check}).
 */
final class ArrayModel implements Recommender {
    final int generation;
    final float[] floats;
    final int[] ints;
    final long[] longs;
    final double[] doubles;

    ArrayModel(int generation, float[] floats, int[] ints, long[] longs, double[] doubles) {
        this.generation = generation;
        this.floats = floats;
        this.ints = ints;
        this.longs = longs;
        this.doubles = doubles;
    }

    /** A model of about {@code bytes} payload bytes (at least 4 elements of each type). */
    static ArrayModel ofSize(int generation, long bytes) {
        long unit = Math.max(1, bytes / 18);   // floats 3 units x 4 B, ints 1/2 x 4 B, longs and doubles 1/4 x 8 B
        return of(generation, (int) Math.max(4, 3 * unit), (int) Math.max(4, 1 * unit / 2 + 1),
                (int) Math.max(4, unit / 4 + 1), (int) Math.max(4, unit / 4 + 3));
    }

    static ArrayModel of(int generation, int floats, int ints, int longs, int doubles) {
        float[] f = new float[floats];
        for (int k = 0; k < f.length; k++) {
            f[k] = floatAt(generation, k);
        }
        int[] i = new int[ints];
        for (int k = 0; k < i.length; k++) {
            i[k] = intAt(generation, k);
        }
        long[] l = new long[longs];
        for (int k = 0; k < l.length; k++) {
            l[k] = longAt(generation, k);
        }
        double[] d = new double[doubles];
        for (int k = 0; k < d.length; k++) {
            d[k] = doubleAt(generation, k);
        }
        return new ArrayModel(generation, f, i, l, d);
    }

    static float floatAt(int generation, int k) {
        return generation + k * 0.25f;
    }

    static int intAt(int generation, int k) {
        return k * 31 + generation;
    }

    static long longAt(int generation, int k) {
        return ((long) generation << 40) + k * 0x9E3779B97F4A7C15L;
    }

    static double doubleAt(int generation, int k) {
        return generation - k / 3.0;
    }

    /** Null if every element is the one {@link #of} puts there, else what differs first. */
    String check(int floats, int ints, int longs, int doubles) {
        if (this.floats.length != floats || this.ints.length != ints || this.longs.length != longs
                || this.doubles.length != doubles) {
            return "lengths " + this.floats.length + "/" + this.ints.length + "/" + this.longs.length + "/"
                    + this.doubles.length;
        }
        for (int k = 0; k < floats; k++) {
            if (Float.floatToRawIntBits(this.floats[k]) != Float.floatToRawIntBits(floatAt(generation, k))) {
                return "float " + k;
            }
        }
        for (int k = 0; k < ints; k++) {
            if (this.ints[k] != intAt(generation, k)) {
                return "int " + k;
            }
        }
        for (int k = 0; k < longs; k++) {
            if (this.longs[k] != longAt(generation, k)) {
                return "long " + k;
            }
        }
        for (int k = 0; k < doubles; k++) {
            if (Double.doubleToRawLongBits(this.doubles[k]) != Double.doubleToRawLongBits(doubleAt(generation, k))) {
                return "double " + k;
            }
        }
        return null;
    }

    /** The payload bytes {@link Codec} writes for this model. */
    long payloadBytes() {
        return 4 + 4 + 4L * floats.length + 4 + 4L * ints.length + 4 + 8L * longs.length + 4 + 8L * doubles.length;
    }

    @Override
    public Recommendations topN(long userId, int n, ItemFilter filter) {
        return Recommendations.empty("ArrayModel");
    }

    @Override
    public double predict(long userId, long itemId) {
        return Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayModel m && m.generation == generation && Arrays.equals(m.floats, floats)
                && Arrays.equals(m.ints, ints) && Arrays.equals(m.longs, longs) && Arrays.equals(m.doubles, doubles);
    }

    @Override
    public int hashCode() {
        return generation;
    }

    /** Writes the generation, then the four arrays. */
    public static final class Codec implements ModelCodec<ArrayModel> {
        @Override
        public String type() {
            return "ArrayModel";
        }

        @Override
        public Class<ArrayModel> modelClass() {
            return ArrayModel.class;
        }

        @Override
        public void write(ArrayModel model, ModelOutput out) throws IOException {
            out.writeInt(model.generation);
            out.writeFloats(model.floats);
            out.writeInts(model.ints);
            out.writeLongs(model.longs);
            out.writeDoubles(model.doubles);
        }

        @Override
        public ArrayModel read(ModelInput in) throws IOException {
            int generation = in.readInt();
            return new ArrayModel(generation, in.readFloats(), in.readInts(), in.readLongs(), in.readDoubles());
        }
    }
}
