package io.jrec.core.io;

import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.Recommender;
import io.jrec.core.SparseMatrix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The payload writer handed to a {@link ModelCodec}: big-endian primitives, length-prefixed arrays
 * and strings, and the core structures ({@link IdIndex}, {@link SparseMatrix}, {@link RatingMatrix}).
 *
 * <p>Bytes go through one fixed buffer straight to the file or stream that {@link ModelIO} writes
 * (arrays are copied into it in bulk), so saving never holds a second copy of the model. A codec writes
 * to two of these per save: one that only counts the bytes (arrays by their length), then the real one.
 * Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelOutput {
    /** Elements copied per block when a structure has no array to hand out (sparse matrices, id indices). */
    private static final int BLOCK = 8192;
    /** Buffer size without chunk framing (format version 1 and its checksum pass). */
    private static final int PLAIN_BUFFER = 1 << 16;

    private final Sink sink;          // null: only count
    private final ByteBuffer out;     // null: only count
    private final int dataLimit;      // bytes of payload per buffer (the chunk size when framed)
    private final boolean framed;
    private final CRC32 crc = new CRC32();
    private long written;

    /** Receives the buffer between its position and limit, and consumes it. */
    interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    private ModelOutput(Sink sink, int chunkBytes, boolean direct) {
        this.sink = sink;
        this.framed = chunkBytes > 0;
        this.dataLimit = framed ? chunkBytes : PLAIN_BUFFER;
        if (sink == null) {
            this.out = null;
        } else {
            int capacity = dataLimit + (framed ? 4 : 0);
            this.out = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
            out.limit(dataLimit);
        }
    }

    /** An output that only counts the bytes a codec writes (the first of the two passes of a save). */
    static ModelOutput counting() {
        return new ModelOutput(null, 0, false);
    }

    /**
     * An output that hands {@code sink} the payload in chunks of {@code chunkBytes}, each followed by
     * the running CRC32 of the payload up to its end (format version 2).
     */
    static ModelOutput chunked(Sink sink, int chunkBytes, boolean direct) {
        return new ModelOutput(sink, chunkBytes, direct);
    }

    /** An output that hands {@code sink} the bare payload and keeps its CRC32 (format version 1). */
    static ModelOutput plain(Sink sink, boolean direct) {
        return new ModelOutput(sink, 0, direct);
    }

    boolean isCounting() {
        return out == null;
    }

    /** Payload bytes written (or counted) so far. */
    long written() {
        return written;
    }

    /** The CRC32 of the payload handed to the sink so far. */
    int crc() {
        return (int) crc.getValue();
    }

    /** Hands the buffered rest of the payload (the last, possibly short, chunk) to the sink. */
    void finish() throws IOException {
        if (out != null && out.position() > 0) {
            emit();
        }
    }

    /** Writes {@code v}; {@link ModelInput#readInt} reads it back. */
    public void writeInt(int v) throws IOException {
        written += 4;
        if (out != null) {
            if (out.remaining() >= 4) {
                out.putInt(v);
            } else {
                straddle(v & 0xFFFF_FFFFL, 4);
            }
        }
    }

    /** Writes {@code v}; {@link ModelInput#readLong} reads it back. */
    public void writeLong(long v) throws IOException {
        written += 8;
        if (out != null) {
            if (out.remaining() >= 8) {
                out.putLong(v);
            } else {
                straddle(v, 8);
            }
        }
    }

    /** Writes {@code v}; {@link ModelInput#readDouble} reads it back. */
    public void writeDouble(double v) throws IOException {
        writeLong(Double.doubleToRawLongBits(v));
    }

    /** Writes {@code v}; {@link ModelInput#readFloat} reads it back. */
    public void writeFloat(float v) throws IOException {
        writeInt(Float.floatToRawIntBits(v));
    }

    /** Writes {@code v}; {@link ModelInput#readBoolean} reads it back. */
    public void writeBoolean(boolean v) throws IOException {
        written += 1;
        if (out != null) {
            if (!out.hasRemaining()) {
                emit();
            }
            out.put(v ? (byte) 1 : 0);
        }
    }

    /** A UTF-8 string, length-prefixed. */
    public void writeString(String s) throws IOException {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes, length-prefixed. */
    public void writeBytes(byte[] b) throws IOException {
        writeInt(b.length);
        written += b.length;
        if (out == null) {
            return;
        }
        int off = 0;
        while (off < b.length) {
            if (!out.hasRemaining()) {
                emit();
            }
            int k = Math.min(b.length - off, out.remaining());
            out.put(b, off, k);
            off += k;
        }
    }

    /**
     * A nested model (e.g. a member of an ensemble), written by its own registered codec with its type;
     * read it back with {@link ModelInput#readModel()}.
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public void writeModel(Recommender model) throws IOException {
        ModelIO.writeNested(model, this);
    }

    /** Writes {@code a}; {@link ModelInput#readInts} reads it back. */
    public void writeInts(int[] a) throws IOException {
        writeInt(a.length);
        putInts(a, a.length);
    }

    /** Writes {@code a}; {@link ModelInput#readLongs} reads it back. */
    public void writeLongs(long[] a) throws IOException {
        writeInt(a.length);
        putLongs(a, a.length);
    }

    /** Writes {@code a}; {@link ModelInput#readFloats} reads it back. */
    public void writeFloats(float[] a) throws IOException {
        writeInt(a.length);
        putFloats(a, a.length);
    }

    /** Writes {@code a}; {@link ModelInput#readDoubles} reads it back. */
    public void writeDoubles(double[] a) throws IOException {
        writeInt(a.length);
        putDoubles(a, a.length);
    }

    /** The ids in index order, as {@link #writeLongs}. */
    public void writeIdIndex(IdIndex index) throws IOException {
        int n = index.size();
        writeInt(n);
        if (out == null) {
            written += 8L * n;
            return;
        }
        long[] block = new long[Math.min(n, BLOCK)];
        for (int start = 0; start < n; start += block.length) {
            int k = Math.min(block.length, n - start);
            for (int j = 0; j < k; j++) {
                block[j] = index.idAt(start + j);
            }
            putLongs(block, k);
        }
    }

    /**
     * A sparse matrix with its timestamps, if any: rows, columns, then row pointers, column indices and
     * values as {@link #writeInts}/{@link #writeFloats}, a boolean, and the timestamps as {@link #writeLongs}.
     */
    public void writeSparseMatrix(SparseMatrix m) throws IOException {
        int rows = m.rowCount();
        int size = m.size();
        writeInt(rows);
        writeInt(m.columnCount());
        if (out == null) {
            written += 4 + 4L * (rows + 1) + 2 * (4 + 4L * size) + 1 + (m.hasTimestamps() ? 4 + 8L * size : 0);
            return;
        }
        int[] ints = new int[Math.min(Math.max(rows + 1, size), BLOCK)];
        writeInt(rows + 1);
        for (int start = 0; start <= rows; start += ints.length) {
            int k = Math.min(ints.length, rows + 1 - start);
            for (int j = 0; j < k; j++) {
                int r = start + j;
                ints[j] = r == 0 ? 0 : m.rowEnd(r - 1);
            }
            putInts(ints, k);
        }
        writeInt(size);
        for (int start = 0; start < size; start += ints.length) {
            int k = Math.min(ints.length, size - start);
            for (int j = 0; j < k; j++) {
                ints[j] = m.column(start + j);
            }
            putInts(ints, k);
        }
        float[] floats = new float[Math.min(size, BLOCK)];
        writeInt(size);
        for (int start = 0; start < size; start += floats.length) {
            int k = Math.min(floats.length, size - start);
            for (int j = 0; j < k; j++) {
                floats[j] = m.value(start + j);
            }
            putFloats(floats, k);
        }
        writeBoolean(m.hasTimestamps());
        if (m.hasTimestamps()) {
            long[] longs = new long[Math.min(size, BLOCK)];
            writeInt(size);
            for (int start = 0; start < size; start += longs.length) {
                int k = Math.min(longs.length, size - start);
                for (int j = 0; j < k; j++) {
                    longs[j] = m.timestamp(start + j);
                }
                putLongs(longs, k);
            }
        }
    }

    /** A rating matrix: both id indices and the by-user orientation (the other is rebuilt on load). */
    public void writeRatingMatrix(RatingMatrix m) throws IOException {
        writeIdIndex(m.users());
        writeIdIndex(m.items());
        writeSparseMatrix(m.byUser());
    }

    // ---- bulk copies into the buffer: whole elements in bulk, an element across a chunk end byte by byte

    private void putInts(int[] a, int n) throws IOException {
        written += 4L * n;
        if (out == null) {
            return;
        }
        int off = 0;
        while (off < n) {
            int k = Math.min(n - off, out.remaining() >> 2);
            if (k > 0) {
                out.asIntBuffer().put(a, off, k);
                out.position(out.position() + 4 * k);
                off += k;
            } else if (!out.hasRemaining()) {
                emit();
            } else {
                straddle(a[off++] & 0xFFFF_FFFFL, 4);
            }
        }
    }

    private void putFloats(float[] a, int n) throws IOException {
        written += 4L * n;
        if (out == null) {
            return;
        }
        int off = 0;
        while (off < n) {
            int k = Math.min(n - off, out.remaining() >> 2);
            if (k > 0) {
                out.asFloatBuffer().put(a, off, k);
                out.position(out.position() + 4 * k);
                off += k;
            } else if (!out.hasRemaining()) {
                emit();
            } else {
                straddle(Float.floatToRawIntBits(a[off++]) & 0xFFFF_FFFFL, 4);
            }
        }
    }

    private void putLongs(long[] a, int n) throws IOException {
        written += 8L * n;
        if (out == null) {
            return;
        }
        int off = 0;
        while (off < n) {
            int k = Math.min(n - off, out.remaining() >> 3);
            if (k > 0) {
                out.asLongBuffer().put(a, off, k);
                out.position(out.position() + 8 * k);
                off += k;
            } else if (!out.hasRemaining()) {
                emit();
            } else {
                straddle(a[off++], 8);
            }
        }
    }

    private void putDoubles(double[] a, int n) throws IOException {
        written += 8L * n;
        if (out == null) {
            return;
        }
        int off = 0;
        while (off < n) {
            int k = Math.min(n - off, out.remaining() >> 3);
            if (k > 0) {
                out.asDoubleBuffer().put(a, off, k);
                out.position(out.position() + 8 * k);
                off += k;
            } else if (!out.hasRemaining()) {
                emit();
            } else {
                straddle(Double.doubleToRawLongBits(a[off++]), 8);
            }
        }
    }

    /** The low {@code bytes} bytes of {@code bits}, big-endian, handing full chunks on as they fill. */
    private void straddle(long bits, int bytes) throws IOException {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            if (!out.hasRemaining()) {
                emit();
            }
            out.put((byte) (bits >>> shift));
        }
    }

    /** Hands the buffered bytes (plus, when framed, the running CRC32) to the sink and empties the buffer. */
    private void emit() throws IOException {
        int n = out.position();
        out.flip();
        crc.update(out);
        if (framed) {
            out.limit(n + 4);
            out.putInt(n, (int) crc.getValue());
        }
        out.position(0);
        sink.write(out);
        out.clear();
        out.limit(dataLimit);
    }
}
