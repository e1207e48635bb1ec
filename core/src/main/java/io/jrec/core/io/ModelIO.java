package io.jrec.core.io;

import io.jrec.core.Recommender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Saves fitted models and loads them back, e.g. fit in a batch job and serve from another process.
 *
 * <h2>File format, version 2 (what {@code save} writes; big-endian)</h2>
 * <pre>
 *   int    magic          0x4A524543 ("JREC")
 *   short  format version 2
 *   int    type length (1..256), then that many UTF-8 bytes: the model type (see {@link ModelCodec#type()})
 *   long   payload length L in bytes (any size: models of several GiB save and load)
 *   int    chunk size C in bytes (16..16 MiB; {@code save} writes 1 MiB)
 *   int    CRC32 of the header bytes above
 *   then ceil(L / C) chunks, each
 *   byte[] C payload bytes (the last chunk: the rest, 1..C)
 *   int    CRC32 of the payload from its first byte to the end of this chunk
 * </pre>
 * The chunk checksums are running checksums: the last covers the whole payload, and a chunk dropped,
 * repeated or moved is detected like a flipped bit. A file holds exactly the header, L payload bytes
 * and 4 bytes per chunk; a file of any other size is rejected before anything is allocated.
 *
 * <h2>File format, version 1 (still loaded; written only on request)</h2>
 * <pre>
 *   int magic, short 1, int type length, the type, long payload length (under 2 GiB),
 *   int CRC32 of the payload, byte[] payload
 * </pre>
 * Files written by jrec before format version 2 load unchanged. {@link #save(Recommender, OutputStream, int)}
 * with version 1 writes this layout for readers that run such an older jrec (payloads under 2 GiB).
 *
 * <h2>The payload</h2>
 * What the model's {@link ModelCodec} writes through {@link ModelOutput}: big-endian primitives; arrays
 * and strings as an {@code int} length and the elements; a nested model as its type string, an
 * {@code int} length (in version 2, {@code -1} and a {@code long} length for nested payloads of 2 GiB or
 * more) and its own payload. The payload is the same in both versions.
 *
 * <h2>Saving streams the payload</h2>
 * {@code save} runs the codec twice: first into a counter that produces no bytes (arrays count by their
 * length), to learn the payload length for the header, then for real, through one 1 MiB buffer straight
 * into the file or stream. No second copy of the model is ever built. A codec must therefore write
 * the same bytes every time ({@link ModelCodec#write}); one that does not fails the save with an
 * {@link IllegalStateException}, and {@link #save(Recommender, Path)} then leaves the target untouched.
 *
 * <h2>Crash safety of {@link #save(Recommender, Path)}</h2>
 * <ol>
 *   <li>the model is written to a new temporary file {@code <name>.<random>.tmp} in the target's folder;</li>
 *   <li>{@link FileChannel#force(boolean) force(true)} puts its bytes on the storage device;</li>
 *   <li>it is renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE} (if the file system
 *       cannot rename atomically, a warning is logged and the file is moved without that guarantee);</li>
 *   <li>the folder itself is forced, so that the rename is durable: done where the operating system can
 *       open a folder (Linux, macOS and other POSIX systems); on Windows folders cannot be opened and the
 *       step is skipped (NTFS journals the rename itself).</li>
 * </ol>
 * A reader, at any moment, and the target path after a crash or a power cut at any point of a save
 * holds either the previous complete model or the new complete model, never a mixture or a short file.
 * A crash may leave the temporary file behind; it is never read and may be deleted when no save runs.
 *
 * <h2>Loading</h2>
 * {@link #load} checks the magic number, the version, the header checksum, the type and the declared
 * length (against the file size, or against a limit for streams, before allocating), then decodes the
 * payload as it arrives, one verified chunk at a time: no byte reaches a codec before its checksum
 * matched. Any failure is a {@link ModelFormatException} whose message names the problem, and no model
 * is returned.
 *
 * <p>Codecs are discovered with {@link ServiceLoader}; the {@code jrec-models} artifact registers one
 * per model type. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelIO {
    private static final Logger LOG = LoggerFactory.getLogger(ModelIO.class);
    /** The magic number that opens every model file ("JREC"). */
    public static final int MAGIC = 0x4A524543;
    /** The format version {@code save} writes; {@code load} reads this one and version 1. */
    public static final short FORMAT_VERSION = 2;
    /** The largest payload {@link #load(InputStream)} accepts by default (1 GiB); files have no limit. */
    public static final long MAX_PAYLOAD_BYTES = 1L << 30;
    /** The chunk size {@code save} writes. */
    static final int CHUNK_BYTES = 1 << 20;
    static final int MIN_CHUNK_BYTES = 16;
    static final int MAX_CHUNK_BYTES = 1 << 24;
    private static final int MAX_TYPE_BYTES = 256;
    /** Version 1 kept the payload in one byte array. */
    private static final long MAX_V1_PAYLOAD_BYTES = Integer.MAX_VALUE - 8;
    /** How deep models may nest inside models (e.g. a hybrid of hybrids) before a file counts as corrupted. */
    static final int MAX_NESTING = 16;

    private ModelIO() {
    }

    /**
     * Writes {@code model} to {@code file} in format version 2, crash-safely: temporary file, forced to
     * disk, atomic rename, folder forced (see the class comment).
     *
     * @throws IllegalArgumentException if no codec handles the model's class (or a nested model's)
     */
    public static void save(Recommender model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                write(model, bytes -> {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }, true, FORMAT_VERSION, CHUNK_BYTES);
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("{}: the file system cannot rename atomically; replacing the model non-atomically", target);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Makes a rename in {@code dir} durable by forcing the folder; skipped where folders cannot be opened
     * (Windows).
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("{}: cannot force the folder ({}); the rename is as durable as the file system makes it",
                    dir, e.toString());
        }
    }

    /**
     * Writes {@code model} to {@code out} (flushed, not closed) in format version 2.
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public static void save(Recommender model, OutputStream out) throws IOException {
        save(model, out, FORMAT_VERSION);
    }

    /**
     * Writes {@code model} to {@code out} (flushed, not closed) in the given format version: 2, or 1 for
     * readers that run a jrec from before version 2 (payloads under 2 GiB only).
     *
     * @throws IllegalArgumentException if the version is not 1 or 2, version 1 cannot hold the payload, or no
     *                                  codec handles the model's class
     */
    public static void save(Recommender model, OutputStream out, int formatVersion) throws IOException {
        save(model, out, formatVersion, CHUNK_BYTES);
    }

    /** {@link #save(Recommender, OutputStream, int)} with a chosen chunk size (tests). */
    static void save(Recommender model, OutputStream out, int formatVersion, int chunkBytes) throws IOException {
        if (formatVersion != 1 && formatVersion != 2) {
            throw new IllegalArgumentException("format version " + formatVersion + ": jrec writes versions 1 and 2");
        }
        if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk size " + chunkBytes + " is outside " + MIN_CHUNK_BYTES + ".."
                    + MAX_CHUNK_BYTES);
        }
        write(model, bytes -> {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
        }, false, formatVersion, chunkBytes);
        out.flush();
    }

    private static void write(Recommender model, ModelOutput.Sink sink, boolean direct, int version, int chunkBytes)
            throws IOException {
        ModelCodec<Recommender> codec = codecFor(model);
        long length = payloadLength(codec, model);
        byte[] type = codec.type().getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(4 + 2 + 4 + type.length + 8 + 4 + 4);
        header.putInt(MAGIC).putShort((short) version).putInt(type.length).put(type).putLong(length);
        ModelOutput out;
        if (version == 1) {
            if (length > MAX_V1_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("format version 1 holds payloads under 2 GiB; this "
                        + codec.type() + " has " + length + " bytes: save it in version 2");
            }
            ModelOutput checksum = ModelOutput.plain(bytes -> bytes.position(bytes.limit()), false);
            codec.write(model, checksum);
            checksum.finish();
            checkLength(codec, length, checksum.written());
            header.putInt(checksum.crc());
            out = ModelOutput.plain(sink, direct);
        } else {
            header.putInt(chunkBytes);
            CRC32 crc = new CRC32();
            crc.update(header.array(), 0, header.position());
            header.putInt((int) crc.getValue());
            out = ModelOutput.chunked(sink, chunkBytes, direct);
        }
        sink.write(header.flip());
        codec.write(model, out);
        out.finish();
        checkLength(codec, length, out.written());
    }

    /** The first pass of a save: the payload length, counted without producing bytes. */
    private static long payloadLength(ModelCodec<Recommender> codec, Recommender model) throws IOException {
        ModelOutput counter = ModelOutput.counting();
        codec.write(model, counter);
        return counter.written();
    }

    private static void checkLength(ModelCodec<Recommender> codec, long counted, long written) {
        if (counted != written) {
            throw new IllegalStateException("the " + codec.type() + " codec wrote " + written + " bytes after "
                    + counted + " when counted: ModelCodec.write must write the same bytes every time");
        }
    }

    /** Reads a model saved by {@link #save(Recommender, Path)} (either format version), of any size. */
    public static Recommender load(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(into -> {
                while (into.hasRemaining()) {
                    if (channel.read(into) < 0) {
                        throw new EOFException();
                    }
                }
            }, channel.size(), true, Long.MAX_VALUE, file.toString());
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(file.toString()) ? e
                    : new ModelFormatException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * Reads a model saved by {@link #save(Recommender, OutputStream)}, reading no further than its end; the
     * payload may be at most {@link #MAX_PAYLOAD_BYTES} (1 GiB).
     */
    public static Recommender load(InputStream in) throws IOException {
        return load(in, MAX_PAYLOAD_BYTES);
    }

    /**
     * Reads a model saved by {@link #save(Recommender, OutputStream)}, reading no further than its end, if its
     * header declares at most {@code maxPayloadBytes}. Arrays grow as their bytes arrive, so a stream that
     * declares more than it holds fails as truncated without allocating much more than it sent.
     *
     * @throws IllegalArgumentException if {@code maxPayloadBytes} is negative
     */
    public static Recommender load(InputStream in, long maxPayloadBytes) throws IOException {
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 0, got " + maxPayloadBytes);
        }
        return read(into -> {
            int n = in.readNBytes(into.array(), into.arrayOffset() + into.position(), into.remaining());
            into.position(into.position() + n);
            if (into.hasRemaining()) {
                throw new EOFException();
            }
        }, -1, false, maxPayloadBytes, "stream");
    }

    /** Reads a model of the expected class, failing clearly if the file holds another type. */
    public static <R extends Recommender> R load(Path file, Class<R> expected) throws IOException {
        Recommender r = load(file);
        if (!expected.isInstance(r)) {
            throw new ModelFormatException(file + ": holds a " + r.getClass().getSimpleName()
                    + ", not a " + expected.getSimpleName());
        }
        return expected.cast(r);
    }

    /**
     * @param fileSize the size of the file, or -1 for a stream
     * @param direct   whether to read into direct buffers (from file channels)
     * @param limit    the largest payload a stream may declare
     */
    private static Recommender read(PayloadReader.Input input, long fileSize, boolean direct, long limit,
                                    String what) throws IOException {
        try {
            ByteBuffer head = ByteBuffer.allocate(10);
            input.readFully(head);
            int magic = head.getInt(0);
            if (magic != MAGIC) {
                throw new ModelFormatException("not a jrec model: magic number is 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(MAGIC));
            }
            short version = head.getShort(4);
            int typeLength = head.getInt(6);
            if (version != 1 && version != FORMAT_VERSION) {
                throw new ModelFormatException("unsupported model format version " + version
                        + "; this jrec reads versions 1 and " + FORMAT_VERSION);
            }
            if (typeLength <= 0 || typeLength > MAX_TYPE_BYTES) {
                throw new ModelFormatException("corrupted header: model type length " + typeLength);
            }
            return version == 1 ? readVersion1(input, typeLength, fileSize, limit, what)
                    : readVersion2(input, head, typeLength, fileSize, direct, limit, what);
        } catch (EOFException e) {
            throw new ModelFormatException("truncated: " + what + " ends before the model is complete", e);
        }
    }

    private static Recommender readVersion2(PayloadReader.Input input, ByteBuffer head, int typeLength,
                                            long fileSize, boolean direct, long limit, String what)
            throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(typeLength + 8 + 4 + 4);
        input.readFully(rest);
        String type = new String(rest.array(), 0, typeLength, StandardCharsets.UTF_8);
        long length = rest.getLong(typeLength);
        int chunkBytes = rest.getInt(typeLength + 8);
        int headerCrc = rest.getInt(typeLength + 12);
        CRC32 crc = new CRC32();
        crc.update(head.array(), 0, head.capacity());
        crc.update(rest.array(), 0, typeLength + 12);
        if ((int) crc.getValue() != headerCrc) {
            throw new ModelFormatException("corrupted header: checksum mismatch (CRC32 0x"
                    + Integer.toHexString((int) crc.getValue()) + ", header says 0x" + Integer.toHexString(headerCrc)
                    + ")");
        }
        if (length < 0) {
            throw new ModelFormatException("corrupted header: payload length " + length);
        }
        if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
            throw new ModelFormatException("corrupted header: chunk size " + chunkBytes + " is outside "
                    + MIN_CHUNK_BYTES + ".." + MAX_CHUNK_BYTES);
        }
        ModelCodec<Recommender> codec = codec(type);
        long headerBytes = head.capacity() + rest.capacity();
        long chunks = length / chunkBytes + (length % chunkBytes == 0 ? 0 : 1);
        if (fileSize >= 0) {
            long expected = length > fileSize ? -1 : headerBytes + length + 4 * chunks;
            if (expected < 0 || expected > fileSize) {
                throw new ModelFormatException("truncated: header declares " + length + " payload bytes"
                        + (expected < 0 ? "" : " in " + chunks + " chunks (" + expected + " bytes with header and"
                        + " checksums)") + " but the file holds " + fileSize);
            }
            if (expected < fileSize) {
                throw new ModelFormatException("corrupted: " + (fileSize - expected) + " bytes after the end of"
                        + " the model (header declares " + length + " payload bytes, " + expected + " in all)");
            }
        } else if (length > limit) {
            throw new ModelFormatException("payload of " + length + " bytes is over the limit of " + limit
                    + " bytes for streams: load it from a file, or pass a larger limit to load(InputStream, long)");
        }
        PayloadReader payload = PayloadReader.chunked(input, length, chunkBytes, direct, fileSize >= 0, what);
        return decode(codec, type, new ModelInput(payload, length, 0));
    }

    private static Recommender readVersion1(PayloadReader.Input input, int typeLength, long fileSize, long limit,
                                            String what) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(typeLength + 8 + 4);
        input.readFully(rest);
        String type = new String(rest.array(), 0, typeLength, StandardCharsets.UTF_8);
        ModelCodec<Recommender> codec = codec(type);
        long length = rest.getLong(typeLength);
        long headerBytes = 4 + 2 + 4 + typeLength + 8 + 4;
        long max = fileSize >= 0 ? fileSize - headerBytes : limit;
        if (length < 0 || length > max || length > MAX_V1_PAYLOAD_BYTES) {
            throw new ModelFormatException(fileSize >= 0 && length > max && length >= 0
                    ? "truncated: header declares " + length + " payload bytes but the file holds " + max
                    : "corrupted header: payload length " + length);
        }
        int expectedCrc = rest.getInt(typeLength + 8);
        ByteBuffer payload = fileSize >= 0 ? readFully(input, (int) length) : readGrowing(input, (int) length);
        CRC32 crc = new CRC32();
        crc.update(payload.array(), 0, payload.capacity());
        if ((int) crc.getValue() != expectedCrc) {
            throw new ModelFormatException("checksum mismatch: the model data is corrupted (CRC32 0x"
                    + Integer.toHexString((int) crc.getValue()) + ", header says 0x"
                    + Integer.toHexString(expectedCrc) + ")");
        }
        return decode(codec, type, new ModelInput(PayloadReader.of(payload), length, 0));
    }

    private static ByteBuffer readFully(PayloadReader.Input input, int length) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(length);
        input.readFully(payload);
        return payload.flip();
    }

    /** Reads {@code length} bytes in bounded pieces, so a lying stream header cannot force a huge allocation. */
    private static ByteBuffer readGrowing(PayloadReader.Input input, int length) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(length, 1 << 20));
        ByteBuffer piece = ByteBuffer.allocate(1 << 16);
        int left = length;
        while (left > 0) {
            piece.clear().limit(Math.min(piece.capacity(), left));
            try {
                input.readFully(piece);
            } catch (EOFException e) {
                throw new ModelFormatException("truncated: payload has " + (length - left + piece.position())
                        + " of " + length + " bytes", e);
            }
            buffer.write(piece.array(), 0, piece.position());
            left -= piece.position();
        }
        return ByteBuffer.wrap(buffer.toByteArray());
    }

    private static Recommender decode(ModelCodec<Recommender> codec, String type, ModelInput in) throws IOException {
        Recommender model;
        try {
            model = codec.read(in);
        } catch (PayloadReader.ReadFailure e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw new ModelFormatException("corrupted " + type + " model: " + e, e);
        }
        if (in.remainingBytes() != 0) {
            throw new ModelFormatException("corrupted " + type + " model: " + in.remainingBytes()
                    + " unread payload bytes");
        }
        return model;
    }

    private static ModelCodec<Recommender> codec(String type) throws ModelFormatException {
        ModelCodec<Recommender> codec = codecs().byType.get(type);
        if (codec == null) {
            throw new ModelFormatException("unknown model type '" + type + "'; known types: "
                    + new TreeSet<>(codecs().byType.keySet()) + " (is jrec-models on the class path?)");
        }
        return codec;
    }

    /**
     * Writes a nested model (for {@link ModelOutput#writeModel}): its type, its payload length (an int, or
     * -1 and a long from 2 GiB on) and its payload, counted first like a whole model.
     */
    static void writeNested(Recommender model, ModelOutput out) throws IOException {
        ModelCodec<Recommender> codec = codecFor(model);
        out.writeString(codec.type());
        if (out.isCounting()) {
            long start = out.written();
            out.writeInt(0);
            codec.write(model, out);
            if (out.written() - start - 4 > Integer.MAX_VALUE) {
                out.writeLong(0);   // the long length that follows the -1 marker
            }
            return;
        }
        long length = payloadLength(codec, model);
        if (length <= Integer.MAX_VALUE) {
            out.writeInt((int) length);
        } else {
            out.writeInt(-1);
            out.writeLong(length);
        }
        long start = out.written();
        codec.write(model, out);
        checkLength(codec, length, out.written() - start);
    }

    /** Reads a model written by {@link #writeNested} (for {@link ModelInput#readModel}). */
    static Recommender readNested(ModelInput in, int depth) throws IOException {
        if (depth >= MAX_NESTING) {
            throw new ModelFormatException("corrupted model: models nested more than " + MAX_NESTING + " deep");
        }
        String type = in.readString();
        ModelCodec<Recommender> codec = codecs().byType.get(type);
        if (codec == null) {
            throw new ModelFormatException("corrupted model: unknown nested model type '" + type
                    + "'; known types: " + new TreeSet<>(codecs().byType.keySet()));
        }
        long length = in.readInt();
        if (length == -1) {
            length = in.readLong();
        }
        if (length < 0 || length > in.remainingBytes()) {
            throw new ModelFormatException("corrupted model: nested " + type + " model of " + length
                    + " bytes but only " + in.remainingBytes() + " remain");
        }
        ModelInput inner = in.nested(length);
        Recommender model;
        try {
            model = codec.read(inner);
        } catch (PayloadReader.ReadFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException("corrupted nested " + type + " model: " + e, e);
        }
        if (inner.remainingBytes() != 0) {
            throw new ModelFormatException("corrupted nested " + type + " model: " + inner.remainingBytes()
                    + " unread bytes");
        }
        return model;
    }

    /** The model types that can be saved and loaded with the current class path. */
    public static List<String> supportedTypes() {
        return new ArrayList<>(new TreeSet<>(codecs().byType.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static ModelCodec<Recommender> codecFor(Recommender model) {
        ModelCodec<Recommender> codec = codecs().byClass.get(model.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("cannot save a " + model.getClass().getName()
                    + ": no ModelCodec is registered for it; supported types: " + supportedTypes());
        }
        return codec;
    }

    private static Registry codecs() {
        return Registry.INSTANCE;
    }

    /** Codecs found once, on first use. */
    private static final class Registry {
        static final Registry INSTANCE = new Registry();
        final Map<String, ModelCodec<Recommender>> byType = new HashMap<>();
        final Map<Class<?>, ModelCodec<Recommender>> byClass = new HashMap<>();

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Registry() {
            for (ModelCodec codec : ServiceLoader.load(ModelCodec.class, ModelIO.class.getClassLoader())) {
                byType.put(codec.type(), codec);
                byClass.put(codec.modelClass(), codec);
            }
        }
    }
}
