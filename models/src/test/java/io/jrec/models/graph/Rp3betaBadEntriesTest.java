package io.jrec.models.graph;

import io.jrec.models.ConcurrencyStressTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.jrec.models.ModelFiles.floats;
import static io.jrec.models.ModelFiles.ints;
import static io.jrec.models.ModelFiles.loadError;
import static io.jrec.models.ModelFiles.saveVersion1;
import static io.jrec.models.ModelFiles.withElement;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An RP3beta file with one bad weight or item index fails to load with a message naming it. */
class Rp3betaBadEntriesTest {

    @Test
    void aBadWeightOrIndexIsNamed() throws IOException {
        Rp3betaRecommender model = Rp3betaRecommender.builder().neighbors(20).threads(1).build()
                .fit(ConcurrencyStressTest.fixture());
        byte[] file = saveVersion1(model);
        int items = model.trainingData().itemCount();
        String nan = loadError(withElement(file, floats(model.weight), 0, Float.floatToIntBits(Float.NaN)));
        assertTrue(nan.contains("RP3beta weight NaN is not positive"), nan);
        String zero = loadError(withElement(file, floats(model.weight), 0, Float.floatToIntBits(0f)));
        assertTrue(zero.contains("RP3beta weight 0.0 is not positive"), zero);
        String index = loadError(withElement(file, ints(model.neighbor), 0, items));
        assertTrue(index.contains("RP3beta item index " + items + " out of range"), index);
    }
}
