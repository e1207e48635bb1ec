package io.jrec.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The model file layouts of the {@link ModelIO} class comment, written and taken apart by hand, so that
 * tests can build hostile files and check the writer against the documentation.
 */
final class Format {
    private Format() {
    }

    /** A version-2 file: header (with its checksum) and {@code payload} in chunks with running checksums. */
    static byte[] version2(String type, byte[] payload, int chunkBytes) {
        return version2(type, payload.length, chunkBytes, payload);
    }

    /** A version-2 file whose header declares {@code declaredLength}, whatever the payload bytes are. */
    static byte[] version2(String type, long declaredLength, int chunkBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header2(type, declaredLength, chunkBytes));
        CRC32 crc = new CRC32();
        for (int start = 0; start < payload.length; start += chunkBytes) {
            int n = Math.min(chunkBytes, payload.length - start);
            crc.update(payload, start, n);
            out.write(payload, start, n);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        return out.toByteArray();
    }

    /** The version-2 header, its checksum included. */
    static byte[] header2(String type, long length, int chunkBytes) {
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 4 + t.length + 8 + 4 + 4);
        b.putInt(ModelIO.MAGIC).putShort((short) 2).putInt(t.length).put(t).putLong(length).putInt(chunkBytes);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        return b.putInt((int) crc.getValue()).array();
    }

    /** A version-1 file: magic, version 1, type, payload length, payload CRC32, payload. */
    static byte[] version1(String type, byte[] payload) {
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(4 + 2 + 4 + t.length + 8 + 4 + payload.length).putInt(ModelIO.MAGIC)
                .putShort((short) 1).putInt(t.length).put(t).putLong(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    static String type(byte[] file) {
        return new String(file, 10, ByteBuffer.wrap(file).getInt(6), StandardCharsets.UTF_8);
    }

    /** Header bytes of a version-2 file. */
    static int headerBytes2(byte[] file) {
        return 4 + 2 + 4 + ByteBuffer.wrap(file).getInt(6) + 8 + 4 + 4;
    }

    static int chunkBytes(byte[] file) {
        return ByteBuffer.wrap(file).getInt(headerBytes2(file) - 8);
    }

    /** The payload of a version-2 file, without its chunk checksums. */
    static byte[] payload(byte[] file) {
        int header = headerBytes2(file);
        long length = ByteBuffer.wrap(file).getLong(header - 16);
        int chunk = chunkBytes(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = header;
        for (long left = length; left > 0; left -= chunk) {
            int n = (int) Math.min(chunk, left);
            out.write(file, at, n);
            at += n + 4;
        }
        if (at != file.length) {
            throw new AssertionError("file has " + file.length + " bytes, layout says " + at);
        }
        return out.toByteArray();
    }
}
