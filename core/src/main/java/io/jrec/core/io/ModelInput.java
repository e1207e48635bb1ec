package io.jrec.core.io;

import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.SparseMatrix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The payload reader handed to a {@link ModelCodec}. It reads the payload as the file or stream
 * delivers it, one checksum-verified chunk at a time (so no byte reaches a codec before its checksum
 * matched, and large arrays are copied in bulk from the chunk buffer without a byte array of their
 * size). Every declared length is checked against the payload bytes that remain, so a corrupted or
 * hostile payload fails with a {@link ModelFormatException} instead of allocating more memory than the
 * file holds; from a stream, whose length is only declared, arrays also grow as their bytes arrive.
 * Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelInput {
    private final PayloadReader source;
    private final ByteBuffer in;     // the source's buffer: verified bytes between position and limit
    private final int depth;
    private long remaining;           // payload bytes of this model not read yet

    /** A reader over a complete, already verified payload (format version 1, tests). */
    ModelInput(byte[] payload) {
        this(PayloadReader.of(ByteBuffer.wrap(payload)), payload.length, 0);
    }

    ModelInput(PayloadReader source, long length, int depth) {
        this.source = source;
        this.in = source.buffer();
        this.remaining = length;
        this.depth = depth;
    }

    /** Bytes written by {@link ModelOutput#writeBytes}. */
    public byte[] readBytes() throws ModelFormatException {
        int n = arrayLength(1);
        byte[] b = new byte[firstCapacity(n)];
        int off = 0;
        while (off < n) {
            if (off == b.length) {
                b = Arrays.copyOf(b, grow(b.length, n));
            }
            if (!in.hasRemaining()) {
                source.next();
            }
            int k = Math.min(b.length - off, in.remaining());
            in.get(b, off, k);
            off += k;
        }
        return b;
    }

    /**
     * A nested model written by {@link ModelOutput#writeModel}, decoded by its registered codec.
     *
     * @throws ModelFormatException if the nested type is unknown, its data is corrupted, or models nest
     *                              more than 16 deep
     */
    public Recommender readModel() throws IOException {
        return ModelIO.readNested(this, depth);
    }

    /** Payload bytes of this model not read yet, or {@link Integer#MAX_VALUE} if more remain. */
    public int remaining() {
        return (int) Math.min(remaining, Integer.MAX_VALUE);
    }

    /** Payload bytes of this model not read yet (payloads may exceed 2 GiB). */
    public long remainingBytes() {
        return remaining;
    }

    /** Reads what {@link ModelOutput#writeInt} wrote. */
    public int readInt() throws ModelFormatException {
        take(4);
        return in.remaining() >= 4 ? in.getInt() : (int) straddle(4);
    }

    /** Reads what {@link ModelOutput#writeLong} wrote. */
    public long readLong() throws ModelFormatException {
        take(8);
        return in.remaining() >= 8 ? in.getLong() : straddle(8);
    }

    /** Reads what {@link ModelOutput#writeDouble} wrote. */
    public double readDouble() throws ModelFormatException {
        return Double.longBitsToDouble(readLong());
    }

    /** Reads what {@link ModelOutput#writeFloat} wrote. */
    public float readFloat() throws ModelFormatException {
        return Float.intBitsToFloat(readInt());
    }

    /** Reads what {@link ModelOutput#writeBoolean} wrote. */
    public boolean readBoolean() throws ModelFormatException {
        take(1);
        if (!in.hasRemaining()) {
            source.next();
        }
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new ModelFormatException("corrupted model: boolean byte is " + b);
        }
        return b == 1;
    }

    /** Reads what {@link ModelOutput#writeString} wrote. */
    public String readString() throws ModelFormatException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    /** Reads what {@link ModelOutput#writeInts} wrote. */
    public int[] readInts() throws ModelFormatException {
        int n = arrayLength(4);
        int[] a = new int[firstCapacity(n)];
        int off = 0;
        while (off < n) {
            if (off == a.length) {
                a = Arrays.copyOf(a, grow(a.length, n));
            }
            int k = Math.min(a.length - off, in.remaining() >> 2);
            if (k > 0) {
                in.asIntBuffer().get(a, off, k);
                in.position(in.position() + 4 * k);
                off += k;
            } else if (!in.hasRemaining()) {
                source.next();
            } else {
                a[off++] = (int) straddle(4);
            }
        }
        return a;
    }

    /** Reads what {@link ModelOutput#writeLongs} wrote. */
    public long[] readLongs() throws ModelFormatException {
        int n = arrayLength(8);
        long[] a = new long[firstCapacity(n)];
        int off = 0;
        while (off < n) {
            if (off == a.length) {
                a = Arrays.copyOf(a, grow(a.length, n));
            }
            int k = Math.min(a.length - off, in.remaining() >> 3);
            if (k > 0) {
                in.asLongBuffer().get(a, off, k);
                in.position(in.position() + 8 * k);
                off += k;
            } else if (!in.hasRemaining()) {
                source.next();
            } else {
                a[off++] = straddle(8);
            }
        }
        return a;
    }

    /** Reads what {@link ModelOutput#writeFloats} wrote. */
    public float[] readFloats() throws ModelFormatException {
        int n = arrayLength(4);
        float[] a = new float[firstCapacity(n)];
        int off = 0;
        while (off < n) {
            if (off == a.length) {
                a = Arrays.copyOf(a, grow(a.length, n));
            }
            int k = Math.min(a.length - off, in.remaining() >> 2);
            if (k > 0) {
                in.asFloatBuffer().get(a, off, k);
                in.position(in.position() + 4 * k);
                off += k;
            } else if (!in.hasRemaining()) {
                source.next();
            } else {
                a[off++] = Float.intBitsToFloat((int) straddle(4));
            }
        }
        return a;
    }

    /** Reads what {@link ModelOutput#writeDoubles} wrote. */
    public double[] readDoubles() throws ModelFormatException {
        int n = arrayLength(8);
        double[] a = new double[firstCapacity(n)];
        int off = 0;
        while (off < n) {
            if (off == a.length) {
                a = Arrays.copyOf(a, grow(a.length, n));
            }
            int k = Math.min(a.length - off, in.remaining() >> 3);
            if (k > 0) {
                in.asDoubleBuffer().get(a, off, k);
                in.position(in.position() + 8 * k);
                off += k;
            } else if (!in.hasRemaining()) {
                source.next();
            } else {
                a[off++] = Double.longBitsToDouble(straddle(8));
            }
        }
        return a;
    }

    /** Reads what {@link ModelOutput#writeIdIndex} wrote. */
    public IdIndex readIdIndex() throws ModelFormatException {
        long[] ids = readLongs();
        try {
            return IdIndex.of(ids);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupted model: " + e.getMessage(), e);
        }
    }

    /** Reads what {@link ModelOutput#writeSparseMatrix} wrote. */
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

    /** Reads what {@link ModelOutput#writeRatingMatrix} wrote. */
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
        if (n < 0 || (long) n * elementBytes > remaining) {
            throw new ModelFormatException("corrupted model: array length " + n + " needs "
                    + ((long) n * elementBytes) + " bytes but only " + remaining + " remain");
        }
        return n;
    }

    /** {@link #readLength}, then counts the array's bytes as read (the caller reads them next). */
    private int arrayLength(int elementBytes) throws ModelFormatException {
        int n = readLength(elementBytes);
        remaining -= (long) n * elementBytes;
        return n;
    }

    /**
     * Throws a {@link ModelFormatException} with {@code message} unless {@code condition} holds; for
     * codecs validating invariants. The message is built before the call, so in a loop over a model's
     * entries test the condition and {@code throw} {@link #corrupted} instead.
     */
    public void check(boolean condition, String message) throws ModelFormatException {
        if (!condition) {
            throw corrupted(message);
        }
    }

    /**
     * The exception a codec throws for a broken invariant, {@code "corrupted model: " + message}:
     * {@code if (bad) throw in.corrupted("weight " + w + " is not finite");} builds the message only for
     * the bad entry.
     */
    public ModelFormatException corrupted(String message) {
        return new ModelFormatException("corrupted model: " + message);
    }

    /** A reader for the next {@code length} bytes, a nested model's payload; they count as read here. */
    ModelInput nested(long length) {
        remaining -= length;
        return new ModelInput(source, length, depth + 1);
    }

    private void take(int bytes) throws ModelFormatException {
        if (remaining < bytes) {
            throw new ModelFormatException("corrupted model: payload ends " + (bytes - remaining) + " bytes early");
        }
        remaining -= bytes;
    }

    /** The next {@code bytes} bytes big-endian, across the end of a chunk. */
    private long straddle(int bytes) throws ModelFormatException {
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            if (!in.hasRemaining()) {
                source.next();
            }
            v = (v << 8) | (in.get() & 0xFF);
        }
        return v;
    }

    /**
     * The first capacity of an array of {@code n} checked elements: all of it when the payload's bytes are
     * known to be present (a file of the declared size); from a stream, at most 64 Ki elements, so a
     * lying length allocates no more than the bytes that actually arrive (times two).
     */
    private int firstCapacity(int n) {
        return source.bounded() ? n : Math.min(n, 1 << 16);
    }

    private static int grow(int length, int n) {
        return (int) Math.min(n, 2L * length);
    }
}
