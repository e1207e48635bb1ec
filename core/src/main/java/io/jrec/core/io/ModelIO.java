package io.jrec.core.io;

import io.jrec.core.Recommender;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <h2>File format (version 1, big-endian)</h2>
 * <pre>
 *   int    magic          0x4A524543 ("JREC")
 *   short  format version 1
 *   int    type length, then that many UTF-8 bytes: the model type (see {@link ModelCodec#type()})
 *   long   payload length in bytes
 *   int    CRC32 of the payload
 *   byte[] payload        written by the model's {@link ModelCodec}
 * </pre>
 *
 * <p>{@link #save(Recommender, Path)} writes to a temporary file in the target folder and renames it
 * atomically, so readers never see a half-written model. {@link #load} checks the magic number, the
 * version, the type, the declared length (against the file size, or {@link #MAX_PAYLOAD_BYTES} for
 * streams, before allocating) and the checksum before decoding; any failure is a
 * {@link ModelFormatException} whose message names the problem, and no model is returned.
 *
 * <p>Codecs are discovered with {@link ServiceLoader}; the {@code jrec-models} artifact registers one
 * per model type. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ModelIO {
    /** The magic number that opens every model file ("JREC"). */
    public static final int MAGIC = 0x4A524543;
    /** The format version this class writes and reads. */
    public static final short FORMAT_VERSION = 1;
    /** The largest payload {@link #load(InputStream)} accepts (1 GiB). */
    public static final long MAX_PAYLOAD_BYTES = 1L << 30;
    private static final int MAX_TYPE_BYTES = 256;
    /** How deep models may nest inside models (e.g. a hybrid of hybrids) before a file counts as corrupted. */
    static final int MAX_NESTING = 16;

    private ModelIO() {
    }

    /**
     * Writes {@code model} to {@code file} atomically (temporary file, then rename).
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public static void save(Recommender model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                save(model, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code model} to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public static void save(Recommender model, OutputStream out) throws IOException {
        ModelCodec<Recommender> codec = codecFor(model);
        ModelOutput payloadOut = new ModelOutput();
        codec.write(model, payloadOut);
        byte[] payload = payloadOut.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeShort(FORMAT_VERSION);
        byte[] type = codec.type().getBytes(StandardCharsets.UTF_8);
        data.writeInt(type.length);
        data.write(type);
        data.writeLong(payload.length);
        data.writeInt((int) crc.getValue());
        data.write(payload);
        data.flush();
    }

    /** Reads a model saved by {@link #save(Recommender, Path)}. */
    public static Recommender load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), file.toString());
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(file.toString()) ? e
                    : new ModelFormatException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Reads a model saved by {@link #save(Recommender, OutputStream)}; the payload may be at most 1 GiB. */
    public static Recommender load(InputStream in) throws IOException {
        return read(in, -1, "stream");
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

    private static Recommender read(InputStream raw, long fileSize, String what) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new ModelFormatException("not a jrec model: magic number is 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(MAGIC));
            }
            short version = in.readShort();
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException("unsupported model format version " + version
                        + "; this jrec reads version " + FORMAT_VERSION);
            }
            int typeLength = in.readInt();
            if (typeLength <= 0 || typeLength > MAX_TYPE_BYTES) {
                throw new ModelFormatException("corrupted header: model type length " + typeLength);
            }
            byte[] typeBytes = new byte[typeLength];
            in.readFully(typeBytes);
            String type = new String(typeBytes, StandardCharsets.UTF_8);
            ModelCodec<Recommender> codec = codecs().byType.get(type);
            if (codec == null) {
                throw new ModelFormatException("unknown model type '" + type + "'; known types: "
                        + new TreeSet<>(codecs().byType.keySet())
                        + " (is jrec-models on the class path?)");
            }
            long length = in.readLong();
            long headerBytes = 4 + 2 + 4 + typeLength + 8 + 4;
            long limit = fileSize >= 0 ? fileSize - headerBytes : MAX_PAYLOAD_BYTES;
            if (length < 0 || length > limit || length > Integer.MAX_VALUE - 8) {
                throw new ModelFormatException(fileSize >= 0 && length > limit && length >= 0
                        ? "truncated: header declares " + length + " payload bytes but the file holds " + limit
                        : "corrupted header: payload length " + length);
            }
            int expectedCrc = in.readInt();
            byte[] payload = readPayload(in, (int) length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            if ((int) crc.getValue() != expectedCrc) {
                throw new ModelFormatException("checksum mismatch: the model data is corrupted (CRC32 0x"
                        + Integer.toHexString((int) crc.getValue()) + ", header says 0x"
                        + Integer.toHexString(expectedCrc) + ")");
            }
            ModelInput payloadIn = new ModelInput(payload);
            Recommender model;
            try {
                model = codec.read(payloadIn);
            } catch (RuntimeException e) {
                throw new ModelFormatException("corrupted " + type + " model: " + e, e);
            }
            if (payloadIn.remaining() != 0) {
                throw new ModelFormatException("corrupted " + type + " model: " + payloadIn.remaining()
                        + " unread payload bytes");
            }
            return model;
        } catch (EOFException e) {
            throw new ModelFormatException("truncated: " + what + " ends before the model is complete", e);
        }
    }

    /** Reads exactly {@code length} bytes in bounded chunks, so a lying header cannot force a huge allocation. */
    private static byte[] readPayload(DataInputStream in, int length) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(length, 1 << 20));
        byte[] chunk = new byte[1 << 16];
        int left = length;
        while (left > 0) {
            int n = in.read(chunk, 0, Math.min(chunk.length, left));
            if (n < 0) {
                throw new ModelFormatException("truncated: payload has " + (length - left) + " of "
                        + length + " bytes");
            }
            buffer.write(chunk, 0, n);
            left -= n;
        }
        return buffer.toByteArray();
    }

    /** Writes a nested model: its type, then its payload, length-prefixed (for {@link ModelOutput#writeModel}). */
    static void writeNested(Recommender model, ModelOutput out) throws IOException {
        ModelCodec<Recommender> codec = codecFor(model);
        ModelOutput inner = new ModelOutput();
        codec.write(model, inner);
        out.writeString(codec.type());
        out.writeBytes(inner.toByteArray());
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
        ModelInput inner = new ModelInput(in.readBytes(), depth + 1);
        Recommender model;
        try {
            model = codec.read(inner);
        } catch (RuntimeException e) {
            throw new ModelFormatException("corrupted nested " + type + " model: " + e, e);
        }
        if (inner.remaining() != 0) {
            throw new ModelFormatException("corrupted nested " + type + " model: " + inner.remaining()
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
