package io.jrec.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jrec.core.DenseVectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** A .npy file as numpy.save writes it (format 1.0, header padded to a multiple of 64). */
    static byte[] npy(String descr, boolean fortran, int rows, int cols, double[] values) {
        return npy(descr, fortran, rows + ", " + cols, values);
    }

    static byte[] npy(String descr, boolean fortran, String shape, double[] values) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': (" + shape + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int width = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + width * values.length);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (width == 8) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    @Test
    void readsIdAndFloatsLinesSkippingCommentsAndBlanks() throws IOException {
        Path p = write("v.txt", "# product vectors\n1001 0.5 -1.25 3\n\n1002\t1e-3  2 0\r\n");
        DenseVectors v = VectorFiles.text(p);
        assertEquals(2, v.size());
        assertEquals(3, v.dimension());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f}, v.vectorOf(1001L));
        assertArrayEquals(new float[] {1e-3f, 2f, 0f}, v.vectorOf(1002L));
    }

    @Test
    void badTextLinesNameFileLineAndReason() throws IOException {
        Path p1 = write("a.txt", "1 0.5 1\n2 0.5\n");
        assertEquals(p1 + ", line 2: vector has 1 values, expected 2 as on the first line: \"2 0.5\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p1)).getMessage());
        Path p2 = write("b.txt", "1 0.5 NaN\n");
        assertEquals(p2 + ", line 1: value 'NaN' is not finite: \"1 0.5 NaN\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p2)).getMessage());
        Path p3 = write("c.txt", "x 0.5 1\n");
        assertEquals(p3 + ", line 1: id 'x' is not an integer: \"x 0.5 1\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p3)).getMessage());
        Path p4 = write("d.txt", "1 0.5 abc\n");
        assertEquals(p4 + ", line 1: value 'abc' is not a number: \"1 0.5 abc\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p4)).getMessage());
        Path p5 = write("e.txt", "1 1 1\n1 2 2\n");
        assertEquals(p5 + ", line 2: id 1 has two vectors: \"1 2 2\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p5)).getMessage());
        Path p6 = write("f.txt", "# nothing\n\n");
        assertEquals(p6 + ": no vectors in the file",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p6)).getMessage());
        Path p7 = write("g.txt", "17\n");
        assertEquals(p7 + ", line 1: expected an id and at least one value: \"17\"",
                assertThrows(DataFormatException.class, () -> VectorFiles.text(p7)).getMessage());
    }

    @Test
    void readsNpyInEveryFloatLayout() throws IOException {
        double[] rowMajor = {1, 2, 3, 4, 5, 6};           // 2 x 3
        double[] columnMajor = {1, 4, 2, 5, 3, 6};
        long[] ids = {7L, 8L};
        for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8"}) {
            Path c = dir.resolve("c" + descr.charAt(0) + descr.charAt(2) + ".npy");
            Files.write(c, npy(descr, false, 2, 3, rowMajor));
            DenseVectors v = VectorFiles.npy(c, ids);
            assertArrayEquals(new float[] {1, 2, 3}, v.vectorOf(7L), descr);
            assertArrayEquals(new float[] {4, 5, 6}, v.vectorOf(8L), descr);
            Path f = dir.resolve("f" + descr.charAt(0) + descr.charAt(2) + ".npy");
            Files.write(f, npy(descr, true, 2, 3, columnMajor));
            assertArrayEquals(new float[] {4, 5, 6}, VectorFiles.npy(f, ids).vectorOf(8L), descr);
        }
    }

    @Test
    void badNpyFilesSayWhy() throws IOException {
        Path ints = dir.resolve("i.npy");
        Files.write(ints, npy("<i8", false, 2, 3, new double[6]).clone());
        String m = assertThrows(DataFormatException.class, () -> VectorFiles.npy(ints, new long[] {1, 2})).getMessage();
        assertEquals(true, m.contains("dtype '<i8' is not supported; save float32 or float64"), m);

        Path rows = dir.resolve("r.npy");
        Files.write(rows, npy("<f4", false, 2, 3, new double[6]));
        assertEquals(rows + ": the array has 2 rows but 3 ids were given",
                assertThrows(DataFormatException.class, () -> VectorFiles.npy(rows, new long[] {1, 2, 3})).getMessage());

        Path cut = dir.resolve("t.npy");
        byte[] whole = npy("<f4", false, 2, 3, new double[6]);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 5));
        assertEquals(cut + ": file ends inside the data (expected 2 x 3 values) (truncated?)",
                assertThrows(DataFormatException.class, () -> VectorFiles.npy(cut, new long[] {1, 2})).getMessage());

        Path nan = dir.resolve("n.npy");
        Files.write(nan, npy("<f8", false, 2, 1, new double[] {0, Double.NaN}));
        assertEquals(nan + ": value NaN at row 1 (id 2), column 0 is not finite",
                assertThrows(DataFormatException.class, () -> VectorFiles.npy(nan, new long[] {1, 2})).getMessage());

        Path text = write("x.npy", "1 2 3\n");
        assertEquals(text + ": not a .npy file (no \\x93NUMPY magic string)",
                assertThrows(DataFormatException.class, () -> VectorFiles.npy(text, new long[] {1})).getMessage());

        Path oneD = dir.resolve("o.npy");
        Files.write(oneD, npy("<f4", false, "3,", new double[3]));
        String m2 = assertThrows(DataFormatException.class, () -> VectorFiles.npy(oneD, new long[] {1, 2, 3})).getMessage();
        assertEquals(true, m2.contains("expected a 2-D array (rows, dimension)"), m2);
    }
}
