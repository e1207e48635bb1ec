package io.jrec.core.io;

import io.jrec.core.IdIndex;
import io.jrec.core.RatingMatrix;
import io.jrec.core.SparseMatrix;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The payload writer handed to a {@link ModelCodec}: big-endian primitives, length-prefixed arrays
 * and strings, and the core structures ({@link IdIndex}, {@link SparseMatrix}, {@link RatingMatrix}).
 * Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);

    ModelOutput() {
    }

    byte[] toByteArray() throws IOException {
        out.flush();
        return bytes.toByteArray();
    }

    public void writeInt(int v) throws IOException {
        out.writeInt(v);
    }

    public void writeLong(long v) throws IOException {
        out.writeLong(v);
    }

    public void writeDouble(double v) throws IOException {
        out.writeDouble(v);
    }

    public void writeFloat(float v) throws IOException {
        out.writeFloat(v);
    }

    public void writeBoolean(boolean v) throws IOException {
        out.writeBoolean(v);
    }

    /** A UTF-8 string, length-prefixed. */
    public void writeString(String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Bytes, length-prefixed. */
    public void writeBytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * A nested model (e.g. a member of an ensemble), written by its own registered codec with its type;
     * read it back with {@link ModelInput#readModel()}.
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public void writeModel(io.jrec.core.Recommender model) throws IOException {
        ModelIO.writeNested(model, this);
    }

    public void writeInts(int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    public void writeLongs(long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    public void writeFloats(float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    public void writeDoubles(double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    public void writeIdIndex(IdIndex index) throws IOException {
        writeLongs(index.toArray());
    }

    /** A sparse matrix with its timestamps, if any. */
    public void writeSparseMatrix(SparseMatrix m) throws IOException {
        out.writeInt(m.rowCount());
        out.writeInt(m.columnCount());
        int[] pointers = new int[m.rowCount() + 1];
        int[] columns = new int[m.size()];
        float[] values = new float[m.size()];
        for (int r = 0; r < m.rowCount(); r++) {
            pointers[r + 1] = m.rowEnd(r);
            for (int k = m.rowStart(r); k < m.rowEnd(r); k++) {
                columns[k] = m.column(k);
                values[k] = m.value(k);
            }
        }
        writeInts(pointers);
        writeInts(columns);
        writeFloats(values);
        out.writeBoolean(m.hasTimestamps());
        if (m.hasTimestamps()) {
            long[] ts = new long[m.size()];
            for (int k = 0; k < ts.length; k++) {
                ts[k] = m.timestamp(k);
            }
            writeLongs(ts);
        }
    }

    /** A rating matrix: both id indices and the by-user orientation (the other is rebuilt on load). */
    public void writeRatingMatrix(RatingMatrix m) throws IOException {
        writeIdIndex(m.users());
        writeIdIndex(m.items());
        writeSparseMatrix(m.byUser());
    }
}
