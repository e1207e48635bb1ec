package io.jrec.core.io;

import io.jrec.core.DenseVectors;
import io.jrec.core.IdIndex;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dense vectors computed elsewhere (a language or vision model's embeddings of product texts and
 * images) into {@link DenseVectors}. jrec never downloads a model: the vectors are files you made.
 *
 * <ul>
 *   <li>{@link #text(Path)}: UTF-8 text, one vector a line, {@code id f1 f2 ... fd}, fields separated by
 *       spaces or tabs; blank lines and lines starting with {@code #} are skipped. Every line must have
 *       the dimension of the first.</li>
 *   <li>{@link #npy(Path, long[])}: a NumPy {@code .npy} file (format 1.0, 2.0 or 3.0) holding a 2-D array
 *       of {@code float32} or {@code float64} (either byte order, C or Fortran order), row {@code k} being
 *       the vector of {@code ids[k]}.</li>
 * </ul>
 * Bad input raises {@link DataFormatException} naming the file, the line (text files) and the reason:
 * a non-numeric, NaN or infinite value, a missing or non-integer id, a repeated id, a wrong field count,
 * an unsupported {@code .npy} type or shape, a truncated file. Thread-safe (no state).
 */
public final class VectorFiles {
    private static final Pattern FIELDS = Pattern.compile("[ \t]+");
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private VectorFiles() {
    }

    /**
     * Reads {@code id f1 ... fd} lines.
     *
     * @throws DataFormatException naming the file and line on bad input, or if the file holds no vector
     * @throws IOException         if the file cannot be read
     */
    public static DenseVectors text(Path file) throws IOException {
        DenseVectors.Builder builder = null;
        try (LineReader reader = new LineReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                long number = reader.lineNumber();
                String[] fields = FIELDS.split(trimmed);
                if (fields.length < 2) {
                    throw new DataFormatException(file, number, line, "expected an id and at least one value");
                }
                long id;
                try {
                    id = Long.parseLong(fields[0]);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, number, line, "id '" + fields[0] + "' is not an integer");
                }
                if (builder == null) {
                    builder = DenseVectors.builder(fields.length - 1);
                } else if (fields.length - 1 != builder.dimension()) {
                    throw new DataFormatException(file, number, line, "vector has " + (fields.length - 1)
                            + " values, expected " + builder.dimension() + " as on the first line");
                }
                float[] v = new float[fields.length - 1];
                for (int d = 0; d < v.length; d++) {
                    String f = fields[d + 1];
                    try {
                        v[d] = Float.parseFloat(f);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(file, number, line, "value '" + f + "' is not a number");
                    }
                    if (!Float.isFinite(v[d])) {
                        throw new DataFormatException(file, number, line, "value '" + f + "' is not finite");
                    }
                }
                try {
                    builder.add(id, v);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, number, line, e.getMessage());
                }
            }
        }
        if (builder == null) {
            throw new DataFormatException(file, 0, null, "no vectors in the file");
        }
        return builder.build();
    }

    /**
     * Reads a 2-D {@code float32}/{@code float64} {@code .npy} array; row {@code k} is the vector of
     * {@code ids[k]}.
     *
     * @throws DataFormatException if the file is not a supported {@code .npy} array, is truncated, holds
     *                             NaN or infinite values, or its row count differs from {@code ids.length}
     * @throws IllegalArgumentException if {@code ids} repeats an id
     * @throws IOException         if the file cannot be read
     */
    public static DenseVectors npy(Path file, long[] ids) throws IOException {
        IdIndex index = IdIndex.of(ids);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[6];
            readFully(in, magic, file, "the magic string");
            if (!Arrays.equals(magic, NPY_MAGIC)) {
                throw new DataFormatException(file, 0, null, "not a .npy file (no \\x93NUMPY magic string)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new DataFormatException(file, 0, null, ".npy format version " + major + " is not supported (1, 2 or 3)");
            }
            if (headerLength > 1 << 20) {
                throw new DataFormatException(file, 0, null, ".npy header of " + headerLength + " bytes is implausible");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            readFully(in, headerBytes, file, "the header");
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, file, "'descr'");
            boolean fortran = group(FORTRAN, header, file, "'fortran_order'").equals("True");
            String[] shape = group(SHAPE, header, file, "'shape'").split(",");
            long rows;
            long columns;
            try {
                if (shape.length != 2 || shape[1].isBlank()) {
                    throw new DataFormatException(file, 0, header.strip(), "expected a 2-D array (rows, dimension)");
                }
                rows = Long.parseLong(shape[0].strip());
                columns = Long.parseLong(shape[1].strip());
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, 0, header.strip(), "shape is not two integers");
            }
            int width;
            ByteOrder order;
            switch (descr) {
                case "<f4" -> { width = 4; order = ByteOrder.LITTLE_ENDIAN; }
                case ">f4" -> { width = 4; order = ByteOrder.BIG_ENDIAN; }
                case "<f8" -> { width = 8; order = ByteOrder.LITTLE_ENDIAN; }
                case ">f8" -> { width = 8; order = ByteOrder.BIG_ENDIAN; }
                default -> throw new DataFormatException(file, 0, header.strip(), "dtype '" + descr
                        + "' is not supported; save float32 or float64 (e.g. np.save(path, x.astype('float32')))");
            }
            if (rows != ids.length) {
                throw new DataFormatException(file, 0, null, "the array has " + rows + " rows but " + ids.length
                        + " ids were given");
            }
            if (columns < 1 || rows * columns > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file, 0, null, "shape (" + rows + ", " + columns + ") is not supported");
            }
            int n = (int) rows;
            int dim = (int) columns;
            float[] data = new float[n * dim];
            byte[] chunk = new byte[width * dim];
            ByteBuffer buffer = ByteBuffer.wrap(chunk).order(order);
            int lines = fortran ? dim : n;      // Fortran order: column after column
            int length = fortran ? n : dim;
            if (fortran) {
                chunk = new byte[width * n];
                buffer = ByteBuffer.wrap(chunk).order(order);
            }
            for (int r = 0; r < lines; r++) {
                readFully(in, chunk, file, "the data (expected " + rows + " x " + columns + " values)");
                buffer.clear();
                for (int c = 0; c < length; c++) {
                    float x = width == 4 ? buffer.getFloat() : (float) buffer.getDouble();
                    int row = fortran ? c : r;
                    int col = fortran ? r : c;
                    if (!Float.isFinite(x)) {
                        throw new DataFormatException(file, 0, null, "value " + x + " at row " + row + " (id "
                                + ids[row] + "), column " + col + " is not finite");
                    }
                    data[row * dim + col] = x;
                }
            }
            if (in.read() != -1) {
                throw new DataFormatException(file, 0, null, "bytes after the " + rows + " x " + columns + " array");
            }
            return DenseVectors.of(index, dim, data);
        }
    }

    private static String group(Pattern pattern, String header, Path file, String what) throws DataFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new DataFormatException(file, 0, header.strip(), ".npy header has no " + what);
        }
        return m.group(1);
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, null, "file ends inside " + what + " (truncated?)", e);
        }
    }
}
