package io.jrec.models;

import io.jrec.core.Recommender;
import io.jrec.core.io.ModelFormatException;
import io.jrec.core.io.ModelIO;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Byte-level surgery on model files for the tests of bad files: a model saved in format version 1 (one
 * header, one CRC over the payload), the offset of a byte pattern in it, the big-endian encodings of the
 * arrays codecs write, and the CRC recomputed after an edit so that only the codec's own checks can
 * object.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** {@code model} saved in format version 1. */
    public static byte[] saveVersion1(Recommender model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.save(model, bytes, 1);
        return bytes.toByteArray();
    }

    /** The length of a version-1 header: magic, version, type name, payload length, CRC. */
    public static int headerLength(byte[] file) {
        int typeLength = ByteBuffer.wrap(file, 6, 4).getInt();
        return 4 + 2 + 4 + typeLength + 8 + 4;
    }

    /** The first offset at or after {@code from} where {@code needle} occurs; fails the test if none. */
    public static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** {@code indexOf(haystack, needle, 0)}. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    /** An int array as a codec writes it: its length, then the values. */
    public static byte[] ints(int[] a) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * a.length).putInt(a.length);
        for (int v : a) {
            buf.putInt(v);
        }
        return buf.array();
    }

    /** A float array as a codec writes it: its length, then the values. */
    public static byte[] floats(float[] a) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * a.length).putInt(a.length);
        for (float v : a) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    /** Recomputes the version-1 payload CRC after an edit. */
    public static void resealChecksum(byte[] file, int header) {
        CRC32 crc = new CRC32();
        crc.update(file, header, file.length - header);
        ByteBuffer.wrap(file, header - 4, 4).putInt((int) crc.getValue());
    }

    /**
     * A copy of {@code file} with element {@code index} of the first array equal to {@code array} (as
     * {@link #ints} or {@link #floats} encode it) replaced by the 4 bytes {@code bits}, checksum resealed.
     */
    public static byte[] withElement(byte[] file, byte[] array, int index, int bits) {
        int header = headerLength(file);
        byte[] edited = file.clone();
        ByteBuffer.wrap(edited, indexOf(file, array, header) + 4 + 4 * index, 4).putInt(bits);
        resealChecksum(edited, header);
        return edited;
    }

    /** The message of the {@link ModelFormatException} that loading {@code file} must raise. */
    public static String loadError(byte[] file) {
        return assertThrows(ModelFormatException.class, () -> ModelIO.load(new ByteArrayInputStream(file)))
                .getMessage();
    }
}
