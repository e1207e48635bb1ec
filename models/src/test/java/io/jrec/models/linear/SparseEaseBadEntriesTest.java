package io.jrec.models.linear;

import io.jrec.models.ConcurrencyStressTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.jrec.models.ModelFiles.floats;
import static io.jrec.models.ModelFiles.ints;
import static io.jrec.models.ModelFiles.loadError;
import static io.jrec.models.ModelFiles.saveVersion1;
import static io.jrec.models.ModelFiles.withElement;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sparse EASE file with one bad weight or item order fails to load with a message naming it. */
class SparseEaseBadEntriesTest {

    @Test
    void aBadWeightOrOrderIsNamed() throws IOException {
        SparseEaseRecommender model = SparseEaseRecommender.builder().neighbors(10).threads(1).build()
                .fit(ConcurrencyStressTest.fixture());
        byte[] file = saveVersion1(model);
        int items = model.trainingData().itemCount();
        String nan = loadError(withElement(file, floats(model.weight), 0, Float.floatToIntBits(Float.NaN)));
        assertTrue(nan.contains("SparseEASE weight NaN is not finite"), nan);
        int row = 0;
        while (model.start[row + 1] - model.start[row] < 2) {
            row++;
        }
        // the second item of a row made equal to the first: no longer ascending
        String order = loadError(withElement(file, ints(model.target), model.start[row] + 1,
                model.target[model.start[row]]));
        assertTrue(order.contains("SparseEASE row " + row + ": item indices must ascend within 0.." + (items - 1)),
                order);
    }
}
