package io.jrec.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Delivers a model's payload to {@link ModelInput} one verified chunk at a time (format version 2):
 * each chunk is read into one reused buffer together with the CRC32 that follows it, and handed on only
 * when that running checksum matches. For format version 1 it wraps the whole payload, verified before.
 */
final class PayloadReader {
    /** Reads exactly the buffer's remaining bytes, or throws {@link EOFException}. */
    interface Input {
        void readFully(ByteBuffer into) throws IOException;
    }

    /** An I/O failure (not a format problem) while a codec reads; {@link ModelIO} rethrows the cause. */
    static final class ReadFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }
    }

    private final Input input;       // null when the buffer holds the whole payload
    private final ByteBuffer buffer;
    private final long payload;
    private final int chunkBytes;
    private final long chunks;
    private final boolean bounded;
    private final String what;
    private final CRC32 crc = new CRC32();
    private long loaded;
    private long chunk;

    private PayloadReader(Input input, ByteBuffer buffer, long payload, int chunkBytes, boolean bounded,
                          String what) {
        this.input = input;
        this.buffer = buffer;
        this.payload = payload;
        this.chunkBytes = chunkBytes;
        this.chunks = chunkBytes == 0 ? 1 : payload / chunkBytes + (payload % chunkBytes == 0 ? 0 : 1);
        this.bounded = bounded;
        this.what = what;
        this.loaded = input == null ? payload : 0;
    }

    /** A complete payload in memory, already verified. */
    static PayloadReader of(ByteBuffer payload) {
        return new PayloadReader(null, payload, payload.remaining(), 0, true, "payload");
    }

    /**
     * The {@code payload} bytes that follow in {@code input}, in chunks of {@code chunkBytes} each followed
     * by a CRC32. {@code bounded}: the input is known to hold them all (a file of the right size), so
     * arrays may be allocated at their declared size at once.
     */
    static PayloadReader chunked(Input input, long payload, int chunkBytes, boolean direct, boolean bounded,
                                 String what) {
        int capacity = (int) Math.min(chunkBytes, payload) + 4;
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buffer.limit(0);
        return new PayloadReader(input, buffer, payload, chunkBytes, bounded, what);
    }

    ByteBuffer buffer() {
        return buffer;
    }

    boolean bounded() {
        return bounded;
    }

    /**
     * Replaces the (fully consumed) buffer contents with the next chunk, after checking its checksum.
     *
     * @throws ModelFormatException if the input ends early or the checksum does not match
     * @throws ReadFailure          if the input fails otherwise
     */
    void next() throws ModelFormatException {
        if (loaded >= payload) {
            throw new ModelFormatException("corrupted model: reads past the end of the payload");
        }
        int n = (int) Math.min(chunkBytes, payload - loaded);
        buffer.clear().limit(n + 4);
        try {
            input.readFully(buffer);
        } catch (EOFException e) {
            throw new ModelFormatException("truncated: " + what + " ends before the model is complete", e);
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
        buffer.position(0).limit(n);
        crc.update(buffer);
        buffer.limit(n + 4);
        int stored = buffer.getInt(n);
        int actual = (int) crc.getValue();
        if (stored != actual) {
            throw new ModelFormatException("checksum mismatch: the model data is corrupted in chunk " + (chunk + 1)
                    + " of " + chunks + " (payload bytes " + loaded + ".." + (loaded + n - 1) + "; CRC32 0x"
                    + Integer.toHexString(actual) + ", file says 0x" + Integer.toHexString(stored) + ")");
        }
        buffer.position(0).limit(n);
        loaded += n;
        chunk++;
    }
}
