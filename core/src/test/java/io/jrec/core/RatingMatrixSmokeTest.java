package io.jrec.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RatingMatrixSmokeTest {

    @Test
    void buildsBothOrientationsAndMergesDuplicates() {
        RatingMatrix m = RatingMatrix.builder()
                .add(1_000_000_000_000L, 7, 4)
                .add(3, 7, 2)
                .add(3, 5, 1)
                .add(3, 7, 5)          // LAST wins over the 2 above
                .build();
        assertEquals(2, m.userCount());
        assertEquals(2, m.itemCount());
        assertEquals(3, m.size());
        int u3 = m.users().indexOf(3);
        assertEquals(0, u3);           // ids are indexed in ascending order
        assertEquals(5.0, m.get(u3, m.items().indexOf(7)));
        assertEquals(2, m.itemColumn(m.items().indexOf(7)).size());
        assertEquals((4 + 5 + 1) / 3.0, m.globalMean(), 1e-12);
    }

    @Test
    void topNKeepsBestWithTiesByIndex() {
        TopN top = new TopN(3);
        float[] s = {1, 5, 5, Float.NaN, 2, 5};
        for (int i = 0; i < s.length; i++) {
            top.offer(i, s[i]);
        }
        int[] idx = new int[3];
        double[] sc = new double[3];
        assertEquals(3, top.drainTo(idx, sc));
        assertEquals(1, idx[0]);
        assertEquals(2, idx[1]);
        assertEquals(5, idx[2]);
    }
}
