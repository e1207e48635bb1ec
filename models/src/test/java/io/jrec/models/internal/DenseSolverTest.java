package io.jrec.models.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dense solver on a hand-computed system. */
class DenseSolverTest {
    @Test
    void solveMatchesAHandComputedSystem() {
        // [2 1; 1 3] x = [3; 5]  ->  det 5, x = ((3*3 - 1*5)/5, (2*5 - 1*3)/5) = (0.8, 1.4)
        double[] x = DenseSolver.solve(new double[]{2, 1, 1, 3}, new double[]{3, 5}, 2);
        assertEquals(0.8, x[0], 1e-12);
        assertEquals(1.4, x[1], 1e-12);
    }
}
