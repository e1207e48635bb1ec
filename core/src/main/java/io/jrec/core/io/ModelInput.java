package io.jrec.core.io;

import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload reader handed to a {@link ModelCodec}. It reads from a payload already verified by
 * its checksum, and checks every declared length against the bytes that remain, so a corrupted or
 * hostile payload fails with a {@link ModelFormatException} instead of allocating more memory than
 * the file holds. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelInput {
    private final ByteBuffer in;
    private final int depth;

    ModelInput(byte[] payload) {
        this(payload, 0);
    }

    ModelInput(byte[] payload, int depth) {
        this.in = ByteBuffer.wrap(payload);
        this.depth = depth;
    }

    /** Bytes written by {@link ModelOutput#writeBytes}. */
    public byte[] readBytes() throws ModelFormatException {
        byte[] b = new byte[readLength(1)];
        in.get(b);
        return b;
    }

    /**
     * A nested model written by {@link ModelOutput#writeModel}, decoded by its registered codec.
     *
     * @throws ModelFormatException if the nested type is unknown, its data is corrupted, or models nest
     *                              more than 16 deep
     */
    public io.jrec.core.Recommender readModel() throws java.io.IOException {
        return ModelIO.readNested(this, depth);
    }

    /** Bytes not read yet. */
    public int remaining() {
        return in.remaining();
    }

    public int readInt() throws ModelFormatException {
        need(4);
        return in.getInt();
    }

    public long readLong() throws ModelFormatException {
        need(8);
        return in.getLong();
    }

    public double readDouble() throws ModelFormatException {
        need(8);
        return in.getDouble();
    }

    public float readFloat() throws ModelFormatException {
        need(4);
        return in.getFloat();
    }

    public boolean readBoolean() throws ModelFormatException {
        need(1);
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new ModelFormatException("corrupted model: boolean byte is " + b);
        }
        return b == 1;
    }

    public String readString() throws ModelFormatException {
        int n = readLength(1);
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public int[] readInts() throws ModelFormatException {
        int[] a = new int[readLength(4)];
        in.asIntBuffer().get(a);
        in.position(in.position() + 4 * a.length);
        return a;
    }

    public long[] readLongs() throws ModelFormatException {
        long[] a = new long[readLength(8)];
        in.asLongBuffer().get(a);
        in.position(in.position() + 8 * a.length);
        return a;
    }

    public float[] readFloats() throws ModelFormatException {
        float[] a = new float[readLength(4)];
        in.asFloatBuffer().get(a);
        in.position(in.position() + 4 * a.length);
        return a;
    }

    public double[] readDoubles() throws ModelFormatException {
        double[] a = new double[readLength(8)];
        in.asDoubleBuffer().get(a);
        in.position(in.position() + 8 * a.length);
        return a;
    }

    public IdIndex readIdIndex() throws ModelFormatException {
        long[] ids = readLongs();
        try {
            return IdIndex.of(ids);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    public SparseMatrix readSparseMatrix() throws ModelFormatException {
        int rows = readInt();
        int columns = readInt();
        int[] pointers = readInts();
        int[] cols = readInts();
        float[] values = readFloats();
        long[] ts = readBoolean() ? readLongs() : null;
        try {
            return SparseMatrix.fromCsr(rows, columns, pointers, cols, values, ts);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    public RatingMatrix readRatingMatrix() throws ModelFormatException {
        IdIndex users = readIdIndex();
        IdIndex items = readIdIndex();
        SparseMatrix byUser = readSparseMatrix();
        try {
            return RatingMatrix.of(users, items, byUser);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an array length and checks that {@code length * elementBytes} bytes remain.
     *
     * @throws ModelFormatException if the length is negative or larger than what remains
     */
    public int readLength(int elementBytes) throws ModelFormatException {
        int n = readInt();
        if (n < 0 || (long) n * elementBytes > in.remaining()) {
            throw new ModelFormatException("corrupted model: array length " + n + " needs "
                    + ((long) n * elementBytes) + " bytes but only " + in.remaining() + " remain");
        }
        return n;
    }

    /**
     * Throws a {@link ModelFormatException} with {@code message} unless {@code condition} holds; for
     * codecs validating invariants.
     */
    public void check(boolean condition, String message) throws ModelFormatException {
        if (!condition) {
            throw new ModelFormatException("corrupted model: " + message);
        }
    }

    private void need(int bytes) throws ModelFormatException {
        if (in.remaining() < bytes) {
            throw new ModelFormatException("corrupted model: payload ends " + (bytes - in.remaining())
                    + " bytes early");
        }
    }
}
