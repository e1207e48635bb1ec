package io.jrec.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a text file line by line, decoding each line on its own so that a decoding error names its line.
 * Lines end at LF; a CR before it is dropped. The charset must be ASCII-compatible (UTF-8, ISO-8859-1,
 * windows-1252, ...). A line of more than {@code maxLineBytes} bytes (without its terminator; for ASCII
 * text bytes are characters) is a format error, detected while reading: at most {@code maxLineBytes + 1}
 * bytes of a line are ever held, so a file without line breaks cannot exhaust memory. Not thread-safe.
 */
final class LineReader implements Closeable {
    private final Path file;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private final int maxLineBytes;

    /** A reader with the default line cap {@link CsvFormat#DEFAULT_MAX_LINE_BYTES}. */
    LineReader(Path file, Charset charset) throws IOException {
        this(file, charset, CsvFormat.DEFAULT_MAX_LINE_BYTES);
    }

    LineReader(Path file, Charset charset, int maxLineBytes) throws IOException {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        if (!asciiCompatible(charset)) {
            throw new IllegalArgumentException("charset " + charset + " is not ASCII-compatible; use e.g. UTF-8");
        }
        this.file = file;
        this.charset = charset;
        this.maxLineBytes = maxLineBytes;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = Files.newInputStream(file);
    }

    /** Whether {@code charset} encodes ASCII as ASCII bytes (so lines can be split at byte LF). */
    static boolean asciiCompatible(Charset charset) {
        byte[] ascii = {'\n', '\t', ' ', ',', ';', '|', '"', '0', '9', 'A', 'z'};
        return Arrays.equals(new String(ascii, StandardCharsets.ISO_8859_1).getBytes(charset), ascii);
    }

    /** The 1-based number of the line last returned by {@link #readLine()}. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its line terminator, or {@code null} at the end of the file.
     *
     * @throws DataFormatException if the line's bytes are not valid in the charset, or the line is longer
     *                             than {@code maxLineBytes} bytes (either way the line is consumed, so
     *                             reading may continue)
     */
    String readLine() throws IOException {
        int length = 0;
        boolean ascii = true;
        boolean any = false;
        while (true) {
            if (position == limit && !refill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length > maxLineBytes) {         // one byte more than the cap may be the CR of a CRLF
                lineNumber++;
                skipRestOfLine();
                throw tooLong(length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(length * 2L, maxLineBytes + 1L));
            }
            line[length++] = b;
            ascii &= b >= 0;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            throw tooLong(length);
        }
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, lineNumber, new String(line, 0, length, charset),
                    "bytes that are not valid " + charset.name(), e);
        }
    }

    /** Discards the bytes up to and including the next LF (or to the end of the file). */
    private void skipRestOfLine() throws IOException {
        while (true) {
            if (position == limit && !refill()) {
                return;
            }
            if (buffer[position++] == '\n') {
                return;
            }
        }
    }

    /** Reads the next chunk into the empty buffer; false at the end of the input. */
    private boolean refill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    private DataFormatException tooLong(int held) {
        String start = new String(line, 0, Math.min(held, DataFormatException.MAX_TEXT), StandardCharsets.ISO_8859_1);
        return new DataFormatException(file, lineNumber, start, "line longer than the limit of " + maxLineBytes
                + " bytes (a missing line break or a wrong file?); raise CsvFormat.Builder.maxLineBytes(int) if "
                + "the lines are meant to be that long; the line starts");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
