package io.jrec.models.knn;

import io.jrec.models.ConcurrencyStressTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.jrec.models.ModelFiles.floats;
import static io.jrec.models.ModelFiles.ints;
import static io.jrec.models.ModelFiles.loadError;
import static io.jrec.models.ModelFiles.saveVersion1;
import static io.jrec.models.ModelFiles.withElement;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A KNN file with one bad neighbour entry fails to load with a message naming the entry. */
class NeighborListsBadEntriesTest {

    @Test
    void aBadNeighbourEntryIsNamed() throws IOException {
        ItemKnnRecommender knn = ItemKnnRecommender.builder().neighbors(5).implicit(true).build()
                .fit(ConcurrencyStressTest.fixture());
        byte[] file = saveVersion1(knn);
        int items = knn.trainingData().itemCount();
        assertContains("neighbour similarity -1.0 is not positive and finite",
                loadError(withElement(file, floats(knn.model.similarity), 0, Float.floatToIntBits(-1f))));
        assertContains("neighbour similarity NaN is not positive and finite",
                loadError(withElement(file, floats(knn.model.similarity), 0, Float.floatToIntBits(Float.NaN))));
        assertContains("neighbour " + items + " out of range 0.." + (items - 1),
                loadError(withElement(file, ints(knn.model.neighbor), 0, items)));
    }

    static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), message);
    }
}
